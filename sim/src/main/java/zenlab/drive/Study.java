package zenlab.drive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import zenlab.kernel.RandomStreams;
import zenlab.model.Cause;
import zenlab.report.AvailabilityChart;
import zenlab.report.ChartFiles;
import zenlab.report.Estimate;
import zenlab.report.OutageDurationChart;
import zenlab.report.ProgressReporter;
import zenlab.report.ResultsDirectory;
import zenlab.report.StudyIndexPage;
import zenlab.report.SummaryJson;
import zenlab.report.UpgradeWindowChart;
import zenlab.scenario.Scenario;
import zenlab.scenario.Variation;

/**
 * Independent replications of a fleet scenario for each value of a varied parameter, on all
 * cores. Replication r of every value uses the same seed ({@link RandomStreams#replicationSeed}),
 * so values are compared on common random numbers; results are gathered in replication order,
 * so they do not depend on which thread finished first.
 */
public final class Study {

    private static final double NS_PER_YEAR = 365 * 86_400e9;

    private final PrintStream progressStream;
    private final boolean showProgress;
    private final int threads;

    public Study(PrintStream progressStream, boolean showProgress, int threads) {
        this.progressStream = progressStream;
        this.showProgress = showProgress;
        this.threads = Math.max(1, threads);
    }

    /** One varied value's replications, and its first upgrade window replayed minute by minute. */
    public record Point(String value, Scenario scenario, List<Replication> replications,
                        Optional<UpgradeWindowReplay.Trace> upgradeWindow) {
    }

