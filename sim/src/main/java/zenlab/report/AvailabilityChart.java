package zenlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryLineAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The study's chart: each app's availability for each value of the varied parameter, as bars
 * in "nines" (0.999 is 3 nines) with the 95% confidence interval as whiskers, each bar labelled
 * with its percentage. Availability of exactly 1 (no downtime in any replication) is drawn at
 * the chart's ceiling and labelled "no downtime".
 */
public final class AvailabilityChart {

    /** The top of the nines axis; an availability of 1 is drawn here. */
    static final double CEILING_NINES = 8;
    private static final int WIDTH_PX = 900;
    private static final int HEIGHT_PX = 560;

    private AvailabilityChart() {
    }

    /** Writes the chart of a study.json as availability.png and availability.svg. */
    public static ChartFiles.Written write(JsonNode study, Path dir) throws IOException {
        return ChartFiles.write(chart(study), dir, "availability",
                "Mean availability of each app over the replications, in nines, with its 95% confidence interval "
                        + "as a whisker.", WIDTH_PX, HEIGHT_PX);
    }

    static JFreeChart chart(JsonNode study) {
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        for (JsonNode result : study.path("results")) {
            for (JsonNode app : result.path("apps")) {
                bars.addValue(nines(app.path("availability").path("mean").asDouble()), app.path("name").asText(),
                        result.path("value").asText());
            }
        }
        String varied = study.path("varied").asText();
        CategoryAxis xAxis = new CategoryAxis(axisLabel(varied));
        NumberAxis yAxis = new NumberAxis("availability, in nines (3 = 99.9%, 5 = 99.999%)");
        yAxis.setRange(0, CEILING_NINES + 0.6);
        yAxis.setTickUnit(new NumberTickUnit(1));
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x3B, 0x75, 0xAF));
        renderer.setSeriesPaint(1, new Color(0xEF, 0x85, 0x36));
        renderer.setSeriesPaint(2, new Color(0x51, 0x9E, 0x3E));
        renderer.setMaximumBarWidth(0.18);
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            private static final long serialVersionUID = 1L;

            @Override
            public String generateLabel(CategoryDataset dataset, int row, int column) {
                double a = availabilityOf(study, dataset.getRowKey(row).toString(), dataset.getColumnKey(column).toString());
                return percent(a);
            }
        });
        renderer.setDefaultToolTipGenerator((dataset, row, column) -> tooltip(study,
                dataset.getRowKey(row).toString(), dataset.getColumnKey(column).toString()));
        // At the bar's base, where no whisker reaches.
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.INSIDE6,
                TextAnchor.BOTTOM_CENTER));
        renderer.setDefaultItemLabelPaint(Color.WHITE);
        renderer.setDefaultItemLabelFont(new Font("SansSerif", Font.BOLD, 12));
        renderer.setItemLabelAnchorOffset(8);
        CategoryPlot plot = new CategoryPlot(bars, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        boolean oneApp = bars.getRowCount() == 1;
        if (oneApp) {
            // Whiskers at the category centre line up with the bar only when it is the category's one bar.
            for (JsonNode result : study.path("results")) {
                JsonNode availability = result.path("apps").get(0).path("availability");
                String value = result.path("value").asText();
                if (!availability.path("ciLow").isNumber()) {
                    continue; // no outage in any replication: nothing bounds it from below
                }
                double low = nines(availability.path("ciLow").asDouble());
                double high = nines(Math.min(1, availability.path("ciHigh").asDouble()));
                plot.addAnnotation(new CategoryLineAnnotation(value, low, value, high, Color.BLACK, new BasicStroke(2f)));
            }
        }
        String title = String.format(Locale.ROOT, "%s: availability by %s (%d replications of %.0f days, 95%% CI)",
                study.path("scenario").asText(), axisLabel(varied), study.path("replications").asInt(),
                study.path("simulatedDaysPerReplication").asDouble());
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, !oneApp);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String axisLabel(String varied) {
        return varied.endsWith("connectors") ? "connectors in the group" : varied;
    }

    /** "crm at 2: 99.9998% [99.9996%, 100.0000%], 5.64 nines, 1.2 min down a year" */
    static String tooltip(JsonNode study, String app, String value) {
        for (JsonNode result : study.path("results")) {
            if (result.path("value").asText().equals(value)) {
                for (JsonNode a : result.path("apps")) {
                    if (a.path("name").asText().equals(app)) {
                        JsonNode av = a.path("availability");
                        return app + " at " + value + ": " + HumanNumbers.availability(av.path("mean").asDouble(),
                                av.path("ciLow").asDouble(Double.NaN), av.path("ciHigh").asDouble()) + ", "
                                + HumanNumbers.nines(a.path("nines").isNumber() ? a.path("nines").asDouble()
                                        : Double.POSITIVE_INFINITY) + " nines, "
                                + HumanNumbers.minutes(a.path("downtimeMinutesPerYear").path("mean").asDouble())
                                + " min down a year";
                    }
                }
            }
        }
        return null;
    }

    private static double availabilityOf(JsonNode study, String app, String value) {
        for (JsonNode result : study.path("results")) {
            if (result.path("value").asText().equals(value)) {
                for (JsonNode a : result.path("apps")) {
                    if (a.path("name").asText().equals(app)) {
                        return a.path("availability").path("mean").asDouble();
                    }
                }
            }
        }
        return Double.NaN;
    }

    /** One decimal more than the nines, at most six: 99.6842% (2.5 nines), 99.999770% (5.6 nines). */
    static String percent(double availability) {
        if (!(availability < 1)) {
            return "no downtime";
        }
        int decimals = (int) Math.max(2, Math.min(6, Math.ceil(-Math.log10(1 - availability)) + 1));
        return String.format(Locale.ROOT, "%." + decimals + "f%%", availability * 100);
    }

    /** -log10(1 - A), capped at the ceiling so that A = 1 stays on the chart. */
    static double nines(double availability) {
        if (!(availability < 1)) {
            return CEILING_NINES;
        }
        return Math.max(0, Math.min(CEILING_NINES, -Math.log10(1 - availability)));
    }
}
