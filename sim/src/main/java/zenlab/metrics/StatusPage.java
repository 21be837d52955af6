package zenlab.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.TreeMap;
import zenlab.report.Html;

/**
 * The live status page at {@code /}: the lab's fabric as the console prints it at start, with
 * each connector's state now, and charts of mtunnels and setup latency over the last minutes. A
 * plain page rendered on the server (SVG, no script, nothing fetched from elsewhere) that reloads
 * itself every {@link #REFRESH_S} seconds.
 */
final class StatusPage implements HttpHandler {

    static final int REFRESH_S = 2;
    private static final int CHART_W = 600;
    private static final int CHART_H = 120;

    private final LabMetrics metrics;
    private final MetricsHistory history;
    private final String title;

    StatusPage(LabMetrics metrics, MetricsHistory history, String title) {
        this.metrics = metrics;
        this.history = history;
        this.title = title;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                byte[] body = "not found: this lab serves / (status) and /metrics\n".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] body = render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
            if (!exchange.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    String render() {
        LabView view = metrics.view();
        MetricsHistory.Sample[] samples = history.samples();
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_S).append("\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.2em}")
                .append("td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}th{background:#f3f3f3}")
                .append(".connected{color:#1a7f37}.blocked,.refused,.down{color:#c62828}.paused{color:#9a6700}")
                .append("svg{border:1px solid #ddd;background:#fcfcfc}.n{text-align:right}")
                .append("</style></head><body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        h.append("<p id=\"totals\">mtunnels established <b id=\"established\">").append(metrics.establishedTotal())
                .append("</b>, refused <b id=\"refused\">").append(metrics.refusedTotal())
                .append("</b>, broken <b id=\"broken\">").append(metrics.brokenTotal())
                .append("</b>; this page reloads every ").append(REFRESH_S).append(" s; the numbers are at <a href=\"/metrics\">/metrics</a></p>\n");
        chart(h, "mtunnels per second, last " + minutes(samples) + " (established, refused, broken)", samples,
                new long[][] {column(samples, 0), column(samples, 1), column(samples, 2)},
                new String[] {"#1a7f37", "#c62828", "#9a6700"}, new String[] {"established", "refused", "broken"},
                STEP_DIVISOR, "/s");
        chart(h, "mtunnel setup latency, microseconds (median, 99th percentile)", samples,
                new long[][] {column(samples, 3), column(samples, 4)}, new String[] {"#1565c0", "#8e24aa"},
                new String[] {"median", "p99"}, 1, " us");
        h.append("<h2>brokers</h2>\n<table id=\"brokers\"><tr><th>broker</th><th>address</th>")
                .append("<th>control connections</th><th>data connections</th></tr>\n");
        for (LabView.BrokerRow b : view.brokers()) {
            h.append("<tr><td>").append(Html.escape(b.name())).append("</td><td>").append(Html.escape(b.address()))
                    .append("</td><td class=\"n\">").append(b.controlConnections()).append("</td><td class=\"n\">")
                    .append(b.dataConnections()).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>connectors</h2>\n<p>");
        TreeMap<String, Integer> byState = new TreeMap<>();
        view.connectors().forEach(c -> byState.merge(c.state(), 1, Integer::sum));
        byState.forEach((state, n) -> h.append("<span class=\"").append(Html.escape(state)).append("\">")
                .append(n).append(' ').append(Html.escape(state)).append("</span> "));
        h.append("</p>\n<table id=\"connectors\"><tr><th>connector</th><th>group</th><th>state</th></tr>\n");
        for (LabView.ConnectorRow c : view.connectors()) {
            h.append("<tr><td>").append(Html.escape(c.name())).append("</td><td>").append(Html.escape(c.group()))
                    .append("</td><td class=\"").append(Html.escape(c.state())).append("\">").append(Html.escape(c.state()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>apps</h2>\n<table id=\"apps\"><tr><th>app</th><th>client ports</th></tr>\n");
        for (LabView.AppRow a : view.apps()) {
            h.append("<tr><td>").append(Html.escape(a.name())).append("</td><td>")
                    .append(Html.escape(String.join("  ", a.clientAddresses()))).append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    /** Counts per step become per second. */
    private static final double STEP_DIVISOR = MetricsHistory.STEP_S;

    private static String minutes(MetricsHistory.Sample[] samples) {
        long s = (long) samples.length * MetricsHistory.STEP_S;
        return s < 120 ? s + " s" : s / 60 + " min";
    }

    private static long[] column(MetricsHistory.Sample[] samples, int which) {
        long[] out = new long[samples.length];
        for (int i = 0; i < samples.length; i++) {
            MetricsHistory.Sample s = samples[i];
            out[i] = switch (which) {
                case 0 -> s.established();
                case 1 -> s.refused();
                case 2 -> s.broken();
                case 3 -> s.p50Us();
                default -> s.p99Us();
            };
        }
        return out;
    }

    /** A line chart of {@code series} over the ring's width, scaled to the largest value shown. */
    private static void chart(StringBuilder h, String caption, MetricsHistory.Sample[] samples, long[][] series,
                              String[] colours, String[] names, double divisor, String unit) {
        double max = 0;
        for (long[] s : series) {
            for (long v : s) {
                max = Math.max(max, v / divisor);
            }
        }
        h.append("<h2>").append(Html.escape(caption)).append("</h2>\n<svg width=\"").append(CHART_W).append("\" height=\"")
                .append(CHART_H + 20).append("\" role=\"img\"><title>").append(Html.escape(caption)).append("</title>");
        h.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"14\" font-size=\"11\">max %.1f%s</text>", max, unit));
        for (int s = 0; s < names.length; s++) {
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"11\" fill=\"%s\">%s</text>",
                    CHART_W - 80 * (names.length - s), colours[s], names[s]));
        }
        double xStep = (double) CHART_W / (MetricsHistory.STEPS - 1);
        for (int s = 0; s < series.length; s++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < series[s].length; i++) {
                double x = (MetricsHistory.STEPS - series[s].length + i) * xStep;
                double y = 18 + CHART_H - (max > 0 ? series[s][i] / divisor / max * CHART_H : 0);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            h.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colours[s]).append("\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
        }
        h.append("</svg>\n");
    }
}
