package zenlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zenlab.cluster.ClusterMember;
import zenlab.cluster.ClusterOptions;
import zenlab.cluster.ClusterUnitExecutor;
import zenlab.cluster.MemberVersion;
import zenlab.drive.LocalUnitExecutor;
import zenlab.drive.Study;
import zenlab.drive.StudyFailedException;
import zenlab.drive.StudyPlan;
import zenlab.drive.UnitExecutor;
import zenlab.drive.UnitStore;
import zenlab.report.ProgressReporter;
import zenlab.scenario.Durations;
import zenlab.scenario.Scenario;

/**
 * {@code zenlab study SCENARIO}: replications at every point of a grid of varied parameters, with
 * 95% confidence intervals, on this machine or a Hazelcast cluster.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        header = "Replicate a fleet scenario over a grid of parameters, with confidence intervals.",
        description = "Runs independent replications of SCENARIO for each point of a grid of varied parameters,"
            + " on all cores or on a zenlab cluster, and reports each app's availability with its 95%%"
            + " confidence interval, downtime per year, outages and mtunnels broken. Writes study.json,"
            + " study.csv, outages.csv, charts (PNG and SVG) and index.html: the same files wherever it ran.",
        footerHeading = "%nExamples:%n",
        footer = {"  zenlab study scenarios/pair-vs-single.yaml --replications 20 --vary group.connectors=1..4",
            "  zenlab study scenarios/pair-vs-single.yaml --cluster lab --join 127.0.0.1:5701"})
final class StudyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the fleet scenario .yaml file")
    private Path scenarioFile;


    @Option(names = "--replications", paramLabel = "N", defaultValue = "10",
            description = "replications per value, each with its own seed (default: ${DEFAULT-VALUE})")
    private int replications;

    @Option(names = "--vary", paramLabel = "PATH=VALUES",
            description = "a parameter to vary, like group.connectors=1..4, failures.mtbf=30d,90d or"
                + " restart.mean=2m,4m; give it several times for the full factorial grid")
    private List<String> vary = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: results/<scenario name>-study)")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed of replication 0's derivation, instead of the scenario's")
    private Long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "units this process runs at once (default: all cores); on a cluster, its own share")
    private Integer threads;

    @Option(names = "--resume", description = "run only the units an interrupted study with the same --out did not finish")
    private boolean resume;

    @Mixin
    private ClusterArguments clusterArguments = new ClusterArguments();

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    private boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Optional<Scenario> loaded = ScenarioArgument.load(scenarioFile, seed, stderr);
        if (loaded.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        Scenario scenario = loaded.get();
        if (replications < 2 || replications > 10_000) {
            stderr.println("zenlab study: --replications: expected 2 to 10000 (a confidence interval needs two), found " + replications);
            return ExitCodes.BAD_INPUT;
        }
        StudyPlan plan;
        try {
            plan = plan(scenario);
        } catch (IllegalArgumentException e) {
            stderr.println("zenlab study: --vary: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        int ownThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ClusterOptions clusterOptions;
        try {
            clusterOptions = clusterArguments.options(ownThreads);
        } catch (IllegalArgumentException e) {
            stderr.println("zenlab study: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Path outDir = out != null ? out : Path.of("results", scenario.name() + "-study");
        UnitStore store;
        try {
            store = UnitStore.open(outDir, plan.fingerprint(MemberVersion.current()), resume);
        } catch (IllegalArgumentException e) {
            stderr.println("zenlab study: --resume: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        boolean progress = !quiet && ProgressReporter.stderrIsTerminal();
        long startNs = System.nanoTime();
        Study.Outcome outcome;
        String where;
        try (UnitExecutor executor = clusterOptions == null ? new LocalUnitExecutor(ownThreads)
                : new ClusterUnitExecutor(ClusterMember.start(clusterOptions), stderr)) {
            where = executor.describe();
            if (store.size() > 0) {
                stderr.printf(Locale.ROOT, "zenlab study: resuming: %d of %d units already finished%n", store.size(),
                        plan.units().size());
            }
            outcome = new Study(System.err, progress, ownThreads).run(plan, executor, store);
        } catch (StudyFailedException e) {
            stderr.println("zenlab study: " + e.getMessage() + " (finished units are kept: --resume runs the rest)");
            return ExitCodes.RUN_FAILED;
        }
        double wallSeconds = (System.nanoTime() - startNs) / 1e9;
        ObjectNode study = Study.summary(plan, outcome.points());
        Path written;
        try {
            written = Study.write(study, outcome.points(), new Study.Provenance(reproduce(), outcome.unitsByMember()),
                    outDir);
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException io = zenlab.report.WriteFailure.ioCause(e);
            stderr.println("zenlab study: " + zenlab.report.WriteFailure.of("the study", outDir, io).getMessage()
                    + " (finished units are kept: --resume writes the study once there is room)");
            return ExitCodes.RUN_FAILED;
        }
        store.remove();
        print(stdout, scenario, plan, study, wallSeconds, where, written);
        return ExitCodes.OK;
    }

    /** The plan: the scenario and every point of the grid, each checked before anything runs. */
    private StudyPlan plan(Scenario scenario) throws IOException {
        return StudyPlan.grid(scenarioFile.toString(), Files.readString(scenarioFile, StandardCharsets.UTF_8), scenario,
                vary, replications);
    }

    /** The command line that reproduces this study's results (where it runs does not change them). */
    private String reproduce() {
        StringBuilder command = new StringBuilder("zenlab study ").append(scenarioFile).append(" --replications ")
                .append(replications);
        for (String v : vary) {
            command.append(" --vary ").append(v);
        }
        if (seed != null) {
            command.append(" --seed ").append(seed);
        }
        return command.toString();
    }

    private void print(PrintWriter out, Scenario scenario, StudyPlan plan, ObjectNode study, double wallSeconds,
                       String where, Path written) {
        out.printf(Locale.ROOT, "zenlab %s  study %s  %d replications of %s  varying %s  %.1f s on %s%n",
                VersionProvider.version(), scenario.name(), replications, Durations.format(scenario.durationNs()),
                plan.varied(), wallSeconds, where);
        out.printf(Locale.ROOT, "%-12s %-14s %-32s %6s %-18s %11s %14s%n", "value", "app", "availability (95% CI)", "nines",
                "  down min/year", "longest min", "broken/year");
        for (JsonNode result : study.path("results")) {
            for (JsonNode app : result.path("apps")) {
                JsonNode a = app.path("availability");
                JsonNode d = app.path("downtimeMinutesPerYear");
                out.printf(Locale.ROOT, "%-12s %-14s %.6f [%8s, %.6f] %6s %8.1f <= %-6s %12.1f %14.1f%n",
                        result.path("value").asText(), app.path("name").asText(), a.path("mean").asDouble(),
                        a.path("ciLow").isNumber() ? String.format(Locale.ROOT, "%.6f", a.path("ciLow").asDouble()) : "?",
                        a.path("ciHigh").asDouble(),
                        app.path("nines").isNumber() ? String.format(Locale.ROOT, "%.2f", app.path("nines").asDouble()) : "inf",
                        d.path("mean").asDouble(), d.path("ciHigh").isNumber()
                                ? String.format(Locale.ROOT, "%.1f", d.path("ciHigh").asDouble()) : "?",
                        app.path("longestOutageMinutes").path("max").asDouble(),
                        result.path("mtunnelsBrokenPerYear").path("mean").asDouble());
            }
        }
        Path cwd = Path.of("").toAbsolutePath();
        out.println("results    " + (written.startsWith(cwd) ? cwd.relativize(written) : written) + "/");
    }
}
