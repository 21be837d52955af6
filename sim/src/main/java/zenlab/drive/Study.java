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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import zenlab.kernel.RandomStreams;
import zenlab.model.Cause;
import zenlab.report.AvailabilityChart;
import zenlab.report.ChartFiles;
import zenlab.report.DowntimeInterval;
import zenlab.report.Estimate;
import zenlab.report.PoissonRateInterval;
import zenlab.report.GridAvailabilityChart;
import zenlab.report.OutageDurationChart;
import zenlab.report.ProgressReporter;
import zenlab.report.ResultsDirectory;
import zenlab.report.StudyIndexPage;
import zenlab.report.SummaryJson;
import zenlab.report.UpgradeWindowChart;
import zenlab.report.JUnitXmlReport;
import zenlab.scenario.Scenario;
import zenlab.scenario.Variation;

/**
 * Independent replications of a fleet scenario at each point of a grid of varied parameters,
 * on this machine's threads or a cluster's members ({@link UnitExecutor}). Replication r of
 * every point uses the same seed ({@link RandomStreams#replicationSeed}), so points are compared
 * on common random numbers; results are merged in the plan's order, so they depend neither on
 * which thread or member finished first nor on where a unit ran.
 */
public final class Study {

    private static final double NS_PER_YEAR = 365 * 86_400e9;

    private final PrintStream progressStream;
    private final boolean showProgress;
    private final int threads;

    /** A study on {@code threads} threads of this machine (the convenience form of {@link #run(StudyPlan, UnitExecutor, UnitStore)}). */
    public Study(PrintStream progressStream, boolean showProgress, int threads) {
        this.progressStream = progressStream;
        this.showProgress = showProgress;
        this.threads = Math.max(1, threads);
    }

    /**
     * One point of the grid: its label (the varied value, or every parameter's for a grid), its
     * scenario, its replications in order, its first upgrade window replayed minute by minute,
     * and the value of each varied parameter.
     */
    public record Point(String value, Scenario scenario, List<Replication> replications,
                        Optional<UpgradeWindowReplay.Trace> upgradeWindow, List<String> values) {
    }

    /** A finished study: its points in the plan's order, and how many units each member ran. */
    public record Outcome(List<Point> points, SortedMap<String, Integer> unitsByMember) {
    }

    /**
     * Runs a study of one varied parameter (or none) on this machine's threads.
     *
     * @param variation the varied parameter, or null to replicate the scenario as it is
     * @throws IllegalArgumentException if a value does not suit the scenario
     */
    public List<Point> run(Scenario scenario, Variation variation, int replications) throws InterruptedException {
        StudyPlan plan = new StudyPlan(scenario.file(), "", scenario, variation == null ? List.of() : List.of(variation),
                replications);
        try (LocalUnitExecutor local = new LocalUnitExecutor(threads)) {
            return run(plan, local, null).points();
        }
    }