    /**
     * Runs the study.
     *
     * @param variation the varied parameter, or null to replicate the scenario as it is
     * @throws IllegalArgumentException if a value does not suit the scenario
     */
    public List<Point> run(Scenario scenario, Variation variation, int replications) throws InterruptedException {
        List<String> values = variation == null ? List.of("as written") : variation.values();
        List<Scenario> scenarios = new ArrayList<>();
        for (String value : values) {
            scenarios.add(variation == null ? scenario : variation.apply(scenario, value));
        }
        AtomicLong done = new AtomicLong();
        AtomicLong events = new AtomicLong();
        long totalNs = scenario.durationNs() * replications * values.size();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "zenlab-replication");
            t.setDaemon(true);
            return t;
        });
        try (ProgressReporter progress = new ProgressReporter(() -> done.get() * scenario.durationNs(), events::get,
                totalNs, progressStream, showProgress)) {
            List<List<Future<Replication>>> futures = new ArrayList<>();
            for (Scenario s : scenarios) {
                List<Future<Replication>> runs = new ArrayList<>();
                for (int r = 0; r < replications; r++) {
                    long seed = RandomStreams.replicationSeed(scenario.seed(), r);
                    runs.add(pool.submit(() -> {
                        Replication result = Replication.run(s, seed);
                        events.addAndGet(result.events());
                        done.incrementAndGet();
                        return result;
                    }));
                }
                futures.add(runs);
            }
            List<Point> points = new ArrayList<>();
            for (int v = 0; v < values.size(); v++) {
                List<Replication> results = new ArrayList<>();
                for (Future<Replication> f : futures.get(v)) {
                    results.add(f.get());
                }
                Scenario s = scenarios.get(v);
                points.add(new Point(values.get(v), s, results,
                        UpgradeWindowReplay.run(s, RandomStreams.replicationSeed(scenario.seed(), 0))));
            }
            return points;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a replication failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** study.json: per value and app, availability with its 95% CI, downtime, outages, mtunnels broken. */
    public static ObjectNode summary(Scenario scenario, Variation variation, int replications, List<Point> points) {
        ObjectNode study = SummaryJson.object();
        study.put("scenario", scenario.name());
        study.put("seed", scenario.seed());
        study.put("replications", replications);
        study.put("simulatedDaysPerReplication", scenario.durationNs() / 86_400e9);
        study.put("varied", variation == null ? "nothing" : variation.path());
        double years = scenario.durationNs() / NS_PER_YEAR;
        ArrayNode results = study.putArray("results");
        for (Point point : points) {
            ObjectNode result = results.addObject();
            result.put("value", point.value());
            ArrayNode apps = result.putArray("apps");
            int appCount = point.replications().get(0).availability().length;
            for (int a = 0; a < appCount; a++) {
                final int app = a;
                ObjectNode node = apps.addObject();
                node.put("name", point.scenario().fleet().apps().get(a).name());
                Estimate availability = estimate(point, r -> r.availability()[app]);
                estimate(node.putObject("availability"), availability);
                SummaryJson.putNumber(node, "nines", nines(availability.mean()));
                estimate(node.putObject("downtimeMinutesPerYear"), estimate(point, r -> r.downtimeS()[app] / 60 / years));
                estimate(node.putObject("outagesPerYear"), estimate(point, r -> r.outages()[app] / years));
                estimate(node.putObject("longestOutageMinutes"), estimate(point, r -> r.longestOutageS()[app] / 60));
                double[] durations = outageMinutes(point, app);
                ObjectNode pooled = node.putObject("outageDurationMinutes");
                pooled.put("outages", durations.length);
                SummaryJson.putNumber(pooled, "p50", quantile(durations, 0.5));
                SummaryJson.putNumber(pooled, "p90", quantile(durations, 0.9));
                SummaryJson.putNumber(pooled, "max", quantile(durations, 1.0));
            }
            ObjectNode broken = result.putObject("mtunnelsBrokenPerYear");
            estimate(broken, estimate(point, r -> sum(r.brokenByCause()) / years));
            ObjectNode byCause = broken.putObject("byCause");
            for (Cause cause : Cause.values()) {
                Estimate e = estimate(point, r -> r.brokenByCause()[cause.ordinal()] / years);
                if (e.max() > 0) {
                    SummaryJson.putNumber(byCause, cause.name(), e.mean());
                }
            }
            ObjectNode refused = result.putObject("mtunnelsRefusedPerYear");
            estimate(refused, estimate(point, r -> sum(r.refusedByCause()) / years));
        }
        return study;
    }

    /** study.csv: one row per value and app. */
    public static String csv(ObjectNode study) {
        StringBuilder csv = new StringBuilder("value,app,availability_mean,availability_ci_low,availability_ci_high,nines,"
                + "downtime_min_per_year_mean,downtime_min_per_year_ci_half_width,outages_per_year_mean,"
                + "longest_outage_min_max,mtunnels_broken_per_year_mean\n");
        for (var result : study.path("results")) {
            for (var app : result.path("apps")) {
                csv.append(result.path("value").asText()).append(',').append(app.path("name").asText()).append(',')
                        .append(number(app.path("availability").path("mean").asDouble())).append(',')
                        .append(number(app.path("availability").path("ciLow").asDouble())).append(',')
                        .append(number(app.path("availability").path("ciHigh").asDouble())).append(',')
                        .append(number(app.path("nines").asDouble())).append(',')
                        .append(number(app.path("downtimeMinutesPerYear").path("mean").asDouble())).append(',')
                        .append(number(app.path("downtimeMinutesPerYear").path("ciHalfWidth").asDouble())).append(',')
                        .append(number(app.path("outagesPerYear").path("mean").asDouble())).append(',')
                        .append(number(app.path("longestOutageMinutes").path("max").asDouble())).append(',')
                        .append(number(result.path("mtunnelsBrokenPerYear").path("mean").asDouble())).append('\n');
            }
        }
        return csv.toString();
    }

    /**
     * Writes the study's results into {@code outDir}, atomically: study.json, study.csv,
     * outages.csv, upgrade-window.csv, the charts (PNG and SVG) and index.html.
     */
    public static Path write(ObjectNode study, List<Point> points, Path outDir) throws IOException {
        try (ResultsDirectory results = new ResultsDirectory(outDir)) {
            Path dir = results.staging();
            SummaryJson.write(study, dir.resolve("study.json"));
            Files.writeString(dir.resolve("study.csv"), csv(study), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("outages.csv"), outagesCsv(points), StandardCharsets.UTF_8);
            String scenario = study.path("scenario").asText();
            String varied = study.path("varied").asText();
            List<ChartFiles.Written> charts = new ArrayList<>();
            charts.add(AvailabilityChart.write(study, dir));
            List<UpgradeWindowChart.Line> windows = new ArrayList<>();
            String group = null;
            for (Point point : points) {
                if (point.upgradeWindow().isPresent()) {
                    UpgradeWindowReplay.Trace t = point.upgradeWindow().get();
                    windows.add(new UpgradeWindowChart.Line(label(varied, point.value()), t.minutesFromOpening(),
                            t.connectorsUp(), t.activeMtunnels()));
                    group = t.group();
                }
            }
            if (!windows.isEmpty()) {
                Files.writeString(dir.resolve("upgrade-window.csv"), upgradeWindowCsv(windows), StandardCharsets.UTF_8);
                charts.add(UpgradeWindowChart.write(scenario, group, windows, dir));
            }
            int apps = points.get(0).scenario().fleet().apps().size();
            for (int a = 0; a < apps; a++) {
                List<OutageDurationChart.Line> lines = new ArrayList<>();
                for (Point point : points) {
                    lines.add(new OutageDurationChart.Line(label(varied, point.value()), outageMinutes(point, a)));
                }
                String app = points.get(0).scenario().fleet().apps().get(a).name();
                charts.add(OutageDurationChart.write(scenario, app, lines, dir,
                        apps == 1 ? "outage-duration" : "outage-duration-" + app));
            }
            StudyIndexPage.write(dir, study, charts);
            results.commit();
            return results.target();
        }
    }

    /** "2 connectors" for a connector count, "failures.mtbf = 30d" for anything else. */
    static String label(String varied, String value) {
        if (varied.endsWith("connectors")) {
            return value + (value.equals("1") ? " connector" : " connectors");
        }
        return varied.equals("nothing") ? value : varied + " = " + value;
    }

    /** outages.csv: every outage of every app, value and replication, in minutes. */
    static String outagesCsv(List<Point> points) {
        StringBuilder csv = new StringBuilder("value,app,replication,outage,minutes\n");
        for (Point point : points) {
            for (int a = 0; a < point.scenario().fleet().apps().size(); a++) {
                String app = point.scenario().fleet().apps().get(a).name();
                for (int r = 0; r < point.replications().size(); r++) {
                    double[] durations = point.replications().get(r).outageDurationsS()[a];
                    for (int i = 0; i < durations.length; i++) {
                        csv.append(point.value()).append(',').append(app).append(',').append(r).append(',').append(i + 1)
                                .append(',').append(number(durations[i] / 60)).append('\n');
                    }
                }
            }
        }
        return csv.toString();
    }

    /** upgrade-window.csv: one row a minute, connectors up and active mtunnels for each value. */
    static String upgradeWindowCsv(List<UpgradeWindowChart.Line> lines) {
        StringBuilder csv = new StringBuilder("minutes_since_opening");
        for (UpgradeWindowChart.Line line : lines) {
            String key = line.label().replace(' ', '_').replace(",", "");
            csv.append(",connectors_up_").append(key).append(",active_mtunnels_").append(key);
        }
        csv.append('\n');
        int rows = lines.stream().mapToInt(l -> l.minutes().length).min().orElse(0);
        for (int i = 0; i < rows; i++) {
            csv.append(number(lines.get(0).minutes()[i]));
            for (UpgradeWindowChart.Line line : lines) {
                csv.append(',').append((long) line.connectorsUp()[i]).append(',').append((long) line.activeMtunnels()[i]);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** Every outage of one app over all replications of a value, in minutes, in replication order. */
    static double[] outageMinutes(Point point, int app) {
        return point.replications().stream().flatMapToDouble(r -> Arrays.stream(r.outageDurationsS()[app]))
                .map(s -> s / 60).toArray();
    }

    /** The empirical quantile, the smallest value with at least a fraction q at or below it; NaN when empty. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.max(0, Math.ceil(q * sorted.length) - 1)];
    }

    /** How many nines: 0.999 is 3. */
    public static double nines(double availability) {
        return availability >= 1 ? Double.POSITIVE_INFINITY : -Math.log10(1 - availability);
    }

    private interface Figure {
        double of(Replication r);
    }

    private static Estimate estimate(Point point, Figure figure) {
        double[] values = new double[point.replications().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = figure.of(point.replications().get(i));
        }
        return Estimate.of(values);
    }

    private static void estimate(ObjectNode node, Estimate e) {
        SummaryJson.putNumber(node, "mean", e.mean());
        SummaryJson.putNumber(node, "ciHalfWidth", e.halfWidth());
        SummaryJson.putNumber(node, "ciLow", e.low());
        SummaryJson.putNumber(node, "ciHigh", e.high());
        SummaryJson.putNumber(node, "min", e.min());
        SummaryJson.putNumber(node, "max", e.max());
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.9g", v) : "";
    }
}
