package zenlab.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The virtual-time run loop: pops the earliest event by (timeNs, sequence), moves the clock to
 * it and calls its handler. Single-threaded and deterministic.
 *
 * <p>An event lives in a slot of parallel arrays (handler, kind, arg, generation); the queue
 * holds (timeNs, sequence << SLOT_BITS | slot). Slots are recycled through a free list and the
 * arrays only grow, so scheduling and dispatch allocate nothing in steady state. An event id is
 * (generation << 32 | slot): a stale id, of an event that fired or was cancelled, no longer
 * matches its slot's generation and cancels nothing.
 *
 * <p>Cancellation is lazy: the slot is marked dead and its queue entry skipped when it comes
 * due, which keeps cancel O(1). When dead entries outnumber live ones the queue is compacted
 * in one O(n) pass, so timers reset again and again cannot bloat it.
 */
public final class Simulation implements Scheduler {

    static final int SLOT_BITS = 26;
    static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    /** Sequences use the key's remaining bits; past this the pending ones are renumbered. */
    static final long MAX_SEQUENCE = (1L << (63 - SLOT_BITS)) - 1;
    private static final int MAX_SLOTS = 1 << SLOT_BITS;
    private static final int COMPACT_MIN_DEAD = 1024;
    private static final int PROGRESS_EVERY_MASK = 4095;

