package zenlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/performance.md's table: medians over iterations, and the cost of a byte from the same iterations. */
class ThroughputTableTest {

    @Test
    void shouldTakeMediansOfGoodputCoresAndCostPerByte() throws Exception {
        String json = """
                [{"benchmark": "zenlab.bench.MtunnelThroughputBenchmark.relay",
                  "params": {"connectors": "1"},
                  "secondaryMetrics": {
                    "bytes":     {"rawData": [[100e6, 800e6, 900e6]]},
                    "busyCpuNs": {"rawData": [[0.5e9, 1.6e9, 1.8e9]]}}}]
                """;
        List<String> rows = ThroughputTable.rows(new ObjectMapper().readTree(json));
        assertEquals(2, rows.size());
        // median goodput 800 MB/s (one stalled iteration does not drag it), median cores 1.6, each iteration 5 ns, 2 ns, 2 ns a byte
        assertEquals(List.of("relay", "{\"connectors\":\"1\"}", "800", "1.60", "2.00"), List.of(rows.get(1).trim().split("\\s+")));
    }
}
