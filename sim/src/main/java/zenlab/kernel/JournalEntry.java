package zenlab.kernel;

/**
 * One observable fact, as a mutable slot of the journal ring: preallocated once and
 * overwritten, so publishing allocates nothing. What the fields mean depends on {@code kind};
 * the model's {@link JournalVocabulary} names them when the entry is written out.
 */
public final class JournalEntry {
    /** Virtual (or, live, wall-clock) time of the fact. */
    public long timeNs;
    /** What happened, as a code of the model's vocabulary. */
    public int kind;
    /** Who it happened to: an actor index of the model. */
    public int subject;
    /** Why, as a code of the model's cause enum; 0 when there is none. */
    public int cause;
    public long a;
    public long b;
    public double value;

    void set(long timeNs, int kind, int subject, int cause, long a, long b, double value) {
        this.timeNs = timeNs;
        this.kind = kind;
        this.subject = subject;
        this.cause = cause;
        this.a = a;
        this.b = b;
        this.value = value;
    }
}
