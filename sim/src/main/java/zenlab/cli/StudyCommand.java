package zenlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zenlab.drive.Study;
import zenlab.report.ProgressReporter;
import zenlab.scenario.Durations;
import zenlab.scenario.Scenario;
import zenlab.scenario.Variation;

/** {@code zenlab study SCENARIO}: replications, optionally varying one parameter, with 95% confidence intervals. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Run independent replications of a fleet scenario, on all cores, for each value of a varied",
            "parameter, and report each app's availability with its 95% confidence interval, downtime",
            "per year, outages and mtunnels broken. Writes study.json, study.csv, outages.csv, charts",
            "(PNG and SVG) and index.html."})
final class StudyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the fleet scenario .yaml file")
    private Path scenarioFile;

    @Option(names = "--replications", paramLabel = "N", defaultValue = "10",
            description = "replications per value, each with its own seed (default: ${DEFAULT-VALUE})")
    private int replications;

    @Option(names = "--vary", paramLabel = "PATH=VALUES",
            description = "the parameter to vary, like group.connectors=1..4, failures.mtbf=30d,90d, restart.mean=2m,4m")
    private String vary;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: results/<scenario name>-study)")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed of replication 0's derivation, instead of the scenario's")
    private Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "replications at once (default: all cores)")
    private Integer threads;

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
        Variation variation = null;
        try {
            if (vary != null) {
                variation = Variation.parse(vary);
                for (String value : variation.values()) {
                    variation.apply(scenario, value); // every value checked before anything runs
                }
            } else if (scenario.fleet() == null) {
                throw new IllegalArgumentException("a study replicates a fleet scenario; this one is the queue test model");
            }
        } catch (IllegalArgumentException e) {
            stderr.println("zenlab study: --vary: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        boolean progress = !quiet && ProgressReporter.stderrIsTerminal();
        long startNs = System.nanoTime();
        List<Study.Point> points = new Study(System.err, progress, cores).run(scenario, variation, replications);
        double wallSeconds = (System.nanoTime() - startNs) / 1e9;
        ObjectNode study = Study.summary(scenario, variation, replications, points);
        Path written = Study.write(study, points, out != null ? out : Path.of("results", scenario.name() + "-study"));
        print(stdout, scenario, variation, study, wallSeconds, cores, written);
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, Scenario scenario, Variation variation, ObjectNode study, double wallSeconds,
                       int cores, Path written) {
        out.printf(Locale.ROOT, "zenlab %s  study %s  %d replications of %s  varying %s  %.1f s on %d threads%n",
                VersionProvider.version(), scenario.name(), replications, Durations.format(scenario.durationNs()),
                variation == null ? "nothing" : variation.path(), wallSeconds, cores);
        out.printf(Locale.ROOT, "%-12s %-14s %-32s %6s %16s %12s %14s%n", "value", "app", "availability (95% CI)", "nines",
                "down min/year", "longest min", "broken/year");
        for (JsonNode result : study.path("results")) {
            for (JsonNode app : result.path("apps")) {
                JsonNode a = app.path("availability");
                JsonNode d = app.path("downtimeMinutesPerYear");
                out.printf(Locale.ROOT, "%-12s %-14s %.6f [%.6f, %.6f] %6s %8.1f +- %-5.1f %12.1f %14.1f%n",
                        result.path("value").asText(), app.path("name").asText(), a.path("mean").asDouble(),
                        a.path("ciLow").asDouble(), a.path("ciHigh").asDouble(),
                        app.path("nines").isNumber() ? String.format(Locale.ROOT, "%.2f", app.path("nines").asDouble()) : "inf",
                        d.path("mean").asDouble(), d.path("ciHalfWidth").asDouble(),
                        app.path("longestOutageMinutes").path("max").asDouble(),
                        result.path("mtunnelsBrokenPerYear").path("mean").asDouble());
            }
        }
        Path cwd = Path.of("").toAbsolutePath();
        out.println("results    " + (written.startsWith(cwd) ? cwd.relativize(written) : written) + "/");
    }
}
