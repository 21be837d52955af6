package zenlab.report;

import java.io.IOException;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A latency histogram as HdrHistogram's percentile plot: latency against percentile on a
 * "nines" axis (0%, 90%, 99%, 99.9%, ...), so that the tail gets as much room as the median.
 * The same data as the .hgrm file beside it.
 */
final class LatencyPercentileChart {

    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private LatencyPercentileChart() {
    }

    /**
     * @param histogram values in ns
     * @return the chart written, or null if the histogram is empty
     */
    static ChartFiles.Written write(Histogram histogram, String title, String what, String unit, double nsPerUnit,
                                    Path dir, String name, String caption) throws IOException {
        if (histogram.getTotalCount() == 0) {
            return null;
        }
        XYSeries series = new XYSeries(what, false, true);
        double maxNines = 0;
        for (HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double p = v.getPercentileLevelIteratedTo() / 100;
            if (p >= 1) {
                break; // the last level is 100%, infinitely far on this axis; the max is in the subtitle
            }
            double nines = -Math.log10(1 - p);
            maxNines = Math.max(maxNines, nines);
            double value = histogram.highestEquivalentValue(v.getValueIteratedTo()) / nsPerUnit;
            if (!series.isEmpty()) {
                series.add(nines, series.getY(series.getItemCount() - 1).doubleValue(), false); // a step, as HdrHistogram plots
            }
            series.add(nines, value, false);
        }
        NumberAxis x = new NumberAxis("percentile");
        x.setRange(0, Math.max(2, Math.ceil(maxNines)) + 0.25); // room for the last tick's label
        x.setTickUnit(new NumberTickUnit(1, new PercentileFormat()));
        NumberAxis y = new NumberAxis(what + " (" + unit + ")");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, ChartStyle.lines(1));
        String subtitle = String.format(Locale.ROOT, "%,d samples   p50 %.3g   p99 %.3g   p99.9 %.3g   max %.3g %s",
                histogram.getTotalCount(), histogram.getValueAtPercentile(50) / nsPerUnit,
                histogram.getValueAtPercentile(99) / nsPerUnit, histogram.getValueAtPercentile(99.9) / nsPerUnit,
                histogram.getMaxValue() / nsPerUnit, unit);
        JFreeChart chart = ChartStyle.chart(title, subtitle, plot, false);
        return ChartFiles.write(chart, dir, name, caption);
    }

    /** Labels the "nines" axis as percentiles: 1 is 90%, 2 is 99%, 3 is 99.9%. */
    static final class PercentileFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double nines, StringBuffer to, FieldPosition pos) {
            long whole = Math.round(nines);
            if (Math.abs(nines - whole) > 1e-9 || whole < 0) {
                return to.append(String.format(Locale.ROOT, "%.4g%%", 100 * (1 - Math.pow(10, -nines))));
            }
            if (whole == 0) {
                return to.append("0%");
            }
            if (whole == 1) {
                return to.append("90%");
            }
            return to.append("99").append(whole > 2 ? "." + "9".repeat((int) whole - 2) : "").append('%');
        }

        @Override
        public StringBuffer format(long nines, StringBuffer to, FieldPosition pos) {
            return format((double) nines, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("labels only");
        }
    }
}
