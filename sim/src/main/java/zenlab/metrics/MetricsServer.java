package zenlab.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The lab's metrics endpoint: the Prometheus client's own HTTP server with {@code /metrics}
 * (Prometheus text or OpenMetrics, as the scraper asks) and the status page at {@code /}.
 */
public final class MetricsServer implements AutoCloseable {

    /** Where {@code --metrics} listens when it names only a port. */
    public static final String LOOPBACK = "127.0.0.1";

    /** Longest a response under way may take to finish when the server closes. */
    private static final long CLOSE_GRACE_S = 5;

    private final HTTPServer server;
    private final ExecutorService handlers;
    private final MetricsHistory history;
    private final InetSocketAddress address;

    private MetricsServer(HTTPServer server, ExecutorService handlers, MetricsHistory history, InetSocketAddress address) {
        this.server = server;
        this.handlers = handlers;
        this.history = history;
        this.address = address;
    }

    /**
     * Parses {@code HOST:PORT}, {@code :PORT} or {@code PORT} (loopback), port 0 for any free one.
     * @throws IllegalArgumentException with a line that says what is expected
     */
    public static InetSocketAddress parse(String hostPort) {
        String host = LOOPBACK;
        String port = hostPort;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0) {
            host = hostPort.substring(0, colon).replaceAll("^\\[|]$", "");
            port = hostPort.substring(colon + 1);
            if (host.isEmpty()) {
                host = LOOPBACK;
            }
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("--metrics " + hostPort + ": expected HOST:PORT, :PORT or PORT with a port"
                    + " from 0 (any free one) to 65535, like 127.0.0.1:9464");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), p);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--metrics " + hostPort + ": unknown host " + host
                    + "; expected an address of this machine, like 127.0.0.1");
        }
    }

    /** Starts serving {@code metrics} at {@code address}. */
    public static MetricsServer start(LabMetrics metrics, InetSocketAddress address, String title) throws IOException {
        MetricsHistory history = new MetricsHistory(metrics);
        // Our own threads, so that closing lets the response under way (a final scrape) finish.
        ExecutorService handlers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "zenlab-metrics-http");
            t.setDaemon(true);
            return t;
        });
        try {
            HTTPServer server = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                    .executorService(handlers).registry(metrics.registry())
                    .defaultHandler(new StatusPage(metrics, history, title)).buildAndStart();
            return new MetricsServer(server, handlers, history, new InetSocketAddress(address.getAddress(), server.getPort()));
        } catch (IOException | RuntimeException e) {
            handlers.shutdownNow();
            history.close();
            throw e;
        }
    }

    /** Where it listens, its port resolved. */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code http://HOST:PORT}. */
    public String url() {
        String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Lets the responses under way finish (at most {@link #CLOSE_GRACE_S} s), then stops listening. */
    @Override
    public void close() {
        history.close();
        handlers.shutdown();
        try {
            handlers.awaitTermination(CLOSE_GRACE_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
