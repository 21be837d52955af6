package zenlab.scenario;

/** How much of the journal a run writes to journal.jsonl. Metrics always see every entry. */
public enum JournalLevel {
    /** Every entry: each request, each state change. */
    FULL,
    /** State changes, refusals and faults only: for year-long runs. */
    MILESTONES,
    /** No line: journal.jsonl stays empty. Every entry still feeds the metrics, status log and timeline. */
    SUMMARY;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
