package zenlab.kernel;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * Pending events as (timeNs, key) pairs of longs, earliest first; events of equal time leave
 * in the order they were added (FIFO), which is what makes a run deterministic. Times must not
 * run backwards: an event may not be added before the last one removed.
 *
 * <p>A monotone radix queue with 64-way digits (Ahuja, Mehlhorn, Orlin, Tarjan's radix heap,
 * widened as in multi-level bucket queues). Discrete-event time never runs backwards, so every
 * insert is at or after the last removed time {@code base}. An event whose time first differs
 * from {@code base} in 6-bit digit {@code d} goes to level {@code d}, bucket = its own value of
 * that digit: placing it is a XOR, a leading-zero count and an append, with no comparison to
 * mispredict. Level 0 holds events of one exact time per bucket. When level 0 runs dry, the
 * lowest non-empty bucket is spread over the lower levels around its minimum. An event's
 * bucket depends only on its time and the base, so events of one time always share a bucket,
 * appended and moved in order: FIFO among equal times needs no sequence numbers and no sort.
 * An event moves at most 11 times (once per level) and in practice two or three; buckets are
 * appended and scanned sequentially, which is what keeps it fast at 10^7 pending events where
 * a heap's random walk misses cache at every level. Occupancy is one {@code long} bitmap per
 * level, so finding the next bucket is a trailing-zero count.
 *
 * <p>When level 0 runs dry and the lowest bucket holds few events (at most
 * {@value #BOTTOM_MAX_EVENTS}), they are sorted into a short "bottom" run instead of being
 * spread further, as in Tang, Goh and Thng's ladder queue: on the hold model at 10^4 pending,
 * nearly every pop used to spread a bucket of about three events, and each event moved 3.2
 * times.
 *
 * <p>Why this queue: measured on the hold model (remove the earliest, add one Exp(1) s later),
 * raw queue operations, nanoseconds per hold on this project's 2-core machine, best of three:
 * <pre>
 *   pending                          10^4    10^6    10^7
 *   4-ary heap                        82     143     396    (the first kernel; Floyd's bottom-up pop)
 *   radix, 2-way digits               45      62      62
 *   radix, 16-way                     32      47      42
 *   radix, 64-way                     32      45      38
 *   radix, 256-way                    35      67       -
 *   radix, 64-way, bottom run         24      39       -    (this class)
 * </pre>
 * The heap pays a mispredicted branch per level at 10^4 and a cache miss per level at 10^6;
 * the radix queue's cost stays nearly flat. End-to-end kernel figures: docs/performance.md, "Kernel speed".
 *
 * <p>As time advances every bucket of a level takes its turn holding the bulk of the events, so
 * bucket arrays are recycled: one emptied by a spread goes back to a free list by size, and a
 * bucket that must grow takes the next size from there. Memory follows the events pending now,
 * not the sum of every bucket's high-water mark, and steady state allocates nothing.
 */
public final class EventQueue {

    private static final int DIGIT_BITS = 6;
    private static final int WIDTH = 1 << DIGIT_BITS;
    private static final int LEVELS = (63 + DIGIT_BITS - 1) / DIGIT_BITS; // times are >= 0
    private static final int INITIAL_BUCKET_LONGS = 8;
    /** A lowest bucket of at most this many events is sorted into the bottom run, not spread. */
    private static final int BOTTOM_MAX_EVENTS = 32;

    /** buckets[level * WIDTH + digit]: time and key side by side. */
    private final long[][] buckets = new long[LEVELS * WIDTH][];
    /** Longs used in each bucket, and where its unread part starts (level 0 is read FIFO). */
    private final int[] ends = new int[LEVELS * WIDTH];
    private final int[] heads = new int[LEVELS * WIDTH];
    private final long[] occupiedBuckets = new long[LEVELS];
    private int occupiedLevels;
    private int size;
    /** What radix placement is relative to: never after any event outside the bottom run. */
    private long baseNs;
    private long lastRemovedNs;
    /**
     * The bottom run (as in Tang, Goh and Thng's ladder queue): the next few events, sorted,
     * popped in order without further spreading. Events added before its last time join it in
     * place; all others are later than all of it.
     */
    private long[] bottom = new long[4 * BOTTOM_MAX_EVENTS];
    private int bottomHead;
    private int bottomEnd;
    private long cachedMinNs;
    private boolean minCached;
    /** Recycled bucket arrays by size: freeArrays[log2(length)] is a stack of spares. */
    private final long[][][] freeArrays = new long[32][][];
    private final int[] freeArrayCounts = new int[32];

    public EventQueue() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new long[INITIAL_BUCKET_LONGS];
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The time of the most recently removed event: no event may be added before it. */
    public long lastRemovedTimeNs() {
        return lastRemovedNs;
    }

    /**
     * Adds an event.
     *
     * @throws IllegalArgumentException if {@code timeNs} lies before the last removed time
     */
    public void add(long timeNs, long key) {
        if (timeNs < lastRemovedNs) {
            throw beforeLastRemoved(timeNs);
        }
        if (bottomHead < bottomEnd && timeNs < bottom[bottomEnd - 2]) {
            insertIntoBottom(timeNs, key);
        } else {
            append(bucketOf(timeNs), timeNs, key);
        }
        size++;
        if (minCached && timeNs < cachedMinNs) {
            cachedMinNs = timeNs;
        }
    }

    private IllegalArgumentException beforeLastRemoved(long timeNs) {
        return new IllegalArgumentException("time " + timeNs + " lies before the last removed " + lastRemovedNs);
    }

    /** Time of the earliest event, without removing it. Only valid when not empty. */
    public long peekTimeNs() {
        if (bottomHead < bottomEnd) {
            return bottom[bottomHead];
        }
        if ((occupiedLevels & 1) != 0) {
            int bucket = Long.numberOfTrailingZeros(occupiedBuckets[0]);
            return buckets[bucket][heads[bucket]];
        }
        if (!minCached) {
            int level = Integer.numberOfTrailingZeros(occupiedLevels);
            int bucket = level * WIDTH + Long.numberOfTrailingZeros(occupiedBuckets[level]);
            cachedMinNs = minTime(buckets[bucket], heads[bucket], ends[bucket]);
            minCached = true;
        }
        return cachedMinNs;
    }

    /**
     * Removes the earliest event and returns its key; {@link #lastRemovedTimeNs()} is then its
     * time. Only valid when not empty.
     */
    public long pollKey() {
        // Kept tiny so the JIT inlines it: most pops come from the bottom run.
        if (bottomHead < bottomEnd) {
            return pollBottom();
        }
        return pollRadix();
    }

    private long pollRadix() {
        if ((occupiedLevels & 1) == 0) {
            int level = Integer.numberOfTrailingZeros(occupiedLevels);
            int lowest = level * WIDTH + Long.numberOfTrailingZeros(occupiedBuckets[level]);
            if (ends[lowest] - heads[lowest] <= 2 * BOTTOM_MAX_EVENTS) {
                moveToBottom(lowest);
                return pollBottom();
            }
            spread(lowest);
        }
        int bucket = Long.numberOfTrailingZeros(occupiedBuckets[0]);
        long[] entries = buckets[bucket];
        int head = heads[bucket];
        baseNs = entries[head];
        lastRemovedNs = baseNs;
        long key = entries[head + 1];
        head += 2;
        if (head == ends[bucket]) {
            heads[bucket] = 0;
            ends[bucket] = 0;
            markEmpty(bucket);
            if (entries.length > INITIAL_BUCKET_LONGS) { // a burst at one instant has drained
                buckets[bucket] = takeArray(INITIAL_BUCKET_LONGS);
                giveArray(entries);
            }
        } else {
            heads[bucket] = head;
        }
        size--;
        minCached = false;
        return key;
    }

    /** Empties the queue and forgets the last removed time. */
    public void clear() {
        Arrays.fill(ends, 0);
        Arrays.fill(heads, 0);
        Arrays.fill(occupiedBuckets, 0);
        occupiedLevels = 0;
        size = 0;
        baseNs = 0;
        lastRemovedNs = 0;
        bottomHead = 0;
        bottomEnd = 0;
        minCached = false;
    }

    /**
     * Drops every entry whose key matches, keeping the order of the rest. Used to compact
     * lazily cancelled events; O(n), not for the hot path.
     */
    public int removeIf(LongPredicate keyMatches) {
        int keptInBottom = keepUnmatched(bottom, bottomHead, bottomEnd, keyMatches);
        int removed = (bottomEnd - bottomHead - keptInBottom) / 2;
        bottomHead = 0;
        bottomEnd = keptInBottom;
        for (int bucket = 0; bucket < buckets.length; bucket++) {
            int end = ends[bucket];
            if (end == 0) {
                continue;
            }
            int kept = keepUnmatched(buckets[bucket], heads[bucket], end, keyMatches);
            removed += (end - heads[bucket] - kept) / 2;
            heads[bucket] = 0;
            ends[bucket] = kept;
            if (kept == 0) {
                markEmpty(bucket);
            }
        }
        size -= removed;
        minCached = false;
        return removed;
    }

    /** Moves the pairs in [start, end) whose key does not match to the front; returns their end. */
    private static int keepUnmatched(long[] entries, int start, int end, LongPredicate keyMatches) {
        int kept = 0;
        for (int i = start; i < end; i += 2) {
            if (!keyMatches.test(entries[i + 1])) {
                entries[kept] = entries[i];
                entries[kept + 1] = entries[i + 1];
                kept += 2;
            }
        }
        return kept;
    }

    private int bucketOf(long timeNs) {
        long differing = timeNs ^ baseNs;
        int level = differing == 0 ? 0 : (63 - Long.numberOfLeadingZeros(differing)) / DIGIT_BITS;
        return level * WIDTH + (int) ((timeNs >>> (level * DIGIT_BITS)) & (WIDTH - 1));
    }

    private void append(int bucket, long timeNs, long key) {
        long[] entries = buckets[bucket];
        int end = ends[bucket];
        if (end == entries.length) {
            long[] larger = takeArray(end * 2);
            System.arraycopy(entries, 0, larger, 0, end);
            giveArray(entries);
            entries = larger;
            buckets[bucket] = entries;
        }
        entries[end] = timeNs;
        entries[end + 1] = key;
        ends[bucket] = end + 2;
        int level = bucket >>> DIGIT_BITS;
        occupiedBuckets[level] |= 1L << (bucket & (WIDTH - 1));
        occupiedLevels |= 1 << level;
    }

    private void markEmpty(int bucket) {
        int level = bucket >>> DIGIT_BITS;
        long remaining = occupiedBuckets[level] & ~(1L << (bucket & (WIDTH - 1)));
        occupiedBuckets[level] = remaining;
        if (remaining == 0) {
            occupiedLevels &= ~(1 << level);
        }
    }

    private long pollBottom() {
        long timeNs = bottom[bottomHead];
        long key = bottom[bottomHead + 1];
        bottomHead += 2;
        if (bottomHead == bottomEnd) {
            bottomHead = 0;
            bottomEnd = 0;
        }
        lastRemovedNs = timeNs;
        size--;
        minCached = false;
        return key;
    }

    /**
     * The lowest bucket is small: its events are the earliest of all, so sort them (stably, so
     * equal times stay FIFO) into the bottom run, and place later arrivals relative to their
     * minimum.
     */
    private void moveToBottom(int bucket) {
        long[] entries = buckets[bucket];
        int start = heads[bucket];
        int end = ends[bucket];
        int n = end - start;
        if (bottom.length < n) {
            bottom = new long[Math.max(n, 2 * bottom.length)];
        }
        System.arraycopy(entries, start, bottom, 0, n);
        for (int i = 2; i < n; i += 2) { // insertion sort of (time, key) pairs by time
            long timeNs = bottom[i];
            long key = bottom[i + 1];
            int j = i - 2;
            while (j >= 0 && bottom[j] > timeNs) {
                bottom[j + 2] = bottom[j];
                bottom[j + 3] = bottom[j + 1];
                j -= 2;
            }
            bottom[j + 2] = timeNs;
            bottom[j + 3] = key;
        }
        bottomHead = 0;
        bottomEnd = n;
        heads[bucket] = 0;
        ends[bucket] = 0;
        markEmpty(bucket);
        baseNs = bottom[0];
        minCached = false;
    }

    /** An event earlier than the bottom run's last joins it after the events of its time. */
    private void insertIntoBottom(long timeNs, long key) {
        if (bottomEnd == bottom.length) {
            bottom = Arrays.copyOf(bottom, 2 * bottom.length);
        }
        int j = bottomEnd - 2;
        while (j >= bottomHead && bottom[j] > timeNs) {
            bottom[j + 2] = bottom[j];
            bottom[j + 3] = bottom[j + 1];
            j -= 2;
        }
        bottom[j + 2] = timeNs;
        bottom[j + 3] = key;
        bottomEnd += 2;
    }

    /**
     * Level 0 is empty and the lowest bucket is large: move the base to its minimum and spread
     * its events over lower levels, relative to the new base. Every event there is earlier than
     * every event of any other bucket, so the order stays exact.
     */
    private void spread(int bucket) {
        long[] entries = buckets[bucket];
        int start = heads[bucket];
        int end = ends[bucket];
        long minNs = minCached ? cachedMinNs : minTime(entries, start, end);
        heads[bucket] = 0;
        ends[bucket] = 0;
        markEmpty(bucket);
        baseNs = minNs;
        // Every target lies on a lower level, never this bucket, so its array is read safely
        // while the targets grow; it is recycled only afterwards.
        for (int i = start; i < end; i += 2) {
            append(bucketOf(entries[i]), entries[i], entries[i + 1]);
        }
        if (entries.length > INITIAL_BUCKET_LONGS) {
            buckets[bucket] = takeArray(INITIAL_BUCKET_LONGS);
            giveArray(entries);
        }
    }

    private long[] takeArray(int length) {
        int sizeClass = Integer.numberOfTrailingZeros(length);
        int count = freeArrayCounts[sizeClass];
        if (count == 0) {
            return new long[length];
        }
        long[][] spares = freeArrays[sizeClass];
        long[] array = spares[--count];
        spares[count] = null;
        freeArrayCounts[sizeClass] = count;
        return array;
    }

    private void giveArray(long[] array) {
        int sizeClass = Integer.numberOfTrailingZeros(array.length);
        long[][] spares = freeArrays[sizeClass];
        int count = freeArrayCounts[sizeClass];
        if (spares == null) {
            spares = new long[8][];
            freeArrays[sizeClass] = spares;
        } else if (count == spares.length) {
            spares = Arrays.copyOf(spares, count * 2);
            freeArrays[sizeClass] = spares;
        }
        spares[count] = array;
        freeArrayCounts[sizeClass] = count + 1;
    }

    private static long minTime(long[] entries, int start, int end) {
        long min = Long.MAX_VALUE;
        for (int i = start; i < end; i += 2) {
            min = Math.min(min, entries[i]);
        }
        return min;
    }
}