    /**
     * Runs every unit of the plan that {@code store} does not already hold on {@code executor},
     * saving each as it finishes, and merges them in the plan's order: where a unit ran does
     * not change the result.
     *
     * @param store the finished units of an interrupted run, or null to keep none
     * @throws StudyFailedException if a unit failed
     */
    public Outcome run(StudyPlan plan, UnitExecutor executor, UnitStore store) throws InterruptedException {
        List<List<String>> grid = plan.points();
        List<Scenario> scenarios = new ArrayList<>();
        for (List<String> point : grid) {
            scenarios.add(plan.scenarioAt(point));
        }
        Replication[][] results = new Replication[grid.size()][plan.replications()];
        String[][] ranOn = new String[grid.size()][plan.replications()];
        List<StudyUnit> missing = new ArrayList<>();
        for (StudyUnit unit : plan.units()) {
            UnitStore.Saved saved = store == null ? null : store.saved(unit);
            if (saved == null) {
                missing.add(unit);
            } else {
                results[unit.point()][unit.replication()] = saved.result();
                ranOn[unit.point()][unit.replication()] = saved.member();
            }
        }
        long durationNs = plan.scenario().durationNs();
        AtomicLong done = new AtomicLong(plan.units().size() - missing.size());
        AtomicLong events = new AtomicLong();
        long totalNs = durationNs * plan.units().size();
        try (ProgressReporter progress = new ProgressReporter(() -> done.get() * durationNs, events::get,
                totalNs, progressStream, showProgress)) {
            executor.runAll(plan, missing, (unit, result, member) -> {
                if (store != null) {
                    store.save(unit, result, member);
                }
                results[unit.point()][unit.replication()] = result;
                ranOn[unit.point()][unit.replication()] = member;
                events.addAndGet(result.events());
                done.incrementAndGet();
            });
        }
        List<Point> points = new ArrayList<>();
        SortedMap<String, Integer> unitsByMember = new TreeMap<>();
        for (int p = 0; p < grid.size(); p++) {
            for (String member : ranOn[p]) {
                unitsByMember.merge(member, 1, Integer::sum);
            }
            Scenario s = scenarios.get(p);
            points.add(new Point(plan.label(grid.get(p)), s, List.of(results[p]),
                    UpgradeWindowReplay.run(s, RandomStreams.replicationSeed(plan.scenario().seed(), 0)), grid.get(p)));
        }
        return new Outcome(points, unitsByMember);
    }

    /** study.json: per value and app, availability with its 95% CI, downtime, outages, mtunnels broken. */
    public static ObjectNode summary(Scenario scenario, Variation variation, int replications, List<Point> points) {
        return summary(new StudyPlan(scenario.file(), "", scenario, variation == null ? List.of() : List.of(variation),
                replications), points);
    }

