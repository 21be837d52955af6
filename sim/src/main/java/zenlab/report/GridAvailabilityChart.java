package zenlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A grid study's chart for one varied parameter: availability in nines against the parameter's
 * value, one line for each combination of the other parameters' values (and each app, when
 * there are several). Read off study.json's "parameters" and each result's "values".
 */
public final class GridAvailabilityChart {

    private GridAvailabilityChart() {
    }

    /** Writes availability-by-PARAMETER.png and .svg. */
    public static ChartFiles.Written write(JsonNode study, String parameter, Path dir) throws IOException {
        String name = "availability-by-" + parameter.replaceAll("[^A-Za-z0-9_-]+", "-");
        return ChartFiles.write(chart(study, parameter), dir, name,
                "Mean availability in nines against " + parameter + ", one line for each value of the other varied "
                        + "parameters.");
    }

    static JFreeChart chart(JsonNode study, String parameter) {
        List<String> others = new ArrayList<>();
        study.path("parameters").forEach(p -> {
            if (!p.asText().equals(parameter)) {
                others.add(p.asText());
            }
        });
        int apps = study.path("results").path(0).path("apps").size();
        DefaultCategoryDataset lines = new DefaultCategoryDataset();
        for (JsonNode result : study.path("results")) {
            JsonNode values = result.path("values");
            List<String> rest = new ArrayList<>();
            for (String other : others) {
                rest.add(other + "=" + values.path(other).asText());
            }
            for (JsonNode app : result.path("apps")) {
                String series = String.join("; ", rest) + (apps > 1 ? " · " + app.path("name").asText() : "");
                lines.addValue(AvailabilityChart.nines(app.path("availability").path("mean").asDouble()),
                        series.isEmpty() ? app.path("name").asText() : series, values.path(parameter).asText());
            }
        }
        NumberAxis yAxis = new NumberAxis("availability, in nines (3 = 99.9%, 5 = 99.999%)");
        yAxis.setRange(0, AvailabilityChart.CEILING_NINES + 0.6);
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        renderer.setDefaultToolTipGenerator((dataset, row, column) -> dataset.getRowKey(row) + ", " + parameter + "="
                + dataset.getColumnKey(column) + ": " + HumanNumbers.nines(dataset.getValue(row, column).doubleValue())
                + " nines");
        for (int s = 0; s < lines.getRowCount(); s++) {
            renderer.setSeriesStroke(s, new BasicStroke(2f));
        }
        CategoryPlot plot = new CategoryPlot(lines, new CategoryAxis(parameter), yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        String title = String.format(Locale.ROOT, "%s: availability by %s (%d replications of %.0f days)",
                study.path("scenario").asText(), parameter, study.path("replications").asInt(),
                study.path("simulatedDaysPerReplication").asDouble());
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
