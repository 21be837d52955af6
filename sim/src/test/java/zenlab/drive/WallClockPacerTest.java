package zenlab.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import zenlab.kernel.Simulation;

/** The live pacer holds simulated time at zero while a start is under way, then runs on the wall clock. */
class WallClockPacerTest {

    @Test
    void shouldHoldTheClockAtZeroUntilTheStartIsAnswered() throws Exception {
        Simulation sim = new Simulation();
        WallClockPacer pacer = new WallClockPacer(100); // 100 simulated seconds per wall-clock second
        AtomicBoolean starting = new AtomicBoolean(true);
        List<Long> answeredAtNs = new ArrayList<>();
        List<Long> timerAtNs = new ArrayList<>();
        sim.schedule(TimeUnit.SECONDS.toNanos(10), (kind, arg) -> timerAtNs.add(sim.nowNs()), 0, 0);
        // The answers' 300 ms count from the pacer's first look, when its hold has begun: counted from
        // the thread's start they could end before the hold began, and the hold measure less.
        CountDownLatch holding = new CountDownLatch(1);
        pacer.holdStartWhile(() -> {
            holding.countDown();
            return starting.get();
        });
        Thread answers = new Thread(() -> {
            try {
                holding.await();
                Thread.sleep(300); // the real start's answers take 300 ms: 30 simulated seconds at 100x
            } catch (InterruptedException e) {
                return;
            }
            pacer.post(() -> {
                answeredAtNs.add(sim.nowNs());
                starting.set(false);
            });
        });
        answers.start();
        long wallStartNs = System.nanoTime();
        pacer.run(sim, TimeUnit.SECONDS.toNanos(20));
        long wallNs = System.nanoTime() - wallStartNs;
        answers.join();
        assertEquals(List.of(0L), answeredAtNs, "the start's answer arrives at simulated zero");
        assertTrue(pacer.startHoldWallNs() >= TimeUnit.MILLISECONDS.toNanos(300), "held " + pacer.startHoldWallNs() + " ns");
        assertEquals(1, timerAtNs.size());
        assertTrue(timerAtNs.get(0) >= TimeUnit.SECONDS.toNanos(10), "the timer fires at its time after the hold");
        assertTrue(wallNs >= TimeUnit.MILLISECONDS.toNanos(300 + 200), "the run's 0.2 s come after the hold: " + wallNs);
    }

    @Test
    void shouldNotHoldWhenNothingIsStarting() throws Exception {
        Simulation sim = new Simulation();
        WallClockPacer pacer = new WallClockPacer(1_000);
        pacer.run(sim, TimeUnit.SECONDS.toNanos(10));
        // Not a time (a loaded machine can take 50 ms for anything): the hold never waited for a report.
        assertEquals(0, pacer.startHoldPolls(), "held " + pacer.startHoldWallNs() + " ns");
    }
}
