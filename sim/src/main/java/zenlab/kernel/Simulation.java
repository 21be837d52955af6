package zenlab.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The virtual-time run loop: pops the earliest event (equal times in the order they were
 * scheduled), moves the clock to it and calls its handler. Single-threaded and deterministic.
 *
 * <p>An event lives in a slot: its handler in one array, and its arg and (generation, kind)
 * side by side in another, so dispatching it touches two cache lines; the queue holds
 * (timeNs, slot). Slots are recycled through a free list and the
 * arrays only grow, so scheduling and dispatch allocate nothing in steady state. An event id is
 * (generation << 32 | slot): a stale id, of an event that fired or was cancelled, no longer
 * matches its slot's generation and cancels nothing.
 *
 * <p>Cancellation is lazy: the slot is marked dead and its queue entry skipped when it comes
 * due, which keeps cancel O(1). When dead entries outnumber live ones the queue is compacted
 * in one O(n) pass, so timers reset again and again cannot bloat it.
 *
 * <p>An event nobody cancels (an arrival, a periodic tick) can skip the slot: {@link #post}
 * packs its registered handler's id, kind and an int arg into the queue entry's key (negative,
 * so it never looks like a slot), and dispatch reads the key alone. With many events pending a
 * slot is a cache miss or two when its event comes due; a posted event costs none.
 */
public final class Simulation implements Scheduler {

    private static final int MAX_SLOTS = 1 << 30;
    private static final int COMPACT_MIN_DEAD = 1024;
    private static final int PROGRESS_EVERY_MASK = 4095;
    /** A posted event's key: this bit, the handler's id above bit 40, kind in bits 32-39, arg below. */
    private static final long POSTED = Long.MIN_VALUE;
    private static final int POSTED_HANDLER_SHIFT = 40;
    private static final int POSTED_KIND_SHIFT = 32;
    private static final int MAX_POSTED_HANDLERS = 1 << 23;
    private static final int MAX_POSTED_KIND = 0xFF;

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
    /** slotWords[2 * slot] = arg, slotWords[2 * slot + 1] = generation << 32 | kind. */
    private long[] slotWords;
    private int[] freeSlots;
    private int freeCount;
    private int slotsEverUsed;
    /** Handlers of posted events, by the id {@link #register} gave them. */
    private EventHandler[] registered = new EventHandler[16];
    private int registeredCount;

    private long nowNs;
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
        queue = new EventQueue();
        handlers = new EventHandler[capacity];
        slotWords = new long[2 * capacity];
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

    /**
     * The time of the earliest queued event (possibly one cancelled since), or
     * {@code Long.MAX_VALUE} if none: how long a wall-clock driver may sleep.
     */
    public long nextEventTimeNs() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peekTimeNs();
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
        int slot = allocateSlot();
        int generation = (int) (slotWords[2 * slot + 1] >>> 32) + 1 & Integer.MAX_VALUE; // ids stay >= 0
        handlers[slot] = handler;
        slotWords[2 * slot] = arg;
        slotWords[2 * slot + 1] = ((long) generation << 32) | (kind & 0xFFFF_FFFFL);
        queue.add(timeNs, slot);
        return ((long) generation << 32) | slot;
    }

    @Override
    public boolean cancel(long eventId) {
        if (eventId < 0) {
            return false;
        }
        int slot = (int) (eventId & 0xFFFF_FFFFL);
        int generation = (int) (eventId >>> 32);
        if (slot >= handlers.length || handlers[slot] == null
                || (int) (slotWords[2 * slot + 1] >>> 32) != generation) {
            return false;
        }
        handlers[slot] = null; // the queue entry stays until it comes due or a compaction
        deadPending++;
        if (deadPending >= COMPACT_MIN_DEAD && deadPending > queue.size() / 2) {
            compact();
        }
        return true;
    }

    @Override
    public int register(EventHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler is null");
        }
        if (registeredCount == MAX_POSTED_HANDLERS) {
            throw new IllegalStateException("more than " + MAX_POSTED_HANDLERS + " registered handlers");
        }
        if (registeredCount == registered.length) {
            registered = Arrays.copyOf(registered, 2 * registered.length);
        }
        registered[registeredCount] = handler;
        return registeredCount++;
    }

    @Override
    public void post(long delayNs, int handlerId, int kind, int arg) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("delayNs must be >= 0, was " + delayNs);
        }
        if (handlerId < 0 || handlerId >= registeredCount) {
            throw new IllegalArgumentException("no handler registered as " + handlerId);
        }
        if (kind < 0 || kind > MAX_POSTED_KIND) {
            throw new IllegalArgumentException("a posted event's kind must be 0-" + MAX_POSTED_KIND + ", was " + kind);
        }
        queue.add(nowNs + delayNs, POSTED | (long) handlerId << POSTED_HANDLER_SHIFT
                | (long) kind << POSTED_KIND_SHIFT | (arg & 0xFFFF_FFFFL));
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
        return fireNext(Long.MAX_VALUE);
    }

    /** Runs until no event is pending or a handler calls {@link #stop()}. */
    public void run() {
        stopped = false;
        while (!stopped && fireNext(Long.MAX_VALUE)) {
            // fireNext does the work
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
        while (!stopped) {
            if (!fireNext(untilNs)) {
                nowNs = untilNs;
                break;
            }
        }
        publishProgress();
    }

    /** Fires the next live event due at or before {@code untilNs}; false if there is none. */
    private boolean fireNext(long untilNs) {
        EventQueue q = queue;
        while (!q.isEmpty()) {
            if (untilNs != Long.MAX_VALUE && q.peekTimeNs() > untilNs) {
                return false;
            }
            long key = q.pollKey();
            if (key < 0) { // posted: everything is in the key
                advanceTo(q.lastRemovedTimeNs());
                registered[(int) (key >>> POSTED_HANDLER_SHIFT) & (MAX_POSTED_HANDLERS - 1)]
                        .onEvent((int) (key >>> POSTED_KIND_SHIFT) & MAX_POSTED_KIND, (int) key);
                return true;
            }
            int slot = (int) key;
            EventHandler handler = handlers[slot];
            freeSlot(slot);
            if (handler == null) {
                deadPending--;
                continue;
            }
            advanceTo(q.lastRemovedTimeNs());
            handler.onEvent((int) slotWords[2 * slot + 1], slotWords[2 * slot]);
            return true;
        }
        return false;
    }

    private void advanceTo(long timeNs) {
        nowNs = timeNs;
        long count = ++eventsProcessed;
        if ((count & PROGRESS_EVERY_MASK) == 0) {
            PROGRESS_NOW.setOpaque(this, timeNs);
            PROGRESS_EVENTS.setOpaque(this, count);
        }
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

    private int allocateSlot() {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            slot = slotsEverUsed++;
            if (slot == handlers.length) {
                grow();
            }
        }
        return slot;
    }

    private void freeSlot(int slot) {
        handlers[slot] = null;
        freeSlots[freeCount++] = slot;
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
        slotWords = Arrays.copyOf(slotWords, 2 * capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }

    private void compact() {
        queue.removeIf(key -> {
            if (key < 0) {
                return false; // posted events are never cancelled
            }
            int slot = (int) key;
            if (handlers[slot] == null) {
                freeSlot(slot);
                return true;
            }
            return false;
        });
        deadPending = 0;
    }
}
