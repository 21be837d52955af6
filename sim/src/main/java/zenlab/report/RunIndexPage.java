package zenlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * index.html of a run: what ran, the assertions, the console summary, every section of
 * summary.json as a table, the charts, and links to the raw files. Opens offline.
 */
public final class RunIndexPage {

    public static final String FILE = "index.html";
    /** Sections shown elsewhere on the page, or not tables. */
    private static final List<String> HEADER_FIELDS = List.of("scenario", "seed", "mode", "simulatedSeconds", "journal",
            "journalLines", "assertions", "engine");

    private RunIndexPage() {
    }

    public static void write(Path dir, ObjectNode summary, List<String> consoleLines,
                             List<AssertionOutcome> assertions, List<ChartFiles.Written> charts)
            throws IOException {
        String scenario = summary.path("scenario").asText();
        Html html = new Html("zenlab: " + scenario);
        html.heading(1, "zenlab run: " + scenario);
        JsonNode engine = summary.path("engine");
        html.paragraph("meta", String.format(Locale.ROOT,
                "zenlab %s, mode %s, seed %d, %s of virtual time (from %s), %,d events in %.2f s, journal level %s",
                Html.zenlabVersion(), summary.path("mode").asText(), summary.path("seed").asLong(),
                humanDuration(summary.path("simulatedSeconds").asDouble()), VirtualClock.iso(0),
                engine.path("events").asLong(), engine.path("wallSeconds").asDouble(), summary.path("journal").asText()));

        html.heading(2, "Assertions");
        if (assertions.isEmpty()) {
            html.paragraph("meta", "The scenario states none.");
        } else {
            List<List<Object>> rows = new ArrayList<>();
            for (AssertionOutcome a : assertions) {
                rows.add(List.of(new Html.Cell(a.passed() ? "PASS" : "FAIL", a.passed() ? "pass" : "fail"),
                        a.expression(), !a.evaluated() ? a.reason() : new Html.Cell(a.expression().contains("availability")
                                ? HumanNumbers.availability(a.value()) : HumanNumbers.number(a.value()), "num")));
            }
            html.table(List.of("outcome", "assertion", "value in this run"), rows);
        }

        html.heading(2, "Summary");
        html.preformatted(consoleLines);

        if (!charts.isEmpty()) {
            html.heading(2, "Charts");
            charts.forEach(html::figure);
        }

        for (Iterator<Map.Entry<String, JsonNode>> it = summary.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            if (HEADER_FIELDS.contains(section.getKey()) || section.getValue().isValueNode()) {
                continue;
            }
            String heading = Html.words(section.getKey());
            html.heading(2, Character.toUpperCase(heading.charAt(0)) + heading.substring(1));
            if (section.getValue().isArray()) {
                html.list(section.getValue());
            } else {
                html.fields(section.getValue());
            }
        }

        html.heading(2, "Files");
        html.files(dir, FILE);
        Files.writeString(dir.resolve(FILE), html.finish(), StandardCharsets.UTF_8);
    }

    static String humanDuration(double seconds) {
        if (seconds >= 86_400) {
            return String.format(Locale.ROOT, "%.4g days", seconds / 86_400);
        }
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%.4g hours", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.4g s", seconds);
    }
}
