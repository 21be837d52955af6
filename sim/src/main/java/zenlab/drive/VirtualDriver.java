package zenlab.drive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import zenlab.kernel.JournalBus;
import zenlab.kernel.JournalHandler;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Simulation;
import zenlab.report.AssertionEvaluator;
import zenlab.report.AssertionOutcome;
import zenlab.report.JUnitXmlReport;
import zenlab.report.ChartFiles;
import zenlab.report.JsonLinesJournalWriter;
import zenlab.report.OutputEstimate;
import zenlab.report.ProgressReporter;
import zenlab.report.ResultsDirectory;
import zenlab.report.RunIndexPage;
import zenlab.report.SummaryJson;
import zenlab.report.WriteFailure;
import zenlab.scenario.Scenario;

/**
 * Runs a scenario in virtual time: builds its world, runs the kernel to the scenario's
 * duration with every journal entry going over the bus to the writer and metrics, then writes
 * summary.json and commits the results folder atomically.
 */
public final class VirtualDriver {

    private final PrintStream progressStream;
    private final boolean showProgress;

    public VirtualDriver(PrintStream progressStream, boolean showProgress) {
        this.progressStream = progressStream;
        this.showProgress = showProgress;
    }

    /** The world a scenario describes. */
    static World worldOf(Scenario scenario) {
        return scenario.fleet() != null ? new FleetWorld(scenario.fleet()) : new QueueWorld(scenario.queue());
    }

    /**
     * Runs {@code scenario} and writes its results to {@code outDir}.
     *
     */
    public RunResult run(Scenario scenario, Path outDir) throws IOException {
        return drive(scenario, outDir, worldOf(scenario), "virtual", sim -> sim.run(scenario.durationNs()));
    }

    /** How a driver moves the kernel's clock to the end of the run: at once (virtual) or on the wall clock (live). */
    interface Clockwork {
        void run(Simulation sim) throws InterruptedException;
    }

    /**
     * Runs {@code world} with {@code clockwork} and writes the results: what both drivers share
     * (bus, journal, metrics, summary, assertions, charts, index page, atomic commit).
     */
    RunResult drive(Scenario scenario, Path outDir, World world, String mode, Clockwork clockwork)
            throws IOException {
        try {
            return driveInto(scenario, outDir, world, mode, clockwork);
        } catch (IOException | RuntimeException failure) {
            IOException io = WriteFailure.ioCause(failure);
            if (io == null || failure.getCause() instanceof InterruptedException) { // Ctrl-C is no write failure
                throw failure;
            }
            throw WriteFailure.of("the results", outDir, io); // a full disk: one line that says where
        }
    }

    private RunResult driveInto(Scenario scenario, Path outDir, World world, String mode, Clockwork clockwork)
            throws IOException {
        try (ResultsDirectory results = new ResultsDirectory(outDir)) {
            Path staging = results.staging();
            OutputEstimate estimate = OutputEstimate.of(scenario);
            JsonLinesJournalWriter journalWriter = new JsonLinesJournalWriter(staging.resolve(estimate.journalFileName()),
                    world.vocabulary(), scenario.journal(), estimate.journalCompressed());
            List<JournalHandler> handlers = new ArrayList<>(world.namingHandlers());
            handlers.add(journalWriter);
            handlers.addAll(world.metricHandlers(staging));

            Simulation sim = new Simulation();
            HeapProbe.reset();
            long wallStartNs = System.nanoTime();
            JournalBus bus = JournalBus.singleProducer(handlers);
            try (ProgressReporter progress = new ProgressReporter(sim::progressNowNs, sim::progressEvents,
                    scenario.durationNs(), progressStream, showProgress)) {
                world.start(sim, new RandomStreams(scenario.seed()), bus);
                clockwork.run(sim);
                world.stop();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                world.stop();
                bus.close();
                throw new IOException("interrupted", interrupted);
            } catch (RuntimeException failure) {
                try {
                    world.stop();
                } catch (RuntimeException alsoFailed) {
                    if (alsoFailed != failure) {
                        failure.addSuppressed(alsoFailed);
                    }
                }
                try {
                    bus.close(); // stop the handler threads; the run's own failure is what we report
                } catch (RuntimeException alsoFailed) {
                    if (alsoFailed != failure) {
                        failure.addSuppressed(alsoFailed);
                    }
                }
                throw failure;
            }
            bus.close(); // waits for every entry to be written; throws if a handler failed
            double wallSeconds = (System.nanoTime() - wallStartNs) / 1e9;

            ObjectNode summary = SummaryJson.object();
            summary.put("scenario", scenario.name());
            summary.put("seed", scenario.seed());
            summary.put("mode", mode);
            summary.put("simulatedSeconds", scenario.durationNs() / 1e9);
            summary.put("journal", scenario.journal().yamlName());
            summary.put("journalLines", journalWriter.written());
            world.summarise(summary, sim.nowNs());
            ObjectNode engine = summary.putObject("engine");
            engine.put("events", sim.eventsProcessed());
            engine.put("wallSeconds", wallSeconds);
            engine.put("eventsPerSecond", Math.round(sim.eventsProcessed() / Math.max(wallSeconds, 1e-9)));
            engine.put("peakHeapBytes", HeapProbe.peakBytes());
            engine.put("liveHeapBytesAtEnd", HeapProbe.liveBytesAfterCollection());
            engine.put("pendingEventsAtEnd", sim.pending()); // what a bare kernel should be compared at (HoldModelBenchmark)

            List<AssertionOutcome> outcomes = AssertionEvaluator.evaluate(scenario.assertions(), summary);
            summary.remove("engine");
            ArrayNode assertions = summary.putArray("assertions");
            for (AssertionOutcome outcome : outcomes) {
                ObjectNode a = assertions.addObject();
                a.put("expression", outcome.expression());
                a.put("passed", outcome.passed());
                SummaryJson.putNumber(a, "value", outcome.value());
                if (!outcome.evaluated()) {
                    a.put("reason", outcome.reason());
                }
            }
            summary.set("engine", engine); // wall-clock figures last, apart from the deterministic rest

            SummaryJson.write(summary, staging.resolve("summary.json"));
            if (!outcomes.isEmpty()) {
                String suite = "zenlab run " + scenario.name() + " (" + mode + ")";
                JUnitXmlReport.write(staging.resolve(JUnitXmlReport.FILE),
                        List.of(new JUnitXmlReport.Suite(suite, suite, outcomes)));
            }
            List<String> consoleLines = world.consoleLines(summary);
            List<ChartFiles.Written> charts = world.charts(staging, scenario.name());
            RunIndexPage.write(staging, summary, consoleLines, outcomes, charts);
            results.commit();
            return new RunResult(summary, outcomes, results.target(), consoleLines);
        }
    }
}
