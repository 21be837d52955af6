package zenlab.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A run's refusals and breaks by cause over time, from causes.csv on timeline.csv's clock: one
 * line per event and cause (mtunnels per timeline interval), so that a broker outage, an upgrade
 * window or a capacity limit shows where it struck and what it cost.
 */
final class CauseTimelineChart {

    static final String NAME = "causes-over-time";
    private static final int BUCKETS = 1500;

    private CauseTimelineChart() {
    }

    /** The chart, or null when nothing was refused or broken. */
    static ChartFiles.Written write(Timeline timeline, Path causesCsv, String scenario, Path dir) throws IOException {
        Map<String, double[]> byCause = read(causesCsv, timeline.timeS());
        if (byCause.isEmpty()) {
            return null;
        }
        XYSeriesCollection lines = new XYSeriesCollection();
        byCause.forEach((key, counts) -> lines.addSeries(TimeAxes.steps(key, timeline.timeS(), counts, BUCKETS)));
        double spanS = timeline.rows() == 0 ? 0 : timeline.timeS()[timeline.rows() - 1];
        NumberAxis y = new NumberAxis("mtunnels per interval");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(lines, TimeAxes.calendar(spanS), y, ChartStyle.lines(byCause.size()));
        JFreeChart chart = ChartStyle.chart(scenario + ": mtunnels refused and broken, by cause",
                "per " + ConnectorsUpChart.timelineStep(timeline) + ", from causes.csv", plot, true);
        return ChartFiles.write(chart, dir, NAME,
                "Mtunnels refused (never established) and broken (cut while carrying traffic) in each timeline "
                        + "interval, by cause.");
    }

    /** Each "event cause" as counts on the timeline's rows, in a stable order (event, then cause). */
    static Map<String, double[]> read(Path csv, double[] timeS) throws IOException {
        Map<String, double[]> series = new TreeMap<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",", -1);
                int row = Arrays.binarySearch(timeS, Double.parseDouble(cells[0]));
                if (row >= 0) {
                    series.computeIfAbsent(cells[2] + " " + cells[3], k -> new double[timeS.length])[row] +=
                            Long.parseLong(cells[4]);
                }
            }
        }
        return new LinkedHashMap<>(series);
    }
}
