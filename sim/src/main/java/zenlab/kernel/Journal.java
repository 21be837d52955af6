package zenlab.kernel;

/** Where actors record observable facts. Recording must not allocate. */
@FunctionalInterface
public interface Journal {

    /** Records nothing: for tests and runs that need only the model's own counters. */
    Journal NONE = (timeNs, kind, subject, cause, a, b, value) -> { };

    void record(long timeNs, int kind, int subject, int cause, long a, long b, double value);
}
