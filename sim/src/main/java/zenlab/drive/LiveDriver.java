package zenlab.drive;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.scenario.AppSpec;
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
     * Most real traffic the users' clients may push, one way, on the wall clock: twice that
     * crosses loopback (the echo answers), through TLS twice, beside the kernel, on two cores.
     */
    public static final double MAX_OFFERED_MBPS = 100;

    /**
     * Why a fleet scenario with a time scale cannot run live, or empty. Its users push their
     * demand's bytes to echo apps and count what returns, so every app is served by the built-in
     * echo, and the demand times time_scale must be traffic this machine carries on time.
     */
    public static Optional<String> unfit(Scenario scenario) {
        double offeredMbps = 0;
        for (AppSpec app : scenario.fleet().apps()) {
            if (app.live().address() != null || !"echo".equals(app.live().server())) {
                return Optional.of("app " + app.name() + ": live mode carries each app's demand to the built-in echo"
                        + " server and counts what comes back; expected live: {server: echo} (the default), found "
                        + (app.live().address() != null ? "address " + app.live().address() : app.live().server()));
            }
            offeredMbps += app.mtunnelsPerS() * (app.meanDurationNs() / 1e9) * app.mbps();
        }
        offeredMbps *= scenario.timeScale();
        if (offeredMbps > MAX_OFFERED_MBPS) {
            return Optional.of(String.format(Locale.ROOT, "the apps' demand (mtunnels_per_s x mean duration x mbps, summed)"
                    + " times time_scale %s is %.0f Mbps of real traffic; expected at most %.0f: lower time_scale or"
                    + " the demand's mbps", java.math.BigDecimal.valueOf(scenario.timeScale()).stripTrailingZeros().toPlainString(),
                    offeredMbps, MAX_OFFERED_MBPS));
        }
        return Optional.empty();
    }

    /**
     * @param scenarioDir the scenario file's folder (an http app's files resolve against it)
     * @throws IllegalArgumentException if the scenario is not a fleet, has no time scale or is {@link #unfit}
     */
    public RunResult run(Scenario scenario, Path scenarioDir, Path outDir) throws IOException {
        return run(scenario, scenarioDir, outDir, null);
    }

    /**
     * The same, feeding {@code metrics} (null for none) as it goes: the model's journal, the real
     * network's handshakes and bytes, the pacer's clock, and at the end the assertions' states.
     */
    public RunResult run(Scenario scenario, Path scenarioDir, Path outDir, zenlab.metrics.LabMetrics metrics)
            throws IOException {
        if (scenario.fleet() == null) {
            throw new IllegalArgumentException("live mode runs fleet scenarios; the queue test model has no network");
        }
        if (!(scenario.timeScale() > 0)) {
            throw new IllegalArgumentException("live mode needs time_scale (simulated seconds per wall-clock second)"
                    + " in the scenario, or --time-scale");
        }
        unfit(scenario).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        WallClockPacer pacer = new WallClockPacer(scenario.timeScale());
        FleetWorld world = new FleetWorld(scenario.fleet(), new FleetWorld.Live(provider, Transport.preferred(), scenarioDir,
                pacer, scenario.timeScale(), metrics));
        if (metrics != null) {
            metrics.clock(new zenlab.metrics.LabMetrics.Clock() {
                @Override
                public double simulatedSeconds() {
                    return pacer.simulatedNowNs() / 1e9;
                }

                @Override
                public double lagSeconds() {
                    return pacer.lagNs() / 1e9;
                }
            }, scenario.timeScale());
        }
        RunResult result = new VirtualDriver(progressStream, showProgress).drive(scenario, outDir, world, "live",
                sim -> pacer.run(sim, scenario.durationNs()));
        if (metrics != null) {
            java.util.Map<String, Boolean> states = new java.util.LinkedHashMap<>();
            result.assertions().forEach(o -> states.put(o.expression(), o.passed()));
            metrics.finished(states);
        }
        return result;
    }
}
