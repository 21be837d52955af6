package zenlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    /** (time, key) with the queue's order, as the reference a PriorityQueue keeps. */
    private record Entry(long time, long key) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(key, o.key);
        }
    }

    @Test
    void shouldPopInTimeThenKeyOrderUnderRandomInterleavings() {
        EventQueue queue = new EventQueue(4);
        PriorityQueue<Entry> reference = new PriorityQueue<>();
        SplittableRandom random = new SplittableRandom(7);
        long key = 0;
        for (int op = 0; op < 200_000; op++) {
            if (reference.isEmpty() || random.nextInt(100) < 55) {
                long time = random.nextInt(1000); // few distinct times: many ties
                queue.add(time, key);
                reference.add(new Entry(time, key));
                key++;
            } else {
                Entry expected = reference.poll();
                assertEquals(expected.time(), queue.peekTimeNs());
                assertEquals(expected.key(), queue.peekKey());
                queue.removeFirst();
            }
            assertEquals(reference.size(), queue.size());
        }
    }

    @Test
    void shouldKeepOrderAfterRemoveIf() {
        EventQueue queue = new EventQueue();
        SplittableRandom random = new SplittableRandom(3);
        PriorityQueue<Entry> reference = new PriorityQueue<>();
        for (long key = 0; key < 10_000; key++) {
            long time = random.nextLong(1_000_000);
            queue.add(time, key);
            if (key % 3 != 0) {
                reference.add(new Entry(time, key));
            }
        }
        int removed = queue.removeIf(k -> k % 3 == 0);
        assertEquals(3334, removed);
        while (!reference.isEmpty()) {
            Entry expected = reference.poll();
            assertEquals(expected.key(), queue.peekKey());
            queue.removeFirst();
        }
        assertTrue(queue.isEmpty());
    }
}
