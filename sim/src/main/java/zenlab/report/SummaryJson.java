package zenlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;

/**
 * summary.json: fields in a fixed order, numbers that are not finite written as null (JSON has
 * no NaN), and everything that depends on the wall clock in the last section, {@code engine},
 * so that the rest is byte-identical for the same scenario and seed.
 */
public final class SummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Puts a number, or null when it is NaN or infinite. */
    public static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /** p50, p99, p999 and max of a histogram recorded in ns, in the given unit. */
    public static ObjectNode percentiles(Histogram histogram, double nsPerUnit) {
        ObjectNode node = object();
        if (histogram.getTotalCount() == 0) {
            node.putNull("p50");
            node.putNull("p99");
            node.putNull("p999");
            node.putNull("max");
            return node;
        }
        node.put("p50", histogram.getValueAtPercentile(50) / nsPerUnit);
        node.put("p99", histogram.getValueAtPercentile(99) / nsPerUnit);
        node.put("p999", histogram.getValueAtPercentile(99.9) / nsPerUnit);
        node.put("max", histogram.getMaxValue() / nsPerUnit);
        return node;
    }

    public static void write(ObjectNode summary, Path file) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(summary) + "\n", StandardCharsets.UTF_8);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
