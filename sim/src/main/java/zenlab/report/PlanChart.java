package zenlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A plan's chart: each configuration examined at its cost (x) and the first required figure's
 * mean with its 95% interval (y; availability in nines), coloured by its verdict, with the
 * requirement's bound drawn across. Hovering a point names the configuration.
 */
public final class PlanChart {

    private static final List<String> VERDICTS = List.of("feasible", "infeasible", "undecided");
    private static final Color[] COLOURS = {new Color(0x1B, 0x7F, 0x3B), new Color(0xC0, 0x39, 0x2B), new Color(0x88, 0x88, 0x88)};

    private PlanChart() {
    }

    public static ChartFiles.Written write(JsonNode plan, Path dir) throws IOException {
        return ChartFiles.write(chart(plan), dir, "plan",
                "Each configuration examined at its cost, with the first requirement's figure and its 95% interval;"
                        + " green feasible, red infeasible, grey undecided; the line is the requirement's bound.");
    }

    static JFreeChart chart(JsonNode plan) {
        JsonNode requirement = plan.path("requirements").get(0);
        boolean nines = requirement.path("figure").asText().endsWith(".availability");
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        YIntervalSeries[] series = new YIntervalSeries[VERDICTS.size()];
        for (int v = 0; v < series.length; v++) {
            series[v] = new YIntervalSeries(VERDICTS.get(v));
            data.addSeries(series[v]);
        }
        for (JsonNode c : plan.path("configurations")) {
            int v = VERDICTS.indexOf(c.path("verdict").asText());
            if (v < 0 || c.path("figures").isEmpty()) {
                continue; // not examined
            }
            JsonNode f = c.path("figures").get(0);
            double mean = f.path("mean").asDouble();
            double low = f.path("ciLow").isNumber() ? f.path("ciLow").asDouble() : mean;
            double high = f.path("ciHigh").isNumber() ? f.path("ciHigh").asDouble() : mean;
            series[v].add(c.path("cost").asDouble(), y(mean, nines), y(low, nines), y(high, nines));
        }
        NumberAxis x = new NumberAxis("cost (" + plan.path("cost").asText() + ")");
        NumberAxis y = new NumberAxis(nines ? requirement.path("figure").asText() + ", in nines (3 = 99.9%)"
                : requirement.path("figure").asText());
        y.setAutoRangeIncludesZero(false);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setErrorStroke(new BasicStroke(2f));
        for (int v = 0; v < COLOURS.length; v++) {
            renderer.setSeriesPaint(v, COLOURS[v]);
            renderer.setSeriesLinesVisible(v, false);
            renderer.setSeriesShapesVisible(v, true);
        }
        renderer.setDefaultToolTipGenerator((dataset, s, item) -> tooltip(plan, VERDICTS.get(s),
                dataset.getXValue(s, item)));
        XYPlot xy = new XYPlot(data, x, y, renderer);
        xy.setBackgroundPaint(Color.WHITE);
        xy.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        ValueMarker bound = new ValueMarker(y(requirement.path("threshold").asDouble(), nines), Color.BLACK,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        bound.setLabel(requirement.path("expression").asText());
        xy.addRangeMarker(bound);
        String title = String.format(Locale.ROOT, "%s: cost against %s (%s)", plan.path("scenario").asText(),
                requirement.path("figure").asText(), plan.path("chosen").isNull() ? "none feasible"
                        : "cheapest feasible: " + plan.path("chosen").path("value").asText());
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), xy, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static double y(double value, boolean nines) {
        if (!nines) {
            return value;
        }
        return value >= 1 ? AvailabilityChart.CEILING_NINES : Math.min(AvailabilityChart.CEILING_NINES, -Math.log10(1 - value));
    }

    /** A figure's value as people read it: availability as a percentage, anything else as a number. */
    static String figure(JsonNode plan, double value) {
        boolean availability = plan.path("requirements").get(0).path("figure").asText().endsWith(".availability");
        return availability ? HumanNumbers.availability(value) : HumanNumbers.number(value);
    }

    /** "group.connectors=2, cost 2: feasible, 99.99966% [..]" for the configurations at that cost. */
    private static String tooltip(JsonNode plan, String verdict, double cost) {
        StringBuilder tip = new StringBuilder();
        for (JsonNode c : plan.path("configurations")) {
            if (c.path("verdict").asText().equals(verdict) && c.path("cost").asDouble() == cost) {
                JsonNode f = c.path("figures").get(0);
                if (tip.length() > 0) {
                    tip.append("; ");
                }
                tip.append(c.path("value").asText()).append(", cost ").append(HumanNumbers.number(cost)).append(": ")
                        .append(verdict).append(", ").append(figure(plan, f.path("mean").asDouble()))
                        .append(" after ").append(c.path("replications").asInt()).append(" replications");
            }
        }
        return tip.toString();
    }
}
