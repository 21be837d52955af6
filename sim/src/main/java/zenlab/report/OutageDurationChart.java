package zenlab.report;

import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * How long an app's outages last, for each value of a study's varied parameter: the empirical
 * CDF of every outage of every replication, on a log scale of minutes. A restart of a few
 * minutes and a repair of hours sit apart at a glance.
 */
public final class OutageDurationChart {

    private OutageDurationChart() {
    }

    /** One value's outages, pooled over its replications. */
    public record Line(String label, double[] durationsMinutes) {
    }

    public static ChartFiles.Written write(String scenario, String app, List<Line> lines, Path dir, String name)
            throws IOException {
        XYSeriesCollection curves = new XYSeriesCollection();
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        for (Line line : lines) {
            double[] sorted = line.durationsMinutes().clone();
            Arrays.sort(sorted);
            String key = String.format(Locale.ROOT, "%s (%,d outages)", line.label(), sorted.length);
            XYSeries series = new XYSeries(key, false, true);
            for (int i = 0; i < sorted.length; i++) {
                double minutes = Math.max(sorted[i], 1e-3); // a log axis has no zero
                series.add(minutes, i / (double) sorted.length, false);
                series.add(minutes, (i + 1) / (double) sorted.length, false);
                smallest = Math.min(smallest, minutes);
                largest = Math.max(largest, minutes);
            }
            curves.addSeries(series);
        }
        LogAxis x = new LogAxis("outage duration (minutes, log scale)");
        x.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        x.setTickUnit(new NumberTickUnit(1)); // one tick a decade (the unit is in log10 space)
        if (largest > 0) {
            // Whole decades, with a margin so that the end ticks keep their labels.
            x.setRange(Math.pow(10, Math.floor(Math.log10(smallest))) / 1.5, Math.pow(10, Math.ceil(Math.log10(largest))) * 1.5);
        }
        NumberAxis y = new NumberAxis("fraction of outages no longer than this");
        y.setRange(0, 1.02);
        y.setTickUnit(new NumberTickUnit(0.1));
        XYPlot plot = new XYPlot(curves, x, y, ChartStyle.lines(lines.size()));
        JFreeChart chart = ChartStyle.chart(scenario + ": how long outages of " + app + " last",
                "every outage of every replication, by value of the varied parameter", plot, true);
        return ChartFiles.write(chart, dir, name,
                "Cumulative distribution of outage durations of " + app + ". A line that is missing had no outage.");
    }
}
