package zenlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zenlab.drive.RunResult;
import zenlab.drive.LiveDriver;
import zenlab.metrics.LabMetrics;
import zenlab.metrics.MetricsServer;
import zenlab.drive.VirtualDriver;
import zenlab.net.TlsProvider;
import zenlab.report.AssertionOutcome;
import zenlab.report.ByteSizes;
import zenlab.report.OutputEstimate;
import zenlab.report.ProgressReporter;
import zenlab.scenario.Durations;
import zenlab.scenario.Scenario;

/** {@code zenlab run SCENARIO}: replay a scenario, write its results, print a summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Replay a scenario and write its results folder.",
        description = "Replays SCENARIO in virtual time (the default), or live over real mutual TLS on loopback"
            + " paced by its time_scale, and writes its results folder: summary.json, the journal, histograms,"
            + " charts and index.html. Prints a summary and each assertion's outcome. Exit code 0: every"
            + " assertion held; 1: one failed (or could not be read); 2: bad input, nothing written; 3: the run"
            + " could not finish.",
        footerHeading = "%nExamples:%n",
        footer = {"  zenlab run scenarios/melbourne-pair.yaml",
            "  zenlab run scenarios/live-upgrades.yaml --mode live --time-scale 240"})
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the scenario .yaml file")
    private Path scenarioFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "results folder (default: results/<scenario name>); replaced atomically")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed for this run, instead of the scenario's")
    private Long seed;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    private boolean quiet;

    /** How a run moves: the model's own clock, or real sockets on the wall clock. */
    enum Mode { virtual, live }

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "virtual",
            description = "virtual (default) or live: brokers, connectors, apps and users' clients on loopback")
    private Mode mode;

    @Option(names = "--time-scale", paramLabel = "X",
            description = "live: simulated seconds per wall-clock second, instead of the scenario's time_scale")
    private Double timeScale;

    @Option(names = "--tls", paramLabel = "PROVIDER", defaultValue = "openssl",
            description = "live: openssl (BoringSSL, default) or jdk")
    private String tls;

    @Option(names = "--max-output", paramLabel = "SIZE", defaultValue = "500MB",
            description = "refuse, before it starts, a run whose results are estimated above SIZE"
                + " (default 500MB; unlimited for no limit)")
    private String maxOutput;

    @picocli.CommandLine.Mixin
    private MetricsOptions metricsOptions = new MetricsOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Optional<Scenario> loaded = ScenarioArgument.load(scenarioFile, seed, stderr);
        if (loaded.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        Scenario scenario = loaded.get();
        if (timeScale != null) {
            if (!(timeScale > 0) || timeScale.isInfinite()) {
                stderr.println("zenlab run: --time-scale: expected a number greater than 0, found " + timeScale);
                return ExitCodes.BAD_INPUT;
            }
            scenario = scenario.withTimeScale(timeScale);
        }
        if (mode == Mode.live && scenario.fleet() == null) {
            stderr.println(scenarioFile + ": live mode runs fleet scenarios (brokers, connector_groups, apps);"
                    + " the queue test model has no network");
            return ExitCodes.BAD_INPUT;
        }
        if (mode == Mode.live && !(scenario.timeScale() > 0)) {
            stderr.println(scenarioFile + ": live mode needs a pace; expected time_scale: X in the scenario (simulated"
                    + " seconds per wall-clock second) or --time-scale X");
            return ExitCodes.BAD_INPUT;
        }
        if (mode == Mode.live) {
            Optional<String> unfit = LiveDriver.unfit(scenario);
            if (unfit.isPresent()) {
                stderr.println(scenarioFile + ": live mode: " + unfit.get());
                return ExitCodes.BAD_INPUT;
            }
        }
        java.net.InetSocketAddress metricsAddress = null;
        long lingerNs = 0;
        if (metricsOptions.enabled()) {
            if (mode != Mode.live) {
                stderr.println("zenlab run: --metrics: a virtual run is over in seconds and has nothing to watch;"
                        + " expected --mode live (or zenlab up)");
                return ExitCodes.BAD_INPUT;
            }
            try {
                metricsAddress = metricsOptions.parsedAddress();
                lingerNs = metricsOptions.lingerNs();
            } catch (IllegalArgumentException e) {
                stderr.println("zenlab run: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
        }
        long budgetBytes;
        try {
            budgetBytes = ByteSizes.parse(maxOutput);
        } catch (IllegalArgumentException e) {
            stderr.println("zenlab run: --max-output: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        String overBudget = OutputEstimate.of(scenario).overBudget(scenarioFile.toString(), budgetBytes);
        if (overBudget != null) {
            stderr.println(overBudget);
            return ExitCodes.BAD_INPUT;
        }
        Path outDir = out != null ? out : Path.of("results", scenario.name());
        boolean progress = !quiet && ProgressReporter.stderrIsTerminal();
        RunResult result;
        if (mode == Mode.live) {
            TlsProvider provider;
            try {
                provider = TlsProvider.parse(tls);
            } catch (IllegalArgumentException e) {
                stderr.println("zenlab run: --tls: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            Path scenarioDir = scenarioFile.toAbsolutePath().getParent();
            if (metricsAddress == null) {
                result = new LiveDriver(System.err, progress, provider).run(scenario, scenarioDir, outDir);
            } else {
                LabMetrics metrics = new LabMetrics(scenario.name(), "live",
                        provider.netty() == io.netty.handler.ssl.SslProvider.OPENSSL ? "openssl" : "jdk",
                        VersionProvider.version());
                MetricsServer server;
                try {
                    server = MetricsServer.start(metrics, metricsAddress, "zenlab run " + scenario.name() + " (live)");
                    stdout.println(MetricsOptions.line(server));
                    stdout.flush();
                } catch (IOException e) {
                    stderr.println("zenlab run: --metrics " + metricsOptions.address + ": cannot listen there: " + e.getMessage());
                    return ExitCodes.BAD_INPUT;
                }
                try (server) {
                    result = new LiveDriver(System.err, progress, provider).run(scenario, scenarioDir, outDir, metrics);
                    if (lingerNs > 0) {
                        try {
                            metrics.awaitFinalScrape(lingerNs); // the final counts reach whoever scrapes
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }
        } else {
            result = new VirtualDriver(System.err, progress).run(scenario, outDir);
        }
        printSummary(stdout, scenario, result);
        return result.allAssertionsPassed() ? ExitCodes.OK : ExitCodes.ASSERTION_FAILED;
    }

    private static void printSummary(PrintWriter out, Scenario scenario, RunResult result) {
        JsonNode engine = result.summary().path("engine");
        out.printf(Locale.ROOT, "zenlab %s  scenario %s  seed %d  mode %s%n",
                VersionProvider.version(), scenario.name(), scenario.seed(), result.summary().path("mode").asText());
        out.printf(Locale.ROOT, "simulated  %s in %.2f s  %,d events  %.1f M events/s  peak heap %d MB%n",
                Durations.format(scenario.durationNs()), engine.path("wallSeconds").asDouble(),
                engine.path("events").asLong(), engine.path("eventsPerSecond").asDouble() / 1e6,
                engine.path("peakHeapBytes").asLong() >> 20);
        for (String line : result.consoleLines()) {
            out.println(line);
        }
        if (!result.assertions().isEmpty()) {
            out.println("assertions");
            for (AssertionOutcome a : result.assertions()) {
                if (a.evaluated()) {
                    out.printf(Locale.ROOT, "  %s  %s  (was %.6g)%n", a.passed() ? "PASS" : "FAIL", a.expression(), a.value());
                } else {
                    out.printf(Locale.ROOT, "  FAIL  %s  (%s)%n", a.expression(), a.reason());
                }
            }
        }
        out.printf("results    %s%n", relative(result.resultsDir()));
    }

    private static String relative(Path dir) {
        Path cwd = Path.of("").toAbsolutePath();
        return dir.startsWith(cwd) ? cwd.relativize(dir) + "/" : dir + "/";
    }
}
