package zenlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pieces of zenlab's static index pages: escaping, tables from summary JSON, figures and
 * the file list. No script and no external resource, so a page opens offline from disk.
 */
public final class Html {

    /** Rows of a long list shown before "and N more" (the whole list is in the JSON). */
    static final int MAX_TABLE_ROWS = 50;

    private static final String STYLE = """
            body { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1000px;
                   color: #222; line-height: 1.4; padding: 0 1em; }
            h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.15em; margin-top: 1.8em;
                   border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
            .meta { color: #555; } table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
            th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f4f6f8; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .pass { color: #1d7a2e; font-weight: bold; } .fail { color: #b3261e; font-weight: bold; }
            figure { margin: 1.2em 0; } figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { color: #555; font-size: 0.9em; } pre { background: #f7f7f7; padding: 0.8em;
                   overflow-x: auto; font-size: 0.85em; }
            """;

    private final StringBuilder page = new StringBuilder(16_384);

    Html(String title) {
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    }

    /** The version from the jar's manifest; {@code dev} when run from classes. */
    static String zenlabVersion() {
        String version = Html.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    Html heading(int level, String text) {
        page.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    Html paragraph(String cssClass, String text) {
        page.append("<p class=\"").append(cssClass).append("\">").append(escape(text)).append("</p>\n");
        return this;
    }

    Html preformatted(List<String> lines) {
        page.append("<pre>");
        for (String line : lines) {
            page.append(escape(line)).append('\n');
        }
        page.append("</pre>\n");
        return this;
    }

    /** A table of rows of cells; numbers are right-aligned. */
    Html table(List<String> header, List<List<Object>> rows) {
        page.append("<table>\n<tr>");
        for (String h : header) {
            page.append("<th>").append(escape(h)).append("</th>");
        }
        page.append("</tr>\n");
        for (List<Object> row : rows) {
            page.append("<tr>");
            for (Object cell : row) {
                if (cell instanceof Cell c) {
                    page.append("<td class=\"").append(c.cssClass()).append("\">").append(escape(c.text())).append("</td>");
                } else if (cell instanceof Number || cell instanceof JsonNode j && j.isNumber()) {
                    page.append("<td class=\"num\">").append(escape(text(cell))).append("</td>");
                } else {
                    page.append("<td>").append(escape(text(cell))).append("</td>");
                }
            }
            page.append("</tr>\n");
        }
        page.append("</table>\n");
        return this;
    }

    /** A cell with its own style, like a PASS or FAIL. */
    record Cell(String text, String cssClass) {
    }

    /** A JSON object's fields as a two-column table; nested objects inline as "key: value, ...". */
    Html fields(JsonNode object) {
        List<List<Object>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            rows.add(List.of(words(field.getKey()), figure(field.getKey(), field.getValue())));
        }
        return table(List.of("figure", "value"), rows);
    }

    /** A JSON array of objects as a table, one column per scalar field of the first element. */
    Html list(JsonNode array) {
        if (array.isEmpty()) {
            return paragraph("meta", "none");
        }
        List<String> keys = new ArrayList<>();
        array.get(0).fieldNames().forEachRemaining(keys::add);
        List<String> header = new ArrayList<>();
        keys.forEach(k -> header.add(words(k)));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(array.size(), MAX_TABLE_ROWS); i++) {
            List<Object> row = new ArrayList<>();
            for (String key : keys) {
                row.add(figure(key, array.get(i).path(key)));
            }
            rows.add(row);
        }
        table(header, rows);
        if (array.size() > MAX_TABLE_ROWS) {
            paragraph("meta", String.format(Locale.ROOT, "and %,d more: see summary.json", array.size() - MAX_TABLE_ROWS));
        }
        return this;
    }

    /** A chart inline (hover a bar or point for its value), with links to its SVG and PNG files. */
    Html figure(ChartFiles.Written chart) {
        page.append("<figure>\n").append(chart.inlineSvg()).append("\n<figcaption>").append(escape(chart.caption()))
                .append(" (<a class=\"chart\" href=\"").append(escape(chart.name() + ".svg")).append("\">SVG</a>, <a href=\"")
                .append(escape(chart.name() + ".png")).append("\">PNG</a>)</figcaption>\n</figure>\n");
        return this;
    }

