package zenlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data path table of docs/performance.md, ratios first: zenlab's relay (one connector,
 * BoringSSL) at 1 and 16 streams beside a peer measured in the same run (a stunnel chain, see
 * {@code bench/peers/relay-vs-stunnel.sh}) and beside the limit no relay of this shape can beat
 * on this machine, from the run's own baselines:
 * cores x 10^9 / (ns a byte of the raw TLS stream + 2 x ns a byte of the plain TCP stream).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar zenlab.bench.RelayVsPeer tp.json PEER_1 PEER_16},
 * the peer's goodput at 1 and 16 streams in bytes a second.
 */
public final class RelayVsPeer {

    private RelayVsPeer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: RelayVsPeer JMH_RESULT.json PEER_BYTES_PER_S_1_STREAM PEER_BYTES_PER_S_16_STREAMS");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        double[] peer = {Double.parseDouble(args[1]), Double.parseDouble(args[2])};
        rows(results, peer, Runtime.getRuntime().availableProcessors()).forEach(System.out::println);
    }

    static List<String> rows(JsonNode results, double[] peerBytesPerS, int cores) {
        double rawNsPerByte = ThroughputTable.medianNsPerByte(find(results, "rawTlsStream", "openssl", -1));
        double plainNsPerByte = ThroughputTable.medianNsPerByte(find(results, "plainTcpStream", null, -1));
        double limitBytesPerS = cores * 1e9 / (rawNsPerByte + 2 * plainNsPerByte);
        List<String> rows = new ArrayList<>();
        rows.add("measured side by side in one run on " + LocalDate.now(ZoneOffset.UTC) + ", " + cores + " cores;"
                + String.format(Locale.ROOT, " limit %.2f GB/s = %d x 1e9 / (%.2f ns raw TLS + 2 x %.2f ns plain TCP a byte)",
                limitBytesPerS / 1e9, cores, rawNsPerByte, plainNsPerByte));
        rows.add("| 1 connector | zenlab / stunnel chain | zenlab / limit | zenlab GB/s | stunnel chain GB/s | zenlab ns a byte |");
        rows.add("| --- | ---: | ---: | ---: | ---: | ---: |");
        int[] streams = {1, 16};
        for (int i = 0; i < streams.length; i++) {
            JsonNode relay = find(results, "relay", "openssl", streams[i]);
            double zenlab = ThroughputTable.medianBytesPerS(relay);
            rows.add(String.format(Locale.ROOT, "| %d stream%s | %.2fx | %.0f%% | %.2f | %.2f | %.2f |", streams[i],
                    streams[i] == 1 ? "" : "s", zenlab / peerBytesPerS[i], 100 * zenlab / limitBytesPerS, zenlab / 1e9,
                    peerBytesPerS[i] / 1e9, ThroughputTable.medianNsPerByte(relay)));
        }
        return rows;
    }

    /** The result of {@code benchmark} with one connector, the given provider (or none) and streams (or any). */
    private static JsonNode find(JsonNode results, String benchmark, String provider, int streams) {
        for (JsonNode r : results) {
            JsonNode p = r.path("params");
            if (r.path("benchmark").asText().endsWith("." + benchmark)
                    && (provider == null || provider.equals(p.path("provider").asText()))
                    && (streams < 0 || (p.path("streams").asInt() == streams && p.path("connectors").asInt() == 1))) {
                return r;
            }
        }
        throw new IllegalArgumentException("no " + benchmark + " result" + (provider == null ? "" : " for " + provider)
                + (streams < 0 ? "" : " with 1 connector and " + streams + " streams") + " in the JMH result");
    }
}
