package zenlab.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import zenlab.report.AssertionEvaluator;
import zenlab.report.AssertionOutcome;
import zenlab.report.JUnitXmlReport;
import zenlab.scenario.AssertionSpec;

/**
 * A study's assertions, for assertions.xml: the scenario's assertions checked at each point
 * of the study on the mean over its replications ({@code app.crm.availability >= 0.999} reads
 * the point's mean availability of crm). A study keeps fewer figures than a run (availability,
 * downtime, outages and mtunnels per app and point); an assertion on another fails with the
 * reason. One testsuite per point.
 */
final class StudyAssertions {

    private StudyAssertions() {
    }

    static List<JUnitXmlReport.Suite> suites(ObjectNode study, List<Study.Point> points) {
        List<AssertionSpec> assertions = points.get(0).scenario().assertions();
        if (assertions.isEmpty()) {
            return List.of();
        }
        String name = study.path("scenario").asText();
        String varied = study.path("varied").asText();
        List<JUnitXmlReport.Suite> suites = new ArrayList<>();
        for (JsonNode result : study.path("results")) {
            List<AssertionOutcome> outcomes = AssertionEvaluator.evaluate(assertions, means(result));
            String suite = "zenlab study " + name + " at " + varied + "=" + result.path("value").asText()
                    + " (means of " + study.path("replications").asText() + " replications)";
            suites.add(new JUnitXmlReport.Suite(suite, suite, outcomes));
        }
        return suites;
    }

    /** The node with every estimate ({@code {mean, ciLow, ...}}) replaced by its mean. */
    static JsonNode means(JsonNode node) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (node.isObject()) {
            JsonNode mean = node.get("mean");
            if (mean != null && mean.isNumber()) {
                return mean;
            }
            ObjectNode copy = json.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                copy.set(f.getKey(), means(f.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = json.arrayNode();
            node.forEach(e -> copy.add(means(e)));
            return copy;
        }
        return node;
    }
}
