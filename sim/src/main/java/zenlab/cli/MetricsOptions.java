package zenlab.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.Option;
import zenlab.metrics.MetricsServer;
import zenlab.scenario.Durations;

/** {@code --metrics HOST:PORT} and {@code --metrics-linger}, shared by {@code up} and {@code run --mode live}. */
final class MetricsOptions {

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "live: serve Prometheus metrics at /metrics and a live status page at / on this address"
                + " (a bare PORT or :PORT is loopback; 0 for any free port)")
    String address;

    @Option(names = "--metrics-linger", paramLabel = "DURATION", defaultValue = "30s",
            description = "after a live run's end (or up's --for), keep /metrics up until it is scraped once more, at"
                + " most this long (default ${DEFAULT-VALUE}; 0 to stop at once)")
    String linger;

    boolean enabled() {
        return address != null;
    }

    /** The address, checked; an IllegalArgumentException says what is wrong. */
    InetSocketAddress parsedAddress() {
        return MetricsServer.parse(address);
    }

    long lingerNs() {
        if (linger.trim().equals("0")) {
            return 0;
        }
        try {
            return Durations.parseNs(linger);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--metrics-linger " + linger + ": expected " + e.getMessage()
                    + ", or 0 to stop at once");
        }
    }

    /** Where the server is, on one line for the console. */
    static String line(MetricsServer server) {
        return "metrics    " + server.url() + "/metrics   status page " + server.url() + "/";
    }
}
