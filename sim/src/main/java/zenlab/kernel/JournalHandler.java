package zenlab.kernel;

/**
 * Consumes journal entries on its own thread, off the simulation's hot loop. Handlers see
 * every entry, in publication order. An exception fails the run with the handler's name.
 */
public interface JournalHandler {

    void onEntry(JournalEntry entry) throws Exception;

    /**
     * Called once after the last entry, on the handler's thread: flush and close here. Also
     * called after the handler failed, so that it lets go of its files; what it throws then is ignored.
     */
    default void onEnd() throws Exception {
    }

    /** Names the handler in error messages. */
    default String name() {
        return getClass().getSimpleName();
    }
}
