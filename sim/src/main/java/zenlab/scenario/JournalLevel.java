package zenlab.scenario;

/** How much of the journal a run writes to journal.jsonl. Metrics always see every entry. */
public enum JournalLevel {
    /** Every entry: each request, each state change. */
    FULL,
    /** State changes, refusals and faults only: for year-long runs of large fleets. */
    MILESTONES;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
