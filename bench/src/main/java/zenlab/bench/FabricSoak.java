package zenlab.bench;

import java.nio.file.Path;
import java.util.Locale;
import zenlab.net.CountingNetEvents;
import zenlab.net.LiveLab;
import zenlab.net.load.ChurnLoad;
import zenlab.net.load.ResourceSample;
import zenlab.scenario.ScenarioLoader;

/**
 * The long soak: {@code zenlab up}'s fabric for the bundled demo (a broker, two connectors,
 * an echo app over real mutual TLS) kept busy with mtunnel churn, rude users included, for
 * {@code MINUTES} minutes, printing each minute what the JVM holds: all of it should stay flat.
 * Bounded: it stops by itself after the last minute.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar zenlab.bench.FabricSoak [MINUTES] [USERS]}
 * (default 10 minutes, 8 users at a time), from the repository's root.
 */
public final class FabricSoak {

    private FabricSoak() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        if (minutes < 1 || minutes > 24 * 60 || users < 1 || users > 256) {
            System.err.println("usage: FabricSoak [MINUTES 1..1440] [USERS 1..256]");
            System.exit(2);
        }
        var demo = ScenarioLoader.load(Path.of("scenarios/up-demo.yaml")).fleet();
        // Refusals and cuts with a cause are printed as they happen: the lab's own account of a failed user.
        CountingNetEvents events = new CountingNetEvents((kind, actor, cause, detail, valueNs) -> {
            if (cause != zenlab.model.Cause.NONE && cause != zenlab.model.Cause.UNKNOWN_MTUNNEL
                    && cause != zenlab.model.Cause.CLIENT_NOT_READING && !detail.contains("ended during setup")) {
                System.out.println("fact: " + kind + " " + actor + " " + cause + " " + detail);
            }
        });
        try (LiveLab lab = LiveLab.start(demo, Path.of("scenarios"), LiveLab.Options.defaults(), events)) {
            ChurnLoad churn = new ChurnLoad(lab.clientPorts().get("echo"));
            System.out.println("| minute | mtunnels opened | echoed whole | aborted | never read | half-closed | failed"
                    + " | heap MB | direct MB | threads | open fds |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            print(0, churn.counts(), ResourceSample.now());
            for (int m = 1; m <= minutes; m++) {
                ChurnLoad.Counts counts = churn.run(users, 60_000, Long.MAX_VALUE);
                Thread.sleep(1_000); // the last users' connections close on every side
                print(m, counts, ResourceSample.now());
            }
            // What failed, and (with -Dzenlab.trace.mtunnels=true) the mtunnels still open at either end, with their stories.
            churn.failures().forEach(f -> System.out.println("failed: " + f));
            for (String f : churn.failures()) { // with tracing on: the failed user's mtunnel at the broker, then at the connector
                java.util.regex.Matcher port = java.util.regex.Pattern.compile("from port (\\d+)").matcher(f);
                if (port.find()) {
                    for (String atBroker : zenlab.net.tunnel.MtunnelTrace.recent("<->/127.0.0.1:" + port.group(1) + " ")) {
                        System.out.println("broker: " + atBroker);
                        java.util.regex.Matcher stream = java.util.regex.Pattern.compile("stream (\\d+) ").matcher(atBroker);
                        if (stream.find()) {
                            zenlab.net.tunnel.MtunnelTrace.recent("stream " + stream.group(1) + " ").stream()
                                    .filter(d -> !d.equals(atBroker)).forEach(d -> System.out.println("same stream: " + d));
                        }
                    }
                }
            }
            zenlab.net.tunnel.MtunnelTrace.open().forEach(m -> System.out.println("open: " + m));
            zenlab.net.tunnel.MtunnelTrace.longLived().forEach(m -> System.out.println("long-lived: " + m));
        }
    }

    private static void print(int minute, ChurnLoad.Counts c, ResourceSample s) {
        System.out.printf(Locale.ROOT, "| %d | %,d | %,d | %,d | %,d | %,d | %,d | %.1f | %.1f | %d | %d |%n", minute,
                c.opened(), c.completed(), c.aborted(), c.neverRead(), c.halfClosed(), c.failed(),
                s.heapUsedBytes() / 1048576.0, s.directBytes() / 1048576.0, s.threads(), s.openFds());
    }
}