    private static final VarHandle PROGRESS_NOW;
    private static final VarHandle PROGRESS_EVENTS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PROGRESS_NOW = lookup.findVarHandle(Simulation.class, "progressNowNs", long.class);
            PROGRESS_EVENTS = lookup.findVarHandle(Simulation.class, "progressEvents", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventQueue queue;
    private EventHandler[] handlers;
    private int[] kinds;
    private long[] args;
    private int[] generations;
    private int[] freeSlots;
    private int freeCount;
    private int slotsInUse;

    private long nowNs;
    private long nextSequence;
    private long eventsProcessed;
    private int deadPending;
    private boolean stopped;

    // Read by a progress thread; written with opaque stores every few thousand events.
    @SuppressWarnings("unused")
    private long progressNowNs;
    @SuppressWarnings("unused")
    private long progressEvents;

    public Simulation() {
        this(1024);
    }

    /** @param expectedPending a hint to size the arrays; they grow as needed */
    public Simulation(int expectedPending) {
        int capacity = Math.max(16, expectedPending);
        queue = new EventQueue(capacity);
        handlers = new EventHandler[capacity];
        kinds = new int[capacity];
        args = new long[capacity];
        generations = new int[capacity];
        freeSlots = new int[capacity];
    }

    @Override
    public long nowNs() {
        return nowNs;
    }

    /** Events dispatched so far (cancelled ones not counted). */
    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** Events scheduled and not yet fired or cancelled. */
    public int pending() {
        return queue.size() - deadPending;
    }

    @Override
    public long schedule(long delayNs, EventHandler handler, int kind, long arg) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("delayNs must be >= 0, was " + delayNs);
        }
        return scheduleAt(nowNs + delayNs, handler, kind, arg);
    }

    /** Schedules at an absolute virtual time, which may not lie in the past. */
    public long scheduleAt(long timeNs, EventHandler handler, int kind, long arg) {
        if (timeNs < nowNs) {
            throw new IllegalArgumentException("cannot schedule in the past: " + timeNs + " < now " + nowNs);
        }
        if (handler == null) {
            throw new IllegalArgumentException("handler is null");
        }
        if (nextSequence > MAX_SEQUENCE) {
            renumberSequences();
        }
        int slot = allocateSlot();
        handlers[slot] = handler;
        kinds[slot] = kind;
        args[slot] = arg;
        queue.add(timeNs, (nextSequence++ << SLOT_BITS) | slot);
        return ((long) generations[slot] << 32) | slot;
    }

    @Override
    public boolean cancel(long eventId) {
        if (eventId < 0) {
            return false;
        }
        int slot = (int) (eventId & 0xFFFF_FFFFL);
        int generation = (int) (eventId >>> 32);
        if (slot >= handlers.length || handlers[slot] == null || generations[slot] != generation) {
            return false;
        }
        handlers[slot] = null; // the queue entry stays until it comes due or a compaction
        deadPending++;
        if (deadPending >= COMPACT_MIN_DEAD && deadPending > queue.size() / 2) {
            compact();
        }
        return true;
    }

    /**
     * Cancels {@code eventId} if still pending and schedules the same handler, kind and arg
     * after {@code delayNs}.
     *
     * @return the new event's id
     */
    public long reschedule(long eventId, long delayNs, EventHandler handler, int kind, long arg) {
        cancel(eventId);
        return schedule(delayNs, handler, kind, arg);
    }

    /**
     * Fires the next live event.
     *
     * @return false if no event was pending
     */
    public boolean step() {
        EventQueue q = queue;
        while (!q.isEmpty()) {
            long timeNs = q.peekTimeNs();
            int slot = (int) (q.peekKey() & SLOT_MASK);
            q.removeFirst();
            EventHandler handler = handlers[slot];
            freeSlot(slot);
            if (handler == null) {
                deadPending--;
                continue;
            }
            nowNs = timeNs;
            long count = ++eventsProcessed;
            if ((count & PROGRESS_EVERY_MASK) == 0) {
                PROGRESS_NOW.setOpaque(this, timeNs);
                PROGRESS_EVENTS.setOpaque(this, count);
            }
            handler.onEvent(kinds[slot], args[slot]);
            return true;
        }
        return false;
    }

    /** Runs until no event is pending or a handler calls {@link #stop()}. */
    public void run() {
        stopped = false;
        while (!stopped && step()) {
            // the loop body is step()
        }
        publishProgress();
    }

    /**
     * Runs every event due at or before {@code untilNs}, then sets the clock to
     * {@code untilNs} (unless a handler stopped the run first).
     */
    public void run(long untilNs) {
        if (untilNs < nowNs) {
            throw new IllegalArgumentException("untilNs lies in the past: " + untilNs + " < now " + nowNs);
        }
        stopped = false;
        EventQueue q = queue;
        while (!stopped) {
            skipDeadHead();
            if (q.isEmpty() || q.peekTimeNs() > untilNs) {
                nowNs = untilNs;
                break;
            }
            step();
        }
        publishProgress();
    }

    /** Makes {@link #run()} return after the current event. */
    public void stop() {
        stopped = true;
    }

    /** Virtual time of the latest progress sample; safe to read from another thread. */
    public long progressNowNs() {
        return (long) PROGRESS_NOW.getOpaque(this);
    }

    /** Events processed at the latest progress sample; safe to read from another thread. */
    public long progressEvents() {
        return (long) PROGRESS_EVENTS.getOpaque(this);
    }

    private void publishProgress() {
        PROGRESS_NOW.setOpaque(this, nowNs);
        PROGRESS_EVENTS.setOpaque(this, eventsProcessed);
    }

    private void skipDeadHead() {
        EventQueue q = queue;
        while (!q.isEmpty()) {
            int slot = (int) (q.peekKey() & SLOT_MASK);
            if (handlers[slot] != null) {
                return;
            }
            q.removeFirst();
            freeSlot(slot);
            deadPending--;
        }
    }

    private int allocateSlot() {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            slot = slotsInUse;
            if (slot == handlers.length) {
                grow();
            }
        }
        slotsInUse++;
        generations[slot] = (generations[slot] + 1) & Integer.MAX_VALUE; // ids stay >= 0
        return slot;
    }

    private void freeSlot(int slot) {
        handlers[slot] = null;
        freeSlots[freeCount++] = slot;
        slotsInUse--;
    }

    private void grow() {
        int capacity = handlers.length * 2;
        if (capacity > MAX_SLOTS) {
            if (handlers.length == MAX_SLOTS) {
                throw new IllegalStateException("more than " + MAX_SLOTS + " pending events");
            }
            capacity = MAX_SLOTS;
        }
        handlers = Arrays.copyOf(handlers, capacity);
        kinds = Arrays.copyOf(kinds, capacity);
        args = Arrays.copyOf(args, capacity);
        generations = Arrays.copyOf(generations, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }

    private void compact() {
        queue.removeIf(key -> {
            int slot = (int) (key & SLOT_MASK);
            if (handlers[slot] == null) {
                freeSlot(slot);
                return true;
            }
            return false;
        });
        deadPending = 0;
    }

    /**
     * Only the order of pending sequences matters, so when the sequence space runs out they are
     * renumbered 0..n-1 in queue order. Once per 2^37 schedules; never on the hot path.
     */
    private void renumberSequences() {
        compact();
        int n = queue.size();
        long[] times = new long[n];
        long[] slots = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = queue.peekTimeNs();
            slots[i] = queue.peekKey() & SLOT_MASK;
            queue.removeFirst();
        }
        for (int i = 0; i < n; i++) {
            queue.add(times[i], ((long) i << SLOT_BITS) | slots[i]);
        }
        nextSequence = n;
    }

    /** For tests of the renumbering path, which otherwise needs 2^37 schedules to reach. */
    void jumpSequenceForTest(long sequence) {
        nextSequence = sequence;
    }
}
