package zenlab.kernel;

/** How a model's journal entries read: names for kinds and the meaning of each field. */
public interface JournalVocabulary {

    /** The name of an entry kind, e.g. {@code "departed"}. */
    String kindName(int kind);

    /**
     * Whether entries of this kind are milestones (state changes, refusals) rather than
     * per-request detail; a journal at milestone level keeps only these.
     */
    boolean isMilestone(int kind);

    /**
     * Appends the entry's fields after {@code "timeNs":N,"event":"name"} as JSON members, each
     * starting with a comma, e.g. {@code ,"customer":17,"sojournNs":2345}.
     */
    void appendFields(JournalEntry entry, StringBuilder json);
}
