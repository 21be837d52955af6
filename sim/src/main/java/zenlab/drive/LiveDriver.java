package zenlab.drive;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.report.UnknownFigureException;
import zenlab.scenario.Scenario;

/**
 * Runs a fleet scenario live: the same model, paced on the wall clock at the scenario's
 * {@code time_scale}, over the real data path on loopback (brokers, connectors, apps, users'
 * clients, an inspecting proxy), with the same results files as a virtual run. What the model
 * would otherwise decide itself (an enrolment's answer, a handshake's outcome, which connector a
 * broker gives an mtunnel and whether it is refused) comes from the real sockets.
 */
public final class LiveDriver {

    private final PrintStream progressStream;
    private final boolean showProgress;
    private final TlsProvider provider;

    public LiveDriver(PrintStream progressStream, boolean showProgress, TlsProvider provider) {
        this.progressStream = progressStream;
        this.showProgress = showProgress;
        this.provider = provider;
    }

    /**
     * @param scenarioDir the scenario file's folder (an http app's files resolve against it)
     * @throws IllegalArgumentException if the scenario is not a fleet or has no time scale
     */
    public RunResult run(Scenario scenario, Path scenarioDir, Path outDir) throws IOException, UnknownFigureException {
        if (scenario.fleet() == null) {
            throw new IllegalArgumentException("live mode runs fleet scenarios; the queue test model has no network");
        }
        if (!(scenario.timeScale() > 0)) {
            throw new IllegalArgumentException("live mode needs time_scale (simulated seconds per wall-clock second)"
                    + " in the scenario, or --time-scale");
        }
        WallClockPacer pacer = new WallClockPacer(scenario.timeScale());
        FleetWorld world = new FleetWorld(scenario.fleet(), new FleetWorld.Live(provider, Transport.preferred(), scenarioDir,
                pacer, scenario.timeScale()));
        return new VirtualDriver(progressStream, showProgress).drive(scenario, outDir, world, "live",
                sim -> pacer.run(sim, scenario.durationNs()));
    }
}
