package zenlab.report;

import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A run's throughput: the Mbps that active mtunnels carry against the nominal capacity of the
 * connectors up (each group's capacity_mbps per connector), from timeline.csv. Where the two
 * lines meet, new mtunnels are refused for capacity.
 */
final class ThroughputChart {

    static final String NAME = "throughput";
    private static final int BUCKETS = 1500;

    private ThroughputChart() {
    }

    static ChartFiles.Written write(Timeline timeline, double[] mbpsPerConnectorByGroup, String scenario, Path dir)
            throws IOException {
        XYSeriesCollection lines = new XYSeriesCollection();
        lines.addSeries(TimeAxes.steps("served by active mtunnels", timeline.timeS(), timeline.mbpsServed(), BUCKETS));
        lines.addSeries(TimeAxes.steps("capacity of the connectors up", timeline.timeS(),
                timeline.capacityMbps(mbpsPerConnectorByGroup), BUCKETS));
        double spanS = timeline.rows() == 0 ? 0 : timeline.timeS()[timeline.rows() - 1];
        NumberAxis y = new NumberAxis("Mbps");
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = ChartStyle.lines(2);
        renderer.setSeriesPaint(1, ChartStyle.colour(3));
        renderer.setSeriesStroke(1, ChartStyle.DASHED);
        XYPlot plot = new XYPlot(lines, TimeAxes.calendar(spanS), y, renderer);
        JFreeChart chart = ChartStyle.chart(scenario + ": throughput served vs capacity",
                "sampled every " + ConnectorsUpChart.timelineStep(timeline)
                        + " from timeline.csv; capacity is nominal, before double encryption", plot, true);
        return ChartFiles.write(chart, dir, NAME,
                "Mbps carried by active mtunnels and the capacity of the connectors up. "
                        + "Demand above capacity is refused (OVER_CAPACITY), not queued.");
    }
}
