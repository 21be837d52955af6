package zenlab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import zenlab.model.Cause;

/**
 * The metrics as exported: every family docs/metrics.md lists exists and every one that exists is
 * listed, every metric the Grafana dashboard queries exists, the server parses its address as the
 * docs say and binds where it is told, and the status page shows the fabric, escaped.
 */
class LabMetricsTest {

    private static final Path ROOT = Path.of(System.getProperty("zenlab.root", "..")).toAbsolutePath().normalize();

    /** Metrics with one of each update, as text. */
    static String exercised() throws IOException {
        LabMetrics m = new LabMetrics("s", "live", "openssl", "test");
        m.view(fabric());
        m.mtunnelRequested("crm");
        m.mtunnelEstablished("crm", 1_500_000);
        m.mtunnelRefused("crm", Cause.NO_CONNECTOR_AVAILABLE);
        m.mtunnelEnded("crm", Cause.CONNECTION_LOST);
        m.bytesCarried("crm", 10, 20);
        m.enrolment(Cause.NONE);
        m.handshakeRefused(Cause.UNTRUSTED_CERTIFICATE, "connector");
        m.linkFault("latency", 1);
        m.clock(new LabMetrics.Clock() {
            @Override
            public double simulatedSeconds() {
                return 60;
            }

            @Override
            public double lagSeconds() {
                return 0.002;
            }
        }, 120);
        m.finished(Map.of("app.crm.availability > 0.99", true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, m.registry().scrape(), EscapingScheme.DEFAULT);
        return out.toString(StandardCharsets.UTF_8);
    }

    static LabView fabric() {
        return new LabView() {
            @Override
            public List<BrokerRow> brokers() {
                return List.of(new BrokerRow("broker1a.syd4", "127.0.0.1:4431", 2, 4));
            }

            @Override
            public List<ConnectorRow> connectors() {
                return List.of(new ConnectorRow("Sydney-1", "sydney", "connected"),
                        new ConnectorRow("<b>odd</b>", "sydney", "blocked"));
            }

            @Override
            public List<AppRow> apps() {
                return List.of(new AppRow("crm", List.of("127.0.0.1:5001")));
            }
        };
    }

    private static Set<String> families(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (zenlab_\\w+) (\\w+)").matcher(text);
        while (m.find()) {
            names.add(m.group(1) + (m.group(2).equals("counter") && !m.group(1).endsWith("_total") ? "_total" : ""));
        }
        return names;
    }

    @Test
    void shouldListEveryMetricInTheDocsAndNoOther() throws IOException {
        Set<String> exported = families(exercised());
        assertEquals(18, exported.size(), exported.toString());
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `(zenlab_\\w+)` \\|").matcher(Files.readString(ROOT.resolve("docs/metrics.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(exported, documented, "docs/metrics.md's table against what /metrics exports");
    }

    @Test
    void shouldQueryOnlyExportedMetricsFromTheDashboard() throws IOException {
        String text = exercised();
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("docs/grafana/zenlab-lab.json").toFile());
        assertEquals("datasource", dashboard.path("templating").path("list").get(0).path("type").asText(),
                "the data source is a variable: the dashboard imports into any Grafana");
        List<JsonNode> exprs = dashboard.findValues("expr");
        assertTrue(exprs.size() >= 15, "panels' queries: " + exprs.size());
        Matcher names = Pattern.compile("\\b((?:zenlab|jvm|process)_\\w+)\\{").matcher("");
        int referenced = 0;
        for (JsonNode expr : exprs) {
            names.reset(expr.asText());
            while (names.find()) {
                referenced++;
                String name = names.group(1);
                assertTrue(name.startsWith("jvm_") || name.startsWith("process_")
                        || Pattern.compile("(?m)^" + name + "[{ ]").matcher(text).find(), name + " is not exported: " + expr);
            }
        }
        assertTrue(referenced >= exprs.size(), "every query names a metric");
        for (String name : families(text)) {
            assertTrue(exprs.stream().anyMatch(e -> e.asText().contains(name.replace("_total", ""))),
                    "the dashboard shows " + name);
        }
    }

    @Test
    void shouldParseTheAddressAsTheDocsSay() {
        assertEquals(new InetSocketAddress("127.0.0.1", 0), MetricsServer.parse("0"));
        assertEquals(new InetSocketAddress("127.0.0.1", 9464), MetricsServer.parse(":9464"));
        assertEquals(new InetSocketAddress("::1", 9464), MetricsServer.parse("[::1]:9464"));
        assertEquals(new InetSocketAddress("127.0.0.1", 9464), MetricsServer.parse("127.0.0.1:9464"));
        for (String bad : List.of("", "x", "127.0.0.1:70000", ":-1", "no.such.host.invalid:80")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsServer.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--metrics " + bad + ": "), e.getMessage());
        }
    }

    @Test
    void shouldServeMetricsAndTheStatusPageOnLoopbackOnly() throws Exception {
        LabMetrics metrics = new LabMetrics("s", "up", "openssl", "test");
        metrics.view(fabric());
        metrics.mtunnelEstablished("crm", 2_000_000);
        try (MetricsServer server = MetricsServer.start(metrics, MetricsServer.parse("0"), "zenlab up <s>")) {
            assertEquals("127.0.0.1", server.address().getAddress().getHostAddress());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<td>Sydney-1</td>") && page.body().contains("<td>&lt;b&gt;odd&lt;/b&gt;</td>"),
                    page.body());
            assertTrue(page.body().contains("<title>zenlab up &lt;s&gt;</title>") && page.body().contains("127.0.0.1:5001"));
            assertTrue(page.body().contains("<meta http-equiv=\"refresh\"") && !page.body().contains("<script"),
                    "reloads itself, no script");
            assertTrue(page.body().contains("id=\"established\">1<"), page.body());
            HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(text.body().contains("zenlab_mtunnels_established_total{app=\"crm\"} 1.0"), text.body());
            HttpResponse<String> open = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(open.body().endsWith("# EOF\n"), "OpenMetrics when asked");
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(server.url() + "/other")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
