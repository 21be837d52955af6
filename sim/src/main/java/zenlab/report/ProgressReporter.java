package zenlab.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import zenlab.scenario.Durations;

/**
 * A progress bar on stderr for runs longer than a second: simulated time covered against the
 * scenario's duration, and events per second. It samples counters the kernel publishes for
 * other threads, so the hot loop does no work for it. Silent unless enabled (stderr is a
 * terminal and the user did not ask for {@code --quiet}).
 */
public final class ProgressReporter implements AutoCloseable {

    private static final long FIRST_DRAW_MS = 1000;
    private static final long REDRAW_MS = 200;
    private static final int BAR_WIDTH = 30;

    private final LongSupplier simulatedNs;
    private final LongSupplier events;
    private final long durationNs;
    private final PrintStream err;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean drawn;

    public ProgressReporter(LongSupplier simulatedNs, LongSupplier events, long durationNs, PrintStream err,
                            boolean enabled) {
        this.simulatedNs = simulatedNs;
        this.events = events;
        this.durationNs = durationNs;
        this.err = err;
        this.thread = new Thread(this::loop, "zenlab-progress");
        this.thread.setDaemon(true);
        if (enabled) {
            thread.start();
        }
    }

    /** Whether stderr is a terminal: the launcher tells us; without it, ask the JVM. */
    public static boolean stderrIsTerminal() {
        String told = System.getProperty("zenlab.stderr.tty");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        return System.console() != null;
    }

    private void loop() {
        long startMs = System.currentTimeMillis();
        long lastEvents = 0;
        long lastMs = startMs;
        try {
            Thread.sleep(FIRST_DRAW_MS);
            while (running) {
                long nowMs = System.currentTimeMillis();
                long eventsNow = events.getAsLong();
                double rate = (eventsNow - lastEvents) * 1000.0 / Math.max(1, nowMs - lastMs);
                draw(simulatedNs.getAsLong(), rate);
                lastEvents = eventsNow;
                lastMs = nowMs;
                Thread.sleep(REDRAW_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw(long nowNs, double eventsPerSecond) {
        if (!running) {
            return;
        }
        double fraction = Math.min(1.0, Math.max(0.0, (double) nowNs / durationNs));
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        err.printf(Locale.ROOT, "\r[%s] %3.0f%%  %s of %s  %.1f M events/s ", bar, fraction * 100,
                Durations.format(nowNs), Durations.format(durationNs), eventsPerSecond / 1e6);
        err.flush();
        drawn = true;
    }

    /** Stops drawing and clears the line. */
    @Override
    public synchronized void close() {
        running = false;
        thread.interrupt();
        if (drawn) {
            err.print("\r" + " ".repeat(BAR_WIDTH + 50) + "\r");
            err.flush();
        }
    }
}
