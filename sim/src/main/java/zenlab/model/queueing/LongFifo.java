package zenlab.model.queueing;

import java.util.Arrays;

/** A first-in first-out queue of longs in a growing ring: no boxing, no per-item garbage. */
final class LongFifo {

    private long[] items = new long[64];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long value) {
        if (size == items.length) {
            long[] grown = new long[items.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = items[(head + i) & (items.length - 1)];
            }
            items = grown;
            head = 0;
        }
        items[(head + size) & (items.length - 1)] = value;
        size++;
    }

    long remove() {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        long value = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return value;
    }

    void clear() {
        Arrays.fill(items, 0);
        head = 0;
        size = 0;
    }
}
