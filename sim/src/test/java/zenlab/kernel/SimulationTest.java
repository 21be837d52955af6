package zenlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private final Simulation sim = new Simulation(4);
    private final List<String> fired = new ArrayList<>();
    private final EventHandler recorder = (kind, arg) -> fired.add(sim.nowNs() + ":" + kind + ":" + arg);

    @Test
    void shouldFireByTimeThenInsertionOrder() {
        sim.schedule(30, recorder, 1, 0);
        sim.schedule(10, recorder, 2, 0);
        sim.schedule(10, recorder, 3, 0);
        sim.schedule(20, recorder, 4, 0);
        sim.schedule(10, recorder, 5, 0);
        sim.run();
        assertEquals(List.of("10:2:0", "10:3:0", "10:5:0", "20:4:0", "30:1:0"), fired);
        assertEquals(5, sim.eventsProcessed());
        assertEquals(30, sim.nowNs());
    }

    @Test
    void shouldLetHandlersScheduleAtTheCurrentTimeAfterEarlierOnes() {
        sim.schedule(5, (kind, arg) -> {
            fired.add("first");
            sim.schedule(0, (k, a) -> fired.add("scheduled-by-first"), 0, 0);
        }, 0, 0);
        sim.schedule(5, (kind, arg) -> fired.add("second"), 0, 0);
        sim.run();
        assertEquals(List.of("first", "second", "scheduled-by-first"), fired);
    }

    @Test
    void shouldNotFireCancelledEventsAndRefuseStaleIds() {
        long a = sim.schedule(10, recorder, 1, 0);
        long b = sim.schedule(20, recorder, 2, 0);
        assertTrue(sim.cancel(a));
        assertFalse(sim.cancel(a), "a second cancel of the same id");
        assertEquals(1, sim.pending());
        sim.run();
        assertEquals(List.of("20:2:0"), fired);
        assertFalse(sim.cancel(b), "an id of an event that already fired");
        long c = sim.schedule(5, recorder, 3, 0); // reuses a freed slot with a new generation
        assertFalse(sim.cancel(a));
        assertFalse(sim.cancel(b));
        assertTrue(sim.cancel(c));
        assertFalse(sim.cancel(Scheduler.NO_EVENT));
    }

    @Test
    void shouldRescheduleToTheNewTime() {
        long id = sim.schedule(10, recorder, 7, 42);
        sim.reschedule(id, 50, recorder, 7, 42);
        sim.run();
        assertEquals(List.of("50:7:42"), fired);
    }

    @Test
    void shouldRunUntilAHorizonAndMoveTheClockThere() {
        sim.schedule(10, recorder, 1, 0);
        sim.schedule(100, recorder, 2, 0);
        sim.schedule(101, recorder, 3, 0);
        sim.run(100);
        assertEquals(List.of("10:1:0", "100:2:0"), fired);
        assertEquals(100, sim.nowNs());
        assertEquals(1, sim.pending());
        sim.run(1000);
        assertEquals(1000, sim.nowNs());
        assertEquals(3, fired.size());
    }

    @Test
    void shouldStopFromInsideAHandlerWithoutLosingTheNextEvent() {
        sim.schedule(1, (kind, arg) -> sim.stop(), 0, 0);
        sim.schedule(2, recorder, 9, 0);
        sim.run();
        assertEquals(List.of(), fired);
        assertEquals(1, sim.pending());
        sim.run();
        assertEquals(List.of("2:9:0"), fired);
    }

    @Test
    void shouldRefuseThePast() {
        sim.schedule(10, recorder, 0, 0);
        sim.run();
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, recorder, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(9, recorder, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.run(5));
    }

    @Test
    void shouldCompactManyCancelledTimersAndKeepTheLiveOnes() {
        // A timer reset on every message, the idle-timeout pattern: 100,000 resets.
        long timer = Scheduler.NO_EVENT;
        for (int i = 0; i < 100_000; i++) {
            timer = sim.reschedule(timer, 1_000_000 + i, recorder, 1, i);
        }
        sim.schedule(500, recorder, 2, 0);
        assertEquals(2, sim.pending());
        sim.run();
        assertEquals(List.of("500:2:0", "1099999:1:99999"), fired);
    }

    @Test
    void shouldFirePostedAndScheduledEventsTogetherByTimeThenInsertionOrder() {
        int recorderId = sim.register(recorder);
        sim.post(10, recorderId, 1, 7);
        sim.schedule(10, recorder, 2, 8);
        sim.post(5, recorderId, 255, -1); // the largest kind and a negative arg survive the packing
        sim.post(10, recorderId, 3, Integer.MIN_VALUE);
        sim.schedule(5, recorder, 4, 9);
        assertEquals(5, sim.pending());
        sim.run();
        assertEquals(List.of("5:255:-1", "5:4:9", "10:1:7", "10:2:8", "10:3:" + Integer.MIN_VALUE), fired);
        assertEquals(5, sim.eventsProcessed());
    }

    @Test
    void shouldDispatchPostedEventsToTheHandlerTheirIdNames() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // past the registry's first size
            int handler = i;
            ids.add(sim.register((kind, arg) -> fired.add(handler + "/" + kind + "/" + arg)));
        }
        sim.post(2, ids.get(39), 0, 1);
        sim.post(1, ids.get(0), 9, 2);
        sim.post(3, ids.get(17), 4, 3);
        sim.run();
        assertEquals(List.of("0/9/2", "39/0/1", "17/4/3"), fired);
    }

    @Test
    void shouldRefusePostsItCannotCarry() {
        int id = sim.register(recorder);
        assertThrows(IllegalArgumentException.class, () -> sim.post(-1, id, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.post(1, id + 1, 0, 0), "an id never registered");
        assertThrows(IllegalArgumentException.class, () -> sim.post(1, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.post(1, id, 256, 0), "a kind over 255");
        assertThrows(IllegalArgumentException.class, () -> sim.post(1, id, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.register(null));
        assertEquals(0, sim.pending());
    }

    @Test
    void shouldKeepPostedEventsThroughACompaction() {
        int id = sim.register(recorder);
        sim.post(700, id, 3, 42);
        long timer = Scheduler.NO_EVENT;
        for (int i = 0; i < 100_000; i++) { // compacts many times over
            timer = sim.reschedule(timer, 1_000_000 + i, recorder, 1, i);
        }
        assertEquals(2, sim.pending());
        sim.run();
        assertEquals(List.of("700:3:42", "1099999:1:99999"), fired);
    }

    /** The hold model over posted events: nothing may allocate either. */
    @Test
    void shouldAllocateNothingPerPostedEventInSteadyState() {
        Simulation hold = new Simulation(16);
        RandomStream draws = new RandomStreams(1).stream("hold");
        int[] selfId = new int[1];
        selfId[0] = hold.register((kind, arg) -> hold.post(draws.exponentialNs(1e9), selfId[0], kind, (int) arg));
        for (int i = 0; i < 100_000; i++) {
            hold.post(draws.exponentialNs(1e9), selfId[0], 0, i);
        }
        assertAllocatesNothingOverTwoMillionSteps(hold);
    }

    /** The hold model: each event reschedules itself. After warm-up nothing may allocate. */
    @Test
    void shouldAllocateNothingPerEventInSteadyState() {
        Simulation hold = new Simulation(16);
        RandomStream draws = new RandomStreams(1).stream("hold");
        EventHandler self = new EventHandler() {
            @Override
            public void onEvent(int kind, long arg) {
                hold.schedule(draws.exponentialNs(1e9), this, kind, arg);
            }
        };
        for (int i = 0; i < 100_000; i++) {
            hold.schedule(draws.exponentialNs(1e9), self, 0, i);
        }
        assertAllocatesNothingOverTwoMillionSteps(hold);
    }

    /** After a warm-up, two million steps of a hold of 100,000 pending events allocate nothing. */
    private static void assertAllocatesNothingOverTwoMillionSteps(Simulation hold) {
        for (int i = 0; i < 1_000_000; i++) { // warm-up: arrays at full size, code compiled
            hold.step();
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 2_000_000; i++) {
            hold.step();
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        // Two million events; a single object per event would be 32 MB. Allow the probe's own few.
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over 2,000,000 events");
        assertEquals(100_000, hold.pending());
    }
}
