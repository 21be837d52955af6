package zenlab.kernel;

/**
 * Reacts to an event that fell due. {@code kind} and {@code arg} are whatever the scheduler of
 * the event passed; primitives, so that scheduling and dispatch never box or allocate.
 */
@FunctionalInterface
public interface EventHandler {
    void onEvent(int kind, long arg);
}
