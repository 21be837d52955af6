package zenlab.drive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import zenlab.kernel.RandomStreams;
import zenlab.model.Cause;
import zenlab.report.AvailabilityChart;
import zenlab.report.Estimate;
import zenlab.report.ProgressReporter;
import zenlab.report.ResultsDirectory;
import zenlab.report.SummaryJson;
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

    /** One varied value's replications. */
    public record Point(String value, Scenario scenario, List<Replication> replications) {
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
                points.add(new Point(values.get(v), scenarios.get(v), results));
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

    /** Writes study.json, study.csv and availability.png into {@code outDir}, atomically. */
    public static Path write(ObjectNode study, Path outDir) throws IOException {
        try (ResultsDirectory results = new ResultsDirectory(outDir)) {
            SummaryJson.write(study, results.staging().resolve("study.json"));
            Files.writeString(results.staging().resolve("study.csv"), csv(study), StandardCharsets.UTF_8);
            AvailabilityChart.writePng(study, results.staging().resolve("availability.png"));
            results.commit();
            return results.target();
        }
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
