package zenlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import zenlab.scenario.AssertionSpec;

/**
 * Checks a scenario's assertions against its summary.json. A path walks the summary's fields;
 * a singular segment followed by a name selects from the plural list by name, so
 * {@code app.crm.availability} reads the {@code availability} of the {@code apps} element
 * whose {@code name} is {@code crm}.
 */
public final class AssertionEvaluator {

    private AssertionEvaluator() {
    }

    /**
     * The outcome of each assertion. One whose figure this summary lacks (validate refuses the
     * figures no run can have, so this is one the run did not produce) fails with its reason,
     * and the run's results are still written.
     */
    public static List<AssertionOutcome> evaluate(List<AssertionSpec> assertions, JsonNode summary) {
        List<AssertionOutcome> outcomes = new ArrayList<>();
        for (AssertionSpec assertion : assertions) {
            JsonNode figure = resolve(summary, assertion.path());
            if (figure == null || !figure.isNumber()) {
                outcomes.add(AssertionOutcome.unevaluable(assertion.expression(), "no number '" + assertion.path()
                        + "' in these results (" + assertion.location() + ")"));
                continue;
            }
            double value = figure.asDouble();
            outcomes.add(AssertionOutcome.evaluated(assertion.expression(),
                    assertion.comparison().holds(value, assertion.threshold()), value));
        }
        return outcomes;
    }

    /** The node at a dotted path, or null. */
    static JsonNode resolve(JsonNode root, String path) {
        String[] segments = path.split("\\.");
        JsonNode current = root;
        int i = 0;
        while (i < segments.length) {
            String segment = segments[i];
            if (current.isObject() && current.has(segment)) {
                current = current.get(segment);
                i++;
            } else if (current.isObject() && current.path(segment + "s").isArray() && i + 1 < segments.length) {
                current = byName(current.get(segment + "s"), segments[i + 1]);
                if (current == null) {
                    return null;
                }
                i += 2;
            } else {
                return null;
            }
        }
        return current;
    }

    private static JsonNode byName(JsonNode list, String name) {
        for (JsonNode element : list) {
            if (name.equals(element.path("name").asText(null))) {
                return element;
            }
        }
        return null;
    }

    /** Every numeric figure an assertion may name, for the error message. */
    static List<String> numericPaths(JsonNode summary) {
        List<String> paths = new ArrayList<>();
        collect(summary, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, List<String> paths) {
        if (node.isNumber()) {
            paths.add(prefix);
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("assertions")) {
                    collect(field.getValue(), prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), paths);
                }
            }
        } else if (node.isArray() && prefix.endsWith("s")) {
            String singular = prefix.substring(0, prefix.length() - 1);
            for (JsonNode element : node) {
                if (element.has("name")) {
                    collect(element, singular + "." + element.get("name").asText(), paths);
                }
            }
        }
    }
}
