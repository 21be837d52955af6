package zenlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * index.html of a study: what was replicated and varied, each value's figures with their 95%
 * confidence intervals as a table, the charts, and links to the raw files. Opens offline.
 */
public final class StudyIndexPage {

    private StudyIndexPage() {
    }

    public static void write(Path dir, JsonNode study, List<ChartFiles.Written> charts) throws IOException {
        String scenario = study.path("scenario").asText();
        Html html = new Html("zenlab study: " + scenario);
        html.heading(1, "zenlab study: " + scenario);
        html.paragraph("meta", String.format(Locale.ROOT,
                "zenlab %s; %d replications of %.4g days for each value of %s; seeds derived from %d "
                        + "(replication r uses the same seed for every value, so values are compared on common random numbers)",
                Html.zenlabVersion(), study.path("replications").asInt(),
                study.path("simulatedDaysPerReplication").asDouble(), study.path("varied").asText(),
                study.path("seed").asLong()));

        html.heading(2, "Availability and outages");
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode result : study.path("results")) {
            for (JsonNode app : result.path("apps")) {
                JsonNode a = app.path("availability");
                JsonNode d = app.path("downtimeMinutesPerYear");
                JsonNode o = app.path("outageDurationMinutes");
                rows.add(List.of(result.path("value").asText(), app.path("name").asText(),
                        String.format(Locale.ROOT, "%s [%s, %s]", Html.number(a.path("mean").asDouble()),
                                Html.number(a.path("ciLow").asDouble()), Html.number(a.path("ciHigh").asDouble())),
                        app.path("nines").isNumber() ? String.format(Locale.ROOT, "%.2f", app.path("nines").asDouble())
                                : "no downtime",
                        String.format(Locale.ROOT, "%.1f ± %.1f", d.path("mean").asDouble(),
                                d.path("ciHalfWidth").asDouble()),
                        app.path("outagesPerYear").path("mean"),
                        o.path("p50"), o.path("p90"),
                        app.path("longestOutageMinutes").path("max")));
            }
        }
        html.table(List.of("value", "app", "availability [95% CI]", "nines", "downtime min/year (± 95% CI)",
                "outages/year", "outage p50 min", "outage p90 min", "longest outage min"), rows);

        html.heading(2, "mtunnels per year");
        List<List<Object>> mtunnels = new ArrayList<>();
        for (JsonNode result : study.path("results")) {
            JsonNode broken = result.path("mtunnelsBrokenPerYear");
            mtunnels.add(List.of(result.path("value").asText(), broken.path("mean"), broken.path("ciHalfWidth"),
                    broken.path("byCause"), result.path("mtunnelsRefusedPerYear").path("mean")));
        }
        html.table(List.of("value", "broken", "± 95% CI", "broken by cause", "refused"), mtunnels);

        html.heading(2, "Charts");
        charts.forEach(html::figure);
        html.heading(2, "Files");
        html.files(dir, RunIndexPage.FILE);
        Files.writeString(dir.resolve(RunIndexPage.FILE), html.finish(), StandardCharsets.UTF_8);
    }
}
