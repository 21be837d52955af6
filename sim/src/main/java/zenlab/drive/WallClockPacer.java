package zenlab.drive;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import zenlab.kernel.Simulation;

/**
 * Runs the kernel on the wall clock for a live run: simulated time is wall time since the start
 * times {@code timeScale}; timers fire when their time comes, and what the real network reports
 * (posted from Netty's event loops) is handed to the model on this one thread, at the simulated
 * time it arrives. The model so stays single-threaded, as in virtual time, and the journal keeps
 * one producer.
 */
final class WallClockPacer {

    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final double timeScale;
    private volatile boolean running = true;

    /** @param timeScale simulated seconds per wall-clock second */
    WallClockPacer(double timeScale) {
        this.timeScale = timeScale;
    }

    /** Hands {@code report} to the model's thread; from any thread. Dropped once the run is over. */
    void post(Runnable report) {
        if (running) {
            inbox.add(report);
        }
    }

    /** Runs until {@code durationNs} of simulated time, about {@code durationNs / timeScale} of wall time. */
    void run(Simulation sim, long durationNs) throws InterruptedException {
        long wallStartNs = System.nanoTime();
        long wallEndNs = wallStartNs + wallNs(durationNs);
        while (true) {
            long nowNs = simulatedNow(wallStartNs, durationNs);
            sim.run(Math.max(nowNs, sim.nowNs()));
            Runnable report;
            while ((report = inbox.poll()) != null) {
                report.run();
            }
            if (nowNs >= durationNs) {
                break;
            }
            long next = sim.nextEventTimeNs();
            long wakeNs = next == Long.MAX_VALUE ? wallEndNs : Math.min(wallEndNs, wallStartNs + wallNs(next));
            long waitNs = wakeNs - System.nanoTime();
            if (waitNs > 0) {
                report = inbox.poll(waitNs, TimeUnit.NANOSECONDS);
                if (report != null) {
                    sim.run(Math.max(simulatedNow(wallStartNs, durationNs), sim.nowNs()));
                    report.run();
                }
            }
        }
        running = false;
        inbox.clear();
    }

    private long simulatedNow(long wallStartNs, long durationNs) {
        double simulated = (System.nanoTime() - wallStartNs) * timeScale;
        return (long) Math.min(durationNs, simulated);
    }

    private long wallNs(long simulatedNs) {
        return (long) Math.ceil(simulatedNs / timeScale);
    }
}
