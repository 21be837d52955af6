package zenlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The charts every run draws from its own results files, by kind of world. */
public final class RunCharts {

    private static final double NS_PER_MS = 1e6;
    private static final double NS_PER_S = 1e9;

    private RunCharts() {
    }

    /**
     * A fleet run's charts: connectors up per group and throughput against capacity (when
     * timeline.csv has at least two rows), refusals and breaks by cause over time (when there were
     * any), and mtunnel setup latency percentiles.
     *
     * @param capacityMbpsByGroup each group's capacity_mbps per connector, in timeline.csv's group order
     */
    public static List<ChartFiles.Written> fleet(Path dir, String scenario, double[] capacityMbpsByGroup,
                                                 Histogram setupLatencyNs) throws IOException {
        List<ChartFiles.Written> charts = new ArrayList<>();
        Path csv = dir.resolve("timeline.csv");
        if (Files.exists(csv)) {
            Timeline timeline = Timeline.read(csv);
            if (timeline.rows() >= 2) {
                charts.add(ConnectorsUpChart.write(timeline, scenario, dir));
                charts.add(ThroughputChart.write(timeline, capacityMbpsByGroup, scenario, dir));
                Path causes = dir.resolve(CauseTimelineWriter.FILE);
                ChartFiles.Written byCause = Files.exists(causes)
                        ? CauseTimelineChart.write(timeline, causes, scenario, dir) : null;
                if (byCause != null) {
                    charts.add(byCause);
                }
            }
        }
        ChartFiles.Written latency = LatencyPercentileChart.write(setupLatencyNs,
                scenario + ": mtunnel setup latency by percentile", "setup latency", "ms", NS_PER_MS, dir,
                "mtunnel-setup-latency",
                "Time from a user's request to an established mtunnel (broker, connector, app), from mtunnel-setup.hgrm.");
        if (latency != null) {
            charts.add(latency);
        }
        return charts;
    }

    /** The queue model's chart: time in system by percentile. */
    public static List<ChartFiles.Written> queue(Path dir, String scenario, Histogram timeInSystemNs) throws IOException {
        ChartFiles.Written chart = LatencyPercentileChart.write(timeInSystemNs,
                scenario + ": time in system by percentile", "time in system", "s", NS_PER_S, dir, "time-in-system",
                "Waiting plus service time of each customer after the warm-up, from time-in-system.hgrm.");
        return chart == null ? List.of() : List.of(chart);
    }
}
