package zenlab.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One upgrade window, minute by minute, for each value of a study's varied parameter: the
 * connectors up in the upgraded group (top) and the active mtunnels (bottom). With one
 * connector the app is down while it restarts; with two, the other carries the mtunnels.
 */
public final class UpgradeWindowChart {

    static final String NAME = "upgrade-window";
    /** Minutes shown after the last change of any line, so that the end of the story is on the chart. */
    private static final double TAIL_MINUTES = 20;

    private UpgradeWindowChart() {
    }

    /** One line pair: a value's label and its samples. */
    public record Line(String label, double[] minutes, double[] connectorsUp, double[] activeMtunnels) {
    }

    public static ChartFiles.Written write(String scenario, String group, List<Line> lines, Path dir) throws IOException {
        XYSeriesCollection up = new XYSeriesCollection();
        XYSeriesCollection mtunnels = new XYSeriesCollection();
        double lastChange = 0;
        for (Line line : lines) {
            up.addSeries(steps(line.label(), line.minutes(), line.connectorsUp()));
            mtunnels.addSeries(steps(line.label(), line.minutes(), line.activeMtunnels()));
            lastChange = Math.max(lastChange, lastChange(line.minutes(), line.connectorsUp()));
        }
        NumberAxis minutes = new NumberAxis("minutes since the upgrade window opened");
        double first = lines.isEmpty() ? 0 : lines.get(0).minutes()[0];
        double end = lines.isEmpty() ? 60 : lines.get(0).minutes()[lines.get(0).minutes().length - 1];
        minutes.setRange(first, Math.min(end, Math.max(lastChange + TAIL_MINUTES, 30)));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(minutes);
        plot.setGap(12);
        NumberAxis upAxis = new NumberAxis("connectors up in " + group);
        upAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        upAxis.setAutoRangeIncludesZero(true);
        XYPlot upPlot = new XYPlot(up, null, upAxis, ChartStyle.lines(lines.size()));
        NumberAxis mtunnelAxis = new NumberAxis("active mtunnels");
        mtunnelAxis.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer mtunnelLines = ChartStyle.lines(lines.size());
        mtunnelLines.setDefaultSeriesVisibleInLegend(false); // the same values as the top plot: one legend
        XYPlot mtunnelPlot = new XYPlot(mtunnels, null, mtunnelAxis, mtunnelLines);
        for (XYPlot p : List.of(upPlot, mtunnelPlot)) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(ChartStyle.GRID);
            p.setRangeGridlinePaint(ChartStyle.GRID);
            ValueMarker opening = new ValueMarker(0, Color.GRAY, ChartStyle.DASHED);
            p.addDomainMarker(opening);
        }
        plot.add(upPlot, 1);
        plot.add(mtunnelPlot, 1);
        JFreeChart chart = ChartStyle.chart(scenario + ": one upgrade window, minute by minute",
                "the first window of group " + group + " in replication 0 of each value; dashed line: window opens",
                plot, true);
        return ChartFiles.write(chart, dir, NAME,
                "Connectors up and active mtunnels through one weekly upgrade window. One connector at a time "
                        + "pauses, restarts and comes back; where nothing else serves, the app is down.",
                ChartFiles.WIDTH_PX, 640);
    }

    private static XYSeries steps(String key, double[] x, double[] y) {
        XYSeries series = new XYSeries(key, false, true);
        for (int i = 0; i < x.length; i++) {
            if (i > 0) {
                series.add(x[i], y[i - 1], false);
            }
            series.add(x[i], y[i], false);
        }
        return series;
    }

    private static double lastChange(double[] x, double[] y) {
        double last = 0;
        for (int i = 1; i < x.length; i++) {
            if (y[i] != y[i - 1]) {
                last = x[i];
            }
        }
        return last;
    }
}
