package zenlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every numeric figure of a summary.json by the path an assertion would name it with
 * ({@code app.crm.availability}, {@code mtunnels.brokenByCause.CONNECTION_LOST}), in the
 * summary's order, without the wall-clock {@code engine} section.
 */
public final class Figures {

    private Figures() {
    }

    public static Map<String, Double> of(JsonNode summary) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String path : AssertionEvaluator.numericPaths(summary)) {
            if (!path.startsWith("engine.")) {
                figures.put(path, AssertionEvaluator.resolve(summary, path).asDouble());
            }
        }
        return figures;
    }
}
