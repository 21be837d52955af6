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
}