    /**
     * study.json: per point and app, availability with its 95% CI, downtime, outages, mtunnels
     * broken. A grid adds the varied parameters and each point's value of every one.
     */
    public static ObjectNode summary(StudyPlan plan, List<Point> points) {
        Scenario scenario = plan.scenario();
        ObjectNode study = SummaryJson.object();
        study.put("scenario", scenario.name());
        study.put("seed", scenario.seed());
        study.put("replications", plan.replications());
        study.put("simulatedDaysPerReplication", scenario.durationNs() / 86_400e9);
        study.put("varied", plan.varied());
        boolean grid = plan.variations().size() > 1;
        if (grid) {
            ArrayNode parameters = study.putArray("parameters");
            plan.variations().forEach(v -> parameters.add(v.path()));
        }
        double years = scenario.durationNs() / NS_PER_YEAR;
        ArrayNode results = study.putArray("results");
        for (Point point : points) {
            ObjectNode result = results.addObject();
            result.put("value", point.value());
            if (grid) {
                ObjectNode values = result.putObject("values");
                for (int i = 0; i < plan.variations().size(); i++) {
                    values.put(plan.variations().get(i).path(), point.values().get(i));
                }
            }
            ArrayNode apps = result.putArray("apps");
            int appCount = point.replications().get(0).availability().length;
            for (int a = 0; a < appCount; a++) {
                final int app = a;
                ObjectNode node = apps.addObject();
                node.put("name", point.scenario().fleet().apps().get(a).name());
                double[] unavailability = unavailabilityInterval(point, app, scenario.durationNs() / 1e9);
                Estimate availability = estimate(point, r -> r.availability()[app])
                        .withInterval(1 - unavailability[1], 1 - unavailability[0]);
                estimate(node.putObject("availability"), availability);
                SummaryJson.putNumber(node, "nines", nines(availability.mean()));
                double minutesPerYear = NS_PER_YEAR / 60e9;
                estimate(node.putObject("downtimeMinutesPerYear"), estimate(point, r -> r.downtimeS()[app] / 60 / years)
                        .withInterval(unavailability[0] * minutesPerYear, unavailability[1] * minutesPerYear));
                long outages = 0;
                for (Replication r : point.replications()) {
                    outages += r.outages()[app];
                }
                double[] rate = PoissonRateInterval.of(outages, point.replications().size() * years);
                estimate(node.putObject("outagesPerYear"), estimate(point, r -> r.outages()[app] / years)
                        .withInterval(rate[0], rate[1]));
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
     * What the report says of how the study ran, beside its results (which do not depend on it).
     *
     * @param command the command line that reproduces the results, or null
     * @param unitsByMember how many units each member (or this machine) ran
     */
    public record Provenance(String command, SortedMap<String, Integer> unitsByMember) {
    }

    /** Writes the study's results, with no word on how it ran. */
    public static Path write(ObjectNode study, List<Point> points, Path outDir) throws IOException {
        return write(study, points, new Provenance(null, new TreeMap<>()), outDir);
    }

    /**
     * Writes the study's results into {@code outDir}, atomically: study.json, study.csv,
     * outages.csv, upgrade-window.csv, the charts (PNG and SVG) and index.html. A grid adds a
     * chart per varied parameter.
     */
    public static Path write(ObjectNode study, List<Point> points, Provenance provenance, Path outDir)
            throws IOException {
        try (ResultsDirectory results = new ResultsDirectory(outDir)) {
            Path dir = results.staging();
            SummaryJson.write(study, dir.resolve("study.json"));
            List<JUnitXmlReport.Suite> assertions = StudyAssertions.suites(study, points);
            if (!assertions.isEmpty()) {
                JUnitXmlReport.write(dir.resolve(JUnitXmlReport.FILE), assertions);
            }
            Files.writeString(dir.resolve("study.csv"), csv(study), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("outages.csv"), outagesCsv(points), StandardCharsets.UTF_8);
            String scenario = study.path("scenario").asText();
            String varied = study.path("varied").asText();
            List<ChartFiles.Written> charts = new ArrayList<>();
            charts.add(AvailabilityChart.write(study, dir));
            for (var parameter : study.path("parameters")) {
                charts.add(GridAvailabilityChart.write(study, parameter.asText(), dir));
            }
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
            StudyIndexPage.write(dir, study, charts, provenance.command(), provenance.unitsByMember());
            results.commit();
            return results.target();
        }
    }

    /** "2 connectors" for a connector count, "failures.mtbf = 30d" for anything else. */
    static String label(String varied, String value) {
        if (varied.contains(" x ")) {
            return value; // a grid's point names every parameter already
        }
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

    /**
     * {low, high} of the app's mean unavailability over the point's replications: Fay and
     * Feuer's gamma interval on its pooled outages ({@link DowntimeInterval}), shifted by the
     * time before the app was first up (the first enrolment, the same in every replication's
     * kind; not an outage).
     */
    private static double[] unavailabilityInterval(Point point, int app, double replicationS) {
        return unavailabilityInterval(point.replications(), app, replicationS);
    }

    /** The same over any replications: {low, high} of the app's mean unavailability. */
    public static double[] unavailabilityInterval(List<Replication> replications, int app, double replicationS) {
        return unavailabilityInterval(replications, app, replicationS, 0.025);
    }

    /** The same with {@code tail} in each tail of the interval. */
    public static double[] unavailabilityInterval(List<Replication> replications, int app, double replicationS,
                                                  double tail) {
        int outages = 0;
        for (Replication r : replications) {
            outages += r.outageDurationsS()[app].length;
        }
        double[] durations = new double[outages];
        double downtimeS = 0;
        double inOutagesS = 0;
        int i = 0;
        for (Replication r : replications) {
            downtimeS += r.downtimeS()[app];
            for (double d : r.outageDurationsS()[app]) {
                durations[i++] = d;
                inOutagesS += d;
            }
        }
        double totalS = replicationS * replications.size();
        double beforeFirstUp = Math.max(0, downtimeS - inOutagesS) / totalS;
        double[] u = DowntimeInterval.unavailability(durations, totalS, tail);
        return new double[] {Math.min(1, u[0] + beforeFirstUp), Math.min(1, u[1] + beforeFirstUp)};
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
