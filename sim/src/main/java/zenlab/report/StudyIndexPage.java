package zenlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * index.html of a study: what was replicated and varied, each value's figures with their 95%
 * confidence intervals as a table, the charts, and links to the raw files. Opens offline.
 */
public final class StudyIndexPage {

    private StudyIndexPage() {
    }

    public static void write(Path dir, JsonNode study, List<ChartFiles.Written> charts) throws IOException {
        write(dir, study, charts, null, new TreeMap<>());
    }

    /**
     * The page, with the command line that reproduces the study and how many units each member
     * ran (a grid gets a table per app, one row per point).
     *
     * @param command the command line, or null
     */
    public static void write(Path dir, JsonNode study, List<ChartFiles.Written> charts, String command,
                             SortedMap<String, Integer> unitsByMember) throws IOException {
        String scenario = study.path("scenario").asText();
        Html html = new Html("zenlab study: " + scenario);
        html.heading(1, "zenlab study: " + scenario);
        html.paragraph("meta", String.format(Locale.ROOT,
                "zenlab %s; %d replications of %.4g days for each value of %s; seeds derived from %d "
                        + "(replication r uses the same seed for every value, so values are compared on common random numbers)",
                Html.zenlabVersion(), study.path("replications").asInt(),
                study.path("simulatedDaysPerReplication").asDouble(), study.path("varied").asText(),
                study.path("seed").asLong()));

        if (command != null) {
            html.paragraph("meta", "reproduce: " + command);
        }
        if (study.has("parameters")) {
            gridTables(html, study);
        }
        html.heading(2, "Availability and outages");
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode result : study.path("results")) {
            for (JsonNode app : result.path("apps")) {
                JsonNode a = app.path("availability");
                JsonNode d = app.path("downtimeMinutesPerYear");
                JsonNode o = app.path("outageDurationMinutes");
                rows.add(List.of(result.path("value").asText(), app.path("name").asText(), availability(a),
                        nines(app), downtime(d), num(HumanNumbers.number(app.path("outagesPerYear").path("mean").asDouble())),
                        num(HumanNumbers.minutes(o.path("p50").asDouble())), num(HumanNumbers.minutes(o.path("p90").asDouble())),
                        num(HumanNumbers.minutes(app.path("longestOutageMinutes").path("max").asDouble()))));
            }
        }
        html.table(List.of("value", "app", "availability [95% CI]", "nines", "downtime min/year [95% CI]",
                "outages/year", "outage p50 min", "outage p90 min", "longest outage min"), rows);

        html.heading(2, "mtunnels per year");
        List<List<Object>> mtunnels = new ArrayList<>();
        for (JsonNode result : study.path("results")) {
            JsonNode broken = result.path("mtunnelsBrokenPerYear");
            mtunnels.add(List.of(result.path("value").asText(), num(HumanNumbers.number(broken.path("mean").asDouble())),
                    num(HumanNumbers.number(broken.path("ciHalfWidth").asDouble())), Html.figure("byCause", broken.path("byCause")),
                    num(HumanNumbers.number(result.path("mtunnelsRefusedPerYear").path("mean").asDouble()))));
        }
        html.table(List.of("value", "broken", "± 95% CI", "broken by cause", "refused"), mtunnels);

        Files.writeString(dir.resolve(RunIndexPage.FILE), html.finishWith(dir, unitsByMember, charts), StandardCharsets.UTF_8);
    }

    private static Html.Cell availability(JsonNode a) {
        return num(HumanNumbers.availability(a.path("mean").asDouble(), a.path("ciLow").asDouble(),
                a.path("ciHigh").asDouble()));
    }

    private static Html.Cell nines(JsonNode app) {
        return num(app.path("nines").isNumber() ? HumanNumbers.nines(app.path("nines").asDouble()) : "no downtime");
    }

    private static Html.Cell downtime(JsonNode d) {
        String high = d.path("ciHigh").isNumber() ? HumanNumbers.minutes(d.path("ciHigh").asDouble()) : "?";
        return num(HumanNumbers.minutes(d.path("mean").asDouble()) + " [" + HumanNumbers.minutes(d.path("ciLow").asDouble())
                + ", " + high + "]");
    }

    private static Html.Cell num(String text) {
        return new Html.Cell(text, "num");
    }

    /** A grid's table per app: one row per point, a column per varied parameter. */
    private static void gridTables(Html html, JsonNode study) {
        List<String> parameters = new ArrayList<>();
        study.path("parameters").forEach(p -> parameters.add(p.asText()));
        JsonNode first = study.path("results").path(0).path("apps");
        for (int a = 0; a < first.size(); a++) {
            html.heading(2, "App " + first.get(a).path("name").asText() + " over the grid");
            List<String> header = new ArrayList<>(parameters);
            header.addAll(List.of("availability [95% CI]", "nines", "downtime min/year [95% CI]", "outages/year",
                    "longest outage min"));
            List<List<Object>> rows = new ArrayList<>();
            for (JsonNode result : study.path("results")) {
                JsonNode app = result.path("apps").get(a);
                JsonNode av = app.path("availability");
                JsonNode d = app.path("downtimeMinutesPerYear");
                List<Object> row = new ArrayList<>();
                parameters.forEach(p -> row.add(result.path("values").path(p).asText()));
                row.add(availability(av));
                row.add(nines(app));
                row.add(downtime(d));
                row.add(num(HumanNumbers.number(app.path("outagesPerYear").path("mean").asDouble())));
                row.add(num(HumanNumbers.minutes(app.path("longestOutageMinutes").path("max").asDouble())));
                rows.add(row);
            }
            html.table(header, rows);
        }
    }
}
