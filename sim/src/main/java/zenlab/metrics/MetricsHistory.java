package zenlab.metrics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The last minutes of a lab for the status page: every {@link #STEP_S} seconds, the mtunnels
 * established, refused and broken in that step and the setup latency's median and 99th
 * percentile, in a ring of {@link #STEPS} samples.
 */
final class MetricsHistory implements AutoCloseable {

    static final int STEP_S = 2;
    /** Five minutes of steps. */
    static final int STEPS = 150;

    /** One step: counts in it, and latency percentiles in microseconds (0 when none was set up). */
    record Sample(long established, long refused, long broken, long p50Us, long p99Us) {
    }

    private final LabMetrics metrics;
    private final Sample[] ring = new Sample[STEPS];
    private int next;
    private int size;
    private long lastEstablished;
    private long lastRefused;
    private long lastBroken;
    private Histogram interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zenlab-metrics-history");
        t.setDaemon(true);
        return t;
    });

    MetricsHistory(LabMetrics metrics) {
        this.metrics = metrics;
        timer.scheduleAtFixedRate(this::sample, STEP_S, STEP_S, TimeUnit.SECONDS);
    }

    synchronized void sample() {
        long established = metrics.establishedTotal();
        long refused = metrics.refusedTotal();
        long broken = metrics.brokenTotal();
        interval = metrics.takeSetupInterval(interval);
        boolean any = interval.getTotalCount() > 0;
        ring[next] = new Sample(established - lastEstablished, refused - lastRefused, broken - lastBroken,
                any ? interval.getValueAtPercentile(50) : 0, any ? interval.getValueAtPercentile(99) : 0);
        next = (next + 1) % STEPS;
        size = Math.min(STEPS, size + 1);
        lastEstablished = established;
        lastRefused = refused;
        lastBroken = broken;
    }

    /** The samples, oldest first. */
    synchronized Sample[] samples() {
        Sample[] out = new Sample[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[Math.floorMod(next - size + i, STEPS)];
        }
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
