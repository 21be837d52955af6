package zenlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    /** The reference order: time, then insertion order. */
    private record Entry(long time, long insertion) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(insertion, o.insertion);
        }
    }

    /** Delays as a model makes them: many zero (same instant), short, and now and then huge. */
    private static long delay(SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0: return 0;
            case 1: return random.nextInt(4);
            case 2: return random.nextLong(1_000);
            case 3: return random.nextLong(1_000_000_000L);
            case 4: return random.nextLong(1L << 40);
            default: return random.nextLong(1L << 50);
        }
    }

    @Test
    void shouldPopByTimeThenInsertionOrderUnderRandomInterleavings() {
        Map<Long, Long> keys = new HashMap<>();
        EventQueue queue = new EventQueue();
        PriorityQueue<Entry> reference = new PriorityQueue<>();
        SplittableRandom random = new SplittableRandom(7);
        long insertion = 0;
        long now = 0;
        for (int op = 0; op < 400_000; op++) {
            if (reference.isEmpty() || random.nextInt(100) < 52) {
                long time = now + delay(random);
                // Keys deliberately not increasing: order among equal times must be insertion order.
                long key = random.nextLong(Long.MAX_VALUE);
                queue.add(time, key);
                reference.add(new Entry(time, insertion));
                keys.put(insertion, key);
                insertion++;
            } else {
                Entry expected = reference.poll();
                assertEquals(expected.time(), queue.peekTimeNs());
                long key = queue.pollKey();
                assertEquals(keys.remove(expected.insertion()), key);
                assertEquals(expected.time(), queue.lastRemovedTimeNs());
                now = expected.time();
            }
            assertEquals(reference.size(), queue.size());
        }
    }

    @Test
    void shouldRefuseAnEventBeforeTheLastRemovedOne() {
        EventQueue queue = new EventQueue();
        queue.add(100, 1);
        queue.add(200, 2);
        queue.pollKey();
        assertThrows(IllegalArgumentException.class, () -> queue.add(99, 3));
        queue.add(100, 4); // the same instant is allowed
        assertEquals(4, queue.pollKey());
    }

    @Test
    void shouldPeekWithoutChangingWhatMayStillBeAdded() {
        EventQueue queue = new EventQueue();
        queue.add(0, 0);
        queue.pollKey();
        queue.add(1L << 40, 1);
        assertEquals(1L << 40, queue.peekTimeNs());
        queue.add(5, 2); // earlier than the peeked minimum, still after the last removed
        assertEquals(5, queue.peekTimeNs());
        assertEquals(2, queue.pollKey());
        assertEquals(1, queue.pollKey());
    }

    @Test
    void shouldKeepOrderAfterRemoveIf() {
        EventQueue queue = new EventQueue();
        SplittableRandom random = new SplittableRandom(3);
        PriorityQueue<Entry> reference = new PriorityQueue<>();
        for (long key = 0; key < 10_000; key++) {
            long time = random.nextLong(1_000) * 1_000_000L; // ties at the same instants
            queue.add(time, key);
            reference.add(new Entry(time, key));
        }
        for (int i = 0; i < 100; i++) { // spread some buckets, so removal covers moved events
            assertEquals(reference.poll().insertion(), queue.pollKey());
        }
        int before = reference.size();
        reference.removeIf(e -> e.insertion() % 3 == 0);
        assertEquals(before - reference.size(), queue.removeIf(k -> k % 3 == 0));
        while (!reference.isEmpty()) {
            Entry expected = reference.poll();
            assertEquals(expected.time(), queue.peekTimeNs());
            assertEquals(expected.insertion(), queue.pollKey());
        }
        assertTrue(queue.isEmpty());
    }
}
