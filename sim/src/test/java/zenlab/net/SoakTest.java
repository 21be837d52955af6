package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import zenlab.net.load.ChurnLoad;
import zenlab.net.load.ResourceSample;
import zenlab.scenario.FleetSection;
import zenlab.scenario.ScenarioLoader;

/**
 * The short soak: {@code zenlab up}'s fabric (the bundled demo's broker, two connectors and an
 * echo app) kept busy with mtunnel churn, rude users included, for a minute. No user may fail,
 * and what the lab holds after warming up and after the churn must be flat: threads and file
 * descriptors back where they were, heap and direct memory within a small margin; no buffer
 * leaks (paranoid). The ten-minute soak is {@code zenlab.bench.FabricSoak}.
 */
class SoakTest {

    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void shouldHoldNoMoreAfterChurnThanBefore() throws Exception {
        FleetSection demo = ScenarioLoader.load(java.nio.file.Path.of(System.getProperty("zenlab.root", ".."))
                .resolve("scenarios/up-demo.yaml")).fleet();
        CountingNetEvents events = new CountingNetEvents();
        try (LiveLab lab = LiveLab.start(demo, java.nio.file.Path.of("."), LiveLab.Options.defaults(), events)) {
            InetSocketAddress echo = lab.clientPorts().get("echo");
            ChurnLoad churn = new ChurnLoad(echo);
            churn.run(8, 5_000, 100_000); // warm-up: pools, JIT and buffers reach their working size
            ResourceSample before = settled();
            ChurnLoad.Counts counts = churn.run(8, 60_000, 200_000);
            ResourceSample after = settled();
            // Sockets of the last aborted users may still be closing on a busy machine: a leak never
            // comes back down, a slow close does, so look again before judging: in a full test run,
            // after other tests, 16 were once still open after 10 s, and however long the wait a leak stays.
            long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (before.openFds() >= 0 && after.openFds() > before.openFds() + 8 && System.nanoTime() < deadlineNs) {
                Thread.sleep(250);
                after = ResourceSample.now();
            }
            System.out.println("soak: " + counts + " " + before + " -> " + after + " failures " + churn.failures());
            // No user may fail. About 80,000 users in a minute: a defect that fails 1 in 10,000 shows
            // here with a probability of 1 - e^-8 (it did, at 1 in 47,000, before its fix, about half the time).
            assertEquals(0, counts.failed(), "users whose echo did not come back whole: " + counts
                    + " " + churn.failures() + "\n"
                    + String.join("\n", events.lines().stream().filter(l -> !l.startsWith("MTUNNEL_ESTABLISHED")
                            && !l.contains("ended during setup") && !l.contains(" NONE") && !l.contains("UNKNOWN_MTUNNEL")).toList()));
            assertTrue(counts.opened() > 1_000 && counts.aborted() > 50 && counts.neverRead() > 50
                    && counts.halfClosed() > 50, "churn of every kind: " + counts);
            assertTrue(after.threads() <= before.threads() + 2, before + " -> " + after);
            if (before.openFds() >= 0) {
                assertTrue(after.openFds() <= before.openFds() + 8, "file descriptors: " + before + " -> " + after);
            }
            assertTrue(after.heapUsedBytes() <= before.heapUsedBytes() + 48L * 1024 * 1024, "heap: " + before + " -> " + after);
            assertTrue(after.directBytes() <= before.directBytes() + 32L * 1024 * 1024, "direct: " + before + " -> " + after);
        }
        NettyLeaks.assertNone();
    }

    /** A sample once the last users' connections have closed on every side. */
    private static ResourceSample settled() throws InterruptedException {
        Thread.sleep(1_500);
        return ResourceSample.now();
    }
}
