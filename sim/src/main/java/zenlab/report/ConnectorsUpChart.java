package zenlab.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A run's connectors up (enrolled, connected, serving) in each group over virtual time, from
 * timeline.csv (the fewest up in each row's interval). Up to {@value #MAX_GROUP_SERIES} groups get a line each; a larger fleet gets
 * one line for all groups together, which is what fits in one picture.
 */
final class ConnectorsUpChart {

    static final String NAME = "connectors-up";
    static final int MAX_GROUP_SERIES = 8;
    private static final int BUCKETS = 1500;

    private ConnectorsUpChart() {
    }

    static ChartFiles.Written write(Timeline timeline, String scenario, Path dir) throws IOException {
        XYSeriesCollection lines = new XYSeriesCollection();
        boolean perGroup = timeline.groups().size() <= MAX_GROUP_SERIES;
        if (perGroup) {
            // Each row's fewest covers the interval that ends at the row, so it is drawn from the row before.
            double[] intervalStartS = new double[timeline.rows()];
            for (int r = 1; r < intervalStartS.length; r++) {
                intervalStartS[r] = timeline.timeS()[r - 1];
            }
            for (int g = 0; g < timeline.groups().size(); g++) {
                lines.addSeries(TimeAxes.steps("group " + timeline.groups().get(g), intervalStartS,
                        timeline.fewestUpByGroup()[g], BUCKETS));
            }
        } else {
            lines.addSeries(TimeAxes.steps("all " + timeline.groups().size() + " groups", timeline.timeS(),
                    timeline.upInAllGroups(), BUCKETS));
        }
        double spanS = timeline.rows() == 0 ? 0 : timeline.timeS()[timeline.rows() - 1];
        NumberAxis y = new NumberAxis("connectors up");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(lines, TimeAxes.calendar(spanS), y, ChartStyle.lines(lines.getSeriesCount()));
        String subtitle = perGroup
                ? String.format(Locale.ROOT, "the fewest up in each %s of timeline.csv, so that a short restart shows; "
                        + "each dip is a connector restarting, failed or cut off", timelineStep(timeline))
                : String.format(Locale.ROOT, "connectors up in all groups, sampled every %s from timeline.csv",
                        timelineStep(timeline));
        JFreeChart chart = ChartStyle.chart(scenario + ": connectors up per group", subtitle, plot, true);
        return ChartFiles.write(chart, dir, NAME,
                "Connectors serving in each group over the run. A group at zero means its apps are down.");
    }

    static String timelineStep(Timeline timeline) {
        if (timeline.rows() < 2) {
            return "run";
        }
        double stepS = timeline.timeS()[1] - timeline.timeS()[0];
        return stepS >= 3600 ? String.format(Locale.ROOT, "%.0f h", stepS / 3600)
                : stepS >= 60 ? String.format(Locale.ROOT, "%.0f min", stepS / 60)
                : String.format(Locale.ROOT, "%.0f s", stepS);
    }
}