    /** Links to every file of the folder but the page itself, with their sizes. */
    /** A study's or plan's last sections: where its units ran, its charts, its files; returns the page. */
    String finishWith(Path dir, java.util.SortedMap<String, Integer> unitsByMember, java.util.List<ChartFiles.Written> charts)
            throws IOException {
        if (!unitsByMember.isEmpty()) {
            heading(2, "Where the units ran");
            java.util.List<java.util.List<Object>> members = new java.util.ArrayList<>();
            unitsByMember.forEach((member, units) -> members.add(java.util.List.of(member, units)));
            table(java.util.List.of("member", "units"), members);
        }
        heading(2, "Charts");
        charts.forEach(this::figure);
        heading(2, "Files");
        files(dir, RunIndexPage.FILE);
        return finish();
    }

    Html files(Path dir, String self) throws IOException {
        page.append("<table>\n<tr><th>file</th><th>bytes</th></tr>\n");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = escape(file.getFileName().toString());
                if (!file.getFileName().toString().equals(self) && Files.isRegularFile(file)) {
                    page.append("<tr><td><a href=\"").append(name).append("\">").append(name).append("</a></td><td class=\"num\">")
                            .append(String.format(Locale.ROOT, "%,d", Files.size(file))).append("</td></tr>\n");
                }
            }
        }
        page.append("</table>\n");
        return this;
    }

    String finish() {
        return page.append("</body>\n</html>\n").toString();
    }

    /** "downtimeSeconds" as "downtime seconds"; names like "NO_CONNECTOR_AVAILABLE" stay as they are. */
    static String words(String camel) {
        if (camel.indexOf('_') >= 0 || camel.chars().noneMatch(Character::isLowerCase)) {
            return camel;
        }
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(camel.charAt(i - 1))) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A figure of summary.json as a cell, formatted by what its name says it is: an availability
     * as a percentage, nines to 2 decimals, minutes to 1, counts with separators; objects inline.
     */
    static Object figure(String key, JsonNode value) {
        if (value.isNumber()) {
            return new Cell(number(key, value), "num");
        }
        if (value.isObject()) {
            List<String> parts = new ArrayList<>();
            value.fields().forEachRemaining(f -> parts.add(words(f.getKey()) + ": "
                    + (f.getValue().isNumber() ? number(f.getKey(), f.getValue()) : text(figure(f.getKey(), f.getValue())))));
            return String.join(", ", parts);
        }
        return value;
    }

    /** A number named {@code key}, as people read it. */
    static String number(String key, JsonNode value) {
        if (value.isIntegralNumber()) {
            return HumanNumbers.count(value.asLong());
        }
        String k = key.toLowerCase(Locale.ROOT);
        double v = value.asDouble();
        if (k.contains("availability")) {
            return HumanNumbers.availability(v);
        }
        if (k.contains("nines")) {
            return HumanNumbers.nines(v);
        }
        if (k.contains("minutes")) {
            return HumanNumbers.minutes(v);
        }
        return HumanNumbers.number(v);
    }

    /** A cell's text: numbers to 4 significant digits, nested objects inline. */
    static String text(Object value) {
        if (value instanceof Cell c) {
            return c.text();
        }
        if (value instanceof JsonNode node) {
            if (node.isNull() || node.isMissingNode()) {
                return "";
            }
            if (node.isIntegralNumber()) {
                return String.format(Locale.ROOT, "%,d", node.asLong());
            }
            if (node.isNumber()) {
                return number(node.asDouble());
            }
            if (node.isObject()) {
                List<String> parts = new ArrayList<>();
                node.fields().forEachRemaining(f -> parts.add(words(f.getKey()) + ": " + text(f.getValue())));
                return String.join(", ", parts);
            }
            if (node.isArray()) {
                List<String> parts = new ArrayList<>();
                node.forEach(n -> parts.add(text(n)));
                return String.join(", ", parts);
            }
            return node.asText();
        }
        if (value instanceof Double d) {
            return number(d);
        }
        return String.valueOf(value);
    }

    static String number(double value) {
        return HumanNumbers.number(value);
    }
}
