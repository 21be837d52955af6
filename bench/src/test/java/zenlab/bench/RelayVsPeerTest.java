package zenlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data path table: zenlab's relay as ratios to the peer of the same run and to the run's own limit. */
class RelayVsPeerTest {

    private static String result(String benchmark, String params, double bytesPerS, double busyNs) {
        return "{\"benchmark\": \"zenlab.bench.MtunnelThroughputBenchmark." + benchmark + "\", \"params\": " + params
                + ", \"secondaryMetrics\": {\"bytes\": {\"rawData\": [[" + bytesPerS + "]]},"
                + " \"busyCpuNs\": {\"rawData\": [[" + busyNs + "]]}}}";
    }

    @Test
    void shouldGiveRatiosToThePeerAndToTheLimitOfTheRunsBaselines() throws Exception {
        JsonNode json = new ObjectMapper().readTree("[" + String.join(",",
                result("plainTcpStream", "{}", 2e9, 1e9), // 0.5 ns a byte
                result("rawTlsStream", "{\"provider\": \"openssl\"}", 1e9, 1e9), // 1 ns a byte
                result("rawTlsStream", "{\"provider\": \"jdk\"}", 0.5e9, 1e9),
                result("relay", "{\"connectors\": \"1\", \"streams\": \"1\", \"provider\": \"openssl\"}", 0.9e9, 1.8e9),
                result("relay", "{\"connectors\": \"1\", \"streams\": \"16\", \"provider\": \"openssl\"}", 0.8e9, 1.9e9),
                result("relay", "{\"connectors\": \"2\", \"streams\": \"16\", \"provider\": \"openssl\"}", 0.1e9, 1.9e9))
                + "]");
        List<String> rows = RelayVsPeer.rows(json, new double[] {0.45e9, 0.2e9}, 2);
        // limit: 2 cores x 1e9 / (1 + 2 x 0.5 ns) = 1 GB/s
        assertTrue(rows.get(0).contains("limit 1.00 GB/s"), rows.get(0));
        assertEquals("| 1 stream | 2.00x | 90% | 0.90 | 0.45 | 2.00 |", rows.get(3));
        assertEquals("| 16 streams | 4.00x | 80% | 0.80 | 0.20 | 2.38 |", rows.get(4));
    }

    @Test
    void shouldSayWhichResultIsMissing() throws Exception {
        JsonNode json = new ObjectMapper().readTree("[" + result("plainTcpStream", "{}", 2e9, 1e9) + "]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RelayVsPeer.rows(json, new double[] {1, 1}, 2));
        assertTrue(e.getMessage().contains("rawTlsStream"), e.getMessage());
    }
}
