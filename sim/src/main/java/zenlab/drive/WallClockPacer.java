package zenlab.drive;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import zenlab.kernel.Simulation;

/**
 * Runs the kernel on the wall clock for a live run: simulated time is wall time since the start
 * times {@code timeScale}; timers fire when their time comes, and what the real network reports
 * (posted from Netty's event loops) is handed to the model on this one thread, at the simulated
 * time it arrives. The model so stays single-threaded, as in virtual time, and the journal keeps
 * one producer.
 *
 * <p>The clock may be held at zero while a {@linkplain #holdStartWhile start} is under way: a
 * virtual fleet is up a fraction of a simulated second after zero, while real enrolments and
 * handshakes for hundreds of connectors take seconds of wall time, which time_scale would turn
 * into simulated hours of a fleet still starting.
 */
final class WallClockPacer {

    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final double timeScale;
    private volatile boolean running = true;
    /** True while the world's start is under way; read on the pacer's thread only. */
    private BooleanSupplier starting = () -> false;
    private long startHoldWallNs;
    private int startHoldPolls;
    /** The model's clock and how far it is behind the wall clock's pace, for live metrics; written on the pacer's thread. */
    private volatile long simulatedNowNs;
    private volatile long lagNs;

    /** The most wall time the clock waits at zero for a start: past it, the run goes on and shows the late start. */
    static final long MAX_START_HOLD_NS = TimeUnit.MINUTES.toNanos(5);

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

    /**
     * Holds simulated time at zero while {@code startUnderWay} says so (at most
     * {@link #MAX_START_HOLD_NS}); it is asked on the pacer's thread, between reports.
     */
    void holdStartWhile(BooleanSupplier startUnderWay) {
        this.starting = startUnderWay;
    }

    /** Times the clock waited (up to 10 ms each) at zero for the start's reports: 0 when nothing was starting. */
    int startHoldPolls() {
        return startHoldPolls;
    }

    /** Wall time the clock was held at zero for the start, in nanoseconds. */
    long startHoldWallNs() {
        return startHoldWallNs;
    }

    /** The model's clock now, in simulated nanoseconds; from any thread. */
    long simulatedNowNs() {
        return simulatedNowNs;
    }

    /**
     * How late the model was, at its last step, for the simulated time it had reached: wall time
     * past the moment that time was due. A few milliseconds is the loop's own pace; more says
     * the machine cannot keep up with time_scale.
     */
    long lagNs() {
        return lagNs;
    }

    /** Runs until {@code durationNs} of simulated time, about {@code durationNs / timeScale} of wall time. */
    void run(Simulation sim, long durationNs) throws InterruptedException {
        holdAtZero(sim);
        long wallStartNs = System.nanoTime();
        long wallEndNs = wallStartNs + wallNs(durationNs);
        while (true) {
            long nowNs = simulatedNow(wallStartNs, durationNs);
            sim.run(Math.max(nowNs, sim.nowNs()));
            Runnable report;
            while ((report = inbox.poll()) != null) {
                report.run();
            }
            simulatedNowNs = sim.nowNs();
            lagNs = Math.max(0, System.nanoTime() - (wallStartNs + wallNs(sim.nowNs())));
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

    private void holdAtZero(Simulation sim) throws InterruptedException {
        long holdStartNs = System.nanoTime();
        sim.run(0);
        while (starting.getAsBoolean() && System.nanoTime() - holdStartNs < MAX_START_HOLD_NS) {
            startHoldPolls++;
            Runnable report = inbox.poll(10, TimeUnit.MILLISECONDS);
            if (report != null) {
                report.run();
                sim.run(0); // what the report scheduled for now
            }
        }
        startHoldWallNs = System.nanoTime() - holdStartNs;
    }

    private long simulatedNow(long wallStartNs, long durationNs) {
        double simulated = (System.nanoTime() - wallStartNs) * timeScale;
        return (long) Math.min(durationNs, simulated);
    }

    private long wallNs(long simulatedNs) {
        return (long) Math.ceil(simulatedNs / timeScale);
    }
}
