package zenlab.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import zenlab.drive.StudyPlan;
import zenlab.report.AssertionOutcome;
import zenlab.report.ChartFiles;
import zenlab.report.JUnitXmlReport;
import zenlab.report.PlanChart;
import zenlab.report.PlanIndexPage;
import zenlab.report.ResultsDirectory;
import zenlab.report.SummaryJson;

/**
 * A plan's files, written atomically into its folder: plan.json (every configuration examined,
 * its verdict, replications and each required figure's estimate), plan.csv, assertions.xml
 * (each requirement passes when a configuration was declared feasible), the chart of cost
 * against the first required figure, and index.html. No wall-clock figure: the same scenario,
 * seed and options give the same files, locally or on a cluster.
 */
public final class PlanResults {

    private PlanResults() {
    }

    /** plan.json. */
    public static ObjectNode json(StudyPlan plan, List<Requirement> requirements, CostExpression cost,
                                  Planner.Options options, Planner.Outcome outcome) {
        ObjectNode json = SummaryJson.object();
        json.put("scenario", plan.scenario().name());
        json.put("seed", plan.scenario().seed());
        json.put("simulatedDaysPerReplication", plan.scenario().durationNs() / 86_400e9);
        ArrayNode parameters = json.putArray("parameters");
        plan.variations().forEach(v -> parameters.add(v.path()));
        json.put("cost", cost.toString());
        json.put("confidence", options.confidence());
        json.put("procedure", "fully sequential feasibility check (Andradottir and Kim 2010; Batur and Kim 2010),"
                + " Bonferroni over configurations and requirements");
        json.put("errorPerRequirement", outcome.beta());
        json.put("h2", outcome.h2());
        json.put("batchSize", options.batchSize());
        json.put("initialBatches", options.initialBatches());
        json.put("maxReplications", plan.replications());
        ArrayNode required = json.putArray("requirements");
        for (Requirement q : requirements) {
            ObjectNode r = required.addObject();
            r.put("expression", q.expression());
            r.put("figure", q.figure());
            r.put("bound", q.atLeast() ? "at least" : "at most");
            r.put("threshold", q.threshold());
            r.put("tolerance", q.tolerance());
        }
        if (outcome.chosen() != null) {
            ObjectNode chosen = json.putObject("chosen");
            chosen.put("value", outcome.chosen().configuration().label());
            chosen.put("cost", outcome.chosen().configuration().cost());
        } else {
            json.putNull("chosen");
        }
        json.put("replications", outcome.replications());
        json.put("fixedGridReplications", outcome.fixedGridReplications());
        SummaryJson.putNumber(json, "fixedGridReplicationsPerPlanReplication",
                (double) outcome.fixedGridReplications() / Math.max(1, outcome.replications()));
        json.put("hindsightGridReplications", outcome.hindsightGridReplications());
        SummaryJson.putNumber(json, "hindsightGridReplicationsPerPlanReplication",
                (double) outcome.hindsightGridReplications() / Math.max(1, outcome.replications()));
        ArrayNode configurations = json.putArray("configurations");
        for (Planner.Examined e : outcome.configurations()) {
            ObjectNode c = configurations.addObject();
            c.put("value", e.configuration().label());
            ObjectNode values = c.putObject("values");
            for (int i = 0; i < plan.variations().size(); i++) {
                values.put(plan.variations().get(i).path(), e.configuration().values().get(i));
            }
            c.put("cost", e.configuration().cost());
            c.put("verdict", e.verdict());
            c.put("replications", e.replications());
            ArrayNode figures = c.putArray("figures");
            for (Planner.Figure f : e.figures()) {
                ObjectNode node = figures.addObject();
                node.put("requirement", f.requirement().expression());
                SummaryJson.putNumber(node, "mean", f.estimate().mean());
                SummaryJson.putNumber(node, "ciLow", f.estimate().low());
                SummaryJson.putNumber(node, "ciHigh", f.estimate().high());
                node.put("verdict", f.verdict());
            }
        }
        return json;
    }

    /** plan.csv: one row per configuration examined and requirement. */
    static String csv(JsonNode json) {
        StringBuilder csv = new StringBuilder("value,cost,verdict,replications,requirement,mean,ci_low,ci_high,"
                + "requirement_verdict\n");
        for (JsonNode c : json.path("configurations")) {
            for (JsonNode f : c.path("figures")) {
                csv.append(quoted(c.path("value").asText())).append(',').append(number(c.path("cost").asDouble()))
                        .append(',').append(c.path("verdict").asText()).append(',').append(c.path("replications").asInt())
                        .append(',').append(quoted(f.path("requirement").asText())).append(',')
                        .append(number(f.path("mean").asDouble(Double.NaN))).append(',')
                        .append(number(f.path("ciLow").asDouble(Double.NaN))).append(',')
                        .append(number(f.path("ciHigh").asDouble(Double.NaN))).append(',')
                        .append(f.path("verdict").asText()).append('\n');
            }
        }
        return csv.toString();
    }

    /** assertions.xml: each requirement, met at the chosen configuration or by none. */
    static List<AssertionOutcome> outcomes(JsonNode json) {
        List<AssertionOutcome> outcomes = new ArrayList<>();
        JsonNode chosen = json.path("chosen");
        int r = 0;
        for (JsonNode q : json.path("requirements")) {
            String expression = q.path("expression").asText();
            JsonNode at = null;
            for (JsonNode c : json.path("configurations")) {
                if (c.path("figures").size() > r && (chosen.isNull() || c.path("value").asText().equals(chosen.path("value").asText()))) {
                    at = c.path("figures").get(r); // the chosen one, or the last examined when none was chosen
                }
            }
            double value = at == null ? Double.NaN : at.path("mean").asDouble(Double.NaN);
            outcomes.add(chosen.isNull()
                    ? AssertionOutcome.unevaluable(expression, "no configuration of the grid was declared feasible"
                        + (at == null ? "" : String.format(Locale.ROOT, " (the costliest examined: %.6g)", value)))
                    : AssertionOutcome.evaluated(expression, true, value));
            r++;
        }
        return outcomes;
    }

    /** Writes the plan's folder atomically; returns it. */
    public static Path write(ObjectNode json, Path outDir, String command, java.util.SortedMap<String, Integer> unitsByMember)
            throws IOException {
        try (ResultsDirectory results = new ResultsDirectory(outDir)) {
            Path dir = results.staging();
            SummaryJson.write(json, dir.resolve("plan.json"));
            Files.writeString(dir.resolve("plan.csv"), csv(json), StandardCharsets.UTF_8);
            String suite = "zenlab plan " + json.path("scenario").asText();
            JUnitXmlReport.write(dir.resolve(JUnitXmlReport.FILE),
                    List.of(new JUnitXmlReport.Suite(suite, suite, outcomes(json))));
            List<ChartFiles.Written> charts = List.of(PlanChart.write(json, dir));
            PlanIndexPage.write(dir, json, charts, command, unitsByMember);
            results.commit();
            return results.target();
        }
    }

    private static String quoted(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.9g", v) : "";
    }
}
