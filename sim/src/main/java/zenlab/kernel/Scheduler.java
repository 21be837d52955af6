package zenlab.kernel;

/**
 * What an actor needs of its driver: the time, and timers. The virtual driver implements it
 * with {@link Simulation}; the live driver with wall-clock timers. Actors depend on this, never
 * on a thread or {@code System.nanoTime}.
 */
public interface Scheduler extends Clock {

    /** Marks an id that names no event; {@link #cancel} of it returns false. */
    long NO_EVENT = -1L;

    /**
     * Calls {@code handler.onEvent(kind, arg)} after {@code delayNs} (0 or more).
     *
     * @return an id for {@link #cancel}, valid until the event fires or is cancelled
     */
    long schedule(long delayNs, EventHandler handler, int kind, long arg);

    /** Cancels a pending event; false if it already fired, was cancelled, or never existed. */
    boolean cancel(long eventId);

    /**
     * Registers a handler for {@link #post}: once, when the actor is built.
     *
     * @return the handler's id for {@link #post}
     */
    int register(EventHandler handler);

    /**
     * Calls the registered handler's {@code onEvent(kind, arg)} after {@code delayNs}, for an
     * event nobody cancels (an arrival, a periodic tick). It has no id, so the driver keeps no
     * state for it beyond its place in the queue; {@code kind} is 0-255.
     */
    void post(long delayNs, int handlerId, int kind, int arg);
}
