package zenlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * docs/performance.md's throughput table from a JMH JSON result of {@link MtunnelThroughputBenchmark}
 * ({@code -rf json -rff result.json}): per benchmark and parameters, the median over iterations
 * of the goodput (MB/s), of the busy cores, and of the CPU a byte costs (busy ns / bytes). JMH
 * itself prints means with confidence intervals, which one stalled iteration on a shared
 * machine drags far more than a median.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar zenlab.bench.ThroughputTable result.json}
 */
public final class ThroughputTable {

    private ThroughputTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ThroughputTable JMH_RESULT.json");
            System.exit(2);
        }
        rows(new ObjectMapper().readTree(Path.of(args[0]).toFile())).forEach(System.out::println);
    }

    /** The table's lines, a header first, for a JMH JSON result. */
    static List<String> rows(JsonNode results) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-15s %-52s %6s %6s %8s", "benchmark", "params", "MB/s", "cores", "ns/byte"));
        for (JsonNode result : results) {
            String name = result.path("benchmark").asText().replaceAll(".*\\.", "");
            rows.add(String.format(java.util.Locale.ROOT, "%-15s %-52s %6.0f %6.2f %8.2f", name,
                    result.path("params").toString(), medianBytesPerS(result) / 1e6,
                    median(iterations(result, "busyCpuNs")) / 1e9, medianNsPerByte(result)));
        }
        return rows;
    }

    /** The median over iterations of a result's goodput, bytes a second. */
    static double medianBytesPerS(JsonNode result) {
        return median(iterations(result, "bytes"));
    }

    /** The median over iterations of the CPU a delivered byte cost, busy ns over bytes. */
    static double medianNsPerByte(JsonNode result) {
        double[] bytes = iterations(result, "bytes");
        double[] busy = iterations(result, "busyCpuNs");
        double[] nsPerByte = new double[Math.min(bytes.length, busy.length)];
        for (int i = 0; i < nsPerByte.length; i++) {
            nsPerByte[i] = busy[i] / bytes[i];
        }
        return median(nsPerByte);
    }

    private static double[] iterations(JsonNode result, String metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : result.path("secondaryMetrics").path(metric).path("rawData")) {
            fork.forEach(v -> values.add(v.asDouble()));
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
