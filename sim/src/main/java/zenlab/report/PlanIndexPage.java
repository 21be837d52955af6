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

/**
 * index.html of a plan: the answer first (the cheapest configuration declared feasible, or
 * none), the requirements and the procedure with its error bound, every configuration in order
 * of cost with its verdict, replications and each required figure, the chart, and links to the
 * files. Opens offline.
 */
public final class PlanIndexPage {

    private PlanIndexPage() {
    }

    public static void write(Path dir, JsonNode plan, List<ChartFiles.Written> charts, String command,
                             SortedMap<String, Integer> unitsByMember) throws IOException {
        String scenario = plan.path("scenario").asText();
        Html html = new Html("zenlab plan: " + scenario);
        html.heading(1, "zenlab plan: " + scenario);
        JsonNode chosen = plan.path("chosen");
        html.paragraph("answer", chosen.isNull()
                ? "No configuration of the grid was declared feasible."
                : "Cheapest configuration declared feasible: " + chosen.path("value").asText() + " (cost "
                        + HumanNumbers.number(chosen.path("cost").asDouble()) + ").");
        html.paragraph("meta", String.format(Locale.ROOT,
                "zenlab %s; %s replications spent (a grid study with the same guarantee: %s, %.1f times as many;"
                        + " sized in hindsight: %s); confidence %s that no verdict outside the tolerances is wrong;"
                        + " batches of %d replications, %d before the first decision; seeds derived from %d, the same"
                        + " for every configuration (common random numbers)",
                Html.zenlabVersion(), HumanNumbers.number(plan.path("replications").asDouble()),
                HumanNumbers.number(plan.path("fixedGridReplications").asDouble()),
                plan.path("fixedGridReplicationsPerPlanReplication").asDouble(),
                HumanNumbers.number(plan.path("hindsightGridReplications").asDouble()), plan.path("confidence").asText(),
                plan.path("batchSize").asInt(), plan.path("initialBatches").asInt(), plan.path("seed").asLong()));
        if (command != null) {
            html.paragraph("meta", "reproduce: " + command);
        }
        html.heading(2, "Requirements");
        List<List<Object>> requirements = new ArrayList<>();
        for (JsonNode q : plan.path("requirements")) {
            requirements.add(List.of(q.path("expression").asText(), q.path("figure").asText(),
                    new Html.Cell(HumanNumbers.number(q.path("tolerance").asDouble()), "num")));
        }
        html.table(List.of("requirement", "figure", "tolerance (either verdict is right within it)"), requirements);
        html.paragraph("meta", "Procedure: " + plan.path("procedure").asText() + "; error per configuration and"
                + " requirement " + String.format(Locale.ROOT, "%.3g", plan.path("errorPerRequirement").asDouble())
                + ", cost " + plan.path("cost").asText() + ".");

        html.heading(2, "Configurations, cheapest first");
        List<String> header = new ArrayList<>(List.of("configuration", "cost", "verdict", "replications"));
        for (JsonNode q : plan.path("requirements")) {
            header.add(q.path("figure").asText() + " [95% CI]");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode c : plan.path("configurations")) {
            List<Object> row = new ArrayList<>(List.of(c.path("value").asText(),
                    new Html.Cell(HumanNumbers.number(c.path("cost").asDouble()), "num"), c.path("verdict").asText(),
                    new Html.Cell(HumanNumbers.number(c.path("replications").asDouble()), "num")));
            int i = 0;
            for (JsonNode q : plan.path("requirements")) {
                JsonNode f = c.path("figures").get(i++);
                row.add(new Html.Cell(f == null ? "" : figure(q, f), "num"));
            }
            rows.add(row);
        }
        html.table(header, rows);
        Files.writeString(dir.resolve(RunIndexPage.FILE), html.finishWith(dir, unitsByMember, charts), StandardCharsets.UTF_8);
    }

    private static String figure(JsonNode requirement, JsonNode f) {
        double mean = f.path("mean").asDouble(Double.NaN);
        double low = f.path("ciLow").asDouble(Double.NaN);
        double high = f.path("ciHigh").asDouble(Double.NaN);
        String verdict = " (" + f.path("verdict").asText() + ")";
        if (requirement.path("figure").asText().endsWith(".availability")) {
            return HumanNumbers.availability(mean, low, high) + verdict;
        }
        return HumanNumbers.number(mean) + " [" + HumanNumbers.number(low) + ", " + HumanNumbers.number(high) + "]" + verdict;
    }
}
