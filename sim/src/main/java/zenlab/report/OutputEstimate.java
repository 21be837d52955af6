package zenlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import zenlab.scenario.AppSpec;
import zenlab.scenario.ConnectorGroupSpec;
import zenlab.scenario.FleetSection;
import zenlab.scenario.JournalLevel;
import zenlab.scenario.QueueSection;
import zenlab.scenario.Scenario;

/**
 * What a run's results folder will take on disk, estimated from the scenario before the run:
 * the journal at the scenario's level and in full, the status log and the timeline. A run whose
 * estimate exceeds the budget ({@code --max-output}) is refused before it writes anything,
 * rather than leaving a silent multi-gigabyte folder. The byte counts per line are measured on
 * the bundled scenarios (docs/results.md, "How big"); the estimate is good to a factor of about
 * two, which is what a budget needs.
 */
public record OutputEstimate(long journalBytes, long fullJournalBytes, boolean journalCompressed,
                             long statusLogBytes, long timelineBytes) {

    /** The default of {@code --max-output}. */
    public static final long DEFAULT_BUDGET_BYTES = 500_000_000L;
    /** A journal estimated above this is written gzip-compressed, as journal.jsonl.gz. */
    public static final long COMPRESS_ABOVE_BYTES = 64L << 20;
    /** gzip at its fastest level shrinks the journal 5.6 times (measured); the estimate takes 5. */
    static final int COMPRESSION_RATIO = 5;

    // Measured bytes per line or per item (a 30-day two-connector run written in full).
    static final int MTUNNEL_FULL_BYTES = 340;        // requested, established, freed lines
    static final int STATUS_JOURNAL_LINE_BYTES = 75;
    static final int TICK_JOURNAL_LINE_BYTES = 40;
    static final int MILESTONE_LINE_BYTES = 130;
    static final int STATUS_BLOCK_BYTES = 590;
    static final int QUEUE_CUSTOMER_FULL_BYTES = 211; // arrived, started, departed (or blocked) lines
    static final int TIMELINE_ROW_BASE_BYTES = 30;
    static final int TIMELINE_COLUMN_BYTES = 3;
    /** Charts, histograms, the index page and summary.json: a couple of MB whatever the run. */
    static final long FIXED_BYTES = 2_000_000L;

    private static final double NS_PER_S = 1e9;
    private static final double WEEK_S = 7 * 86_400;

    /** The estimate for {@code scenario} as it stands (its journal level, intervals, demand). */
    public static OutputEstimate of(Scenario scenario) {
        double durationS = scenario.durationNs() / NS_PER_S;
        if (scenario.queue() != null) {
            return queue(scenario.queue(), durationS, scenario.journal());
        }
        return fleet(scenario.fleet(), durationS, scenario.journal());
    }

    private static OutputEstimate queue(QueueSection q, double durationS, JournalLevel level) {
        long full = (long) (q.arrivalRatePerS() * durationS * QUEUE_CUSTOMER_FULL_BYTES);
        long written = level == JournalLevel.FULL ? full : 0; // the queue's journal has no milestones
        return withCompression(written, full, 0, 0);
    }

    private static OutputEstimate fleet(FleetSection fleet, double durationS, JournalLevel level) {
        double mtunnels = 0;
        double activeMtunnels = 0;
        for (AppSpec app : fleet.apps()) {
            mtunnels += app.mtunnelsPerS() * durationS;
            activeMtunnels += app.mtunnelsPerS() * app.meanDurationNs() / NS_PER_S; // Little's law
        }
        double connectors = 0;
        double downEvents = 0;
        double milestoneLines = 0;
        double weeks = Math.ceil(durationS / WEEK_S);
        for (ConnectorGroupSpec g : fleet.groups()) {
            double windows = g.upgradesEnabled() ? weeks : 0;
            double failures = g.mtbfNs() > 0 ? durationS / (g.mtbfNs() / NS_PER_S) : 0;
            connectors += g.connectors();
            downEvents += g.connectors() * (windows + failures);
            milestoneLines += g.connectors() * (windows * 8 + failures * 4) + windows * 2;
        }
        // Each time a connector goes down, the mtunnels it carries break: milestone lines too.
        double perConnectorActive = connectors > 0 ? activeMtunnels / connectors : 0;
        milestoneLines += downEvents * perConnectorActive + connectors * 4;
        double statusBlocks = fleet.statusLogIntervalNs() > 0
                ? connectors * Math.floor(durationS * NS_PER_S / fleet.statusLogIntervalNs()) : 0;
        double ticks = fleet.timelineIntervalNs() > 0 ? Math.floor(durationS * NS_PER_S / fleet.timelineIntervalNs()) : 0;
        long milestones = (long) (milestoneLines * MILESTONE_LINE_BYTES);
        long full = milestones + (long) (mtunnels * MTUNNEL_FULL_BYTES + statusBlocks * STATUS_JOURNAL_LINE_BYTES
                + ticks * TICK_JOURNAL_LINE_BYTES);
        long written;
        switch (level) {
            case FULL: written = full; break;
            case MILESTONES: written = milestones; break;
            default: written = 0;
        }
        int timelineColumns = 6 + 2 * fleet.groups().size();
        long timeline = (long) (ticks * (TIMELINE_ROW_BASE_BYTES + TIMELINE_COLUMN_BYTES * timelineColumns));
        return withCompression(written, full, (long) (statusBlocks * STATUS_BLOCK_BYTES), timeline);
    }

    private static OutputEstimate withCompression(long journal, long full, long statusLog, long timeline) {
        return new OutputEstimate(journal, full, journal > COMPRESS_ABOVE_BYTES, statusLog, timeline);
    }

    /** The journal's file name: journal.jsonl, or journal.jsonl.gz when it is large. */
    public String journalFileName() {
        return journalCompressed ? "journal.jsonl.gz" : "journal.jsonl";
    }

    /** The journal's bytes on disk, after compression. */
    public long journalBytesOnDisk() {
        return journalCompressed ? journalBytes / COMPRESSION_RATIO : journalBytes;
    }

    /** Everything the results folder is expected to hold, on disk. */
    public long totalBytes() {
        return journalBytesOnDisk() + statusLogBytes + timelineBytes + FIXED_BYTES;
    }

    /** What {@code journal: full} would add to the folder, on disk (compressed as it would be). */
    public long fullJournalBytesOnDisk() {
        return fullJournalBytes > COMPRESS_ABOVE_BYTES ? fullJournalBytes / COMPRESSION_RATIO : fullJournalBytes;
    }

    /**
     * The one line that refuses a run over {@code budgetBytes}, or null when it fits: what the
     * folder would take, file by file, and what brings it down.
     */
    public String overBudget(String file, long budgetBytes) {
        if (totalBytes() <= budgetBytes) {
            return null;
        }
        return file + ": the results would take about " + ByteSizes.format(totalBytes()) + " (" + breakdown()
                + "), more than --max-output " + ByteSizes.format(budgetBytes) + "; expected journal: milestones,"
                + " a longer status_log_interval or timeline_interval, a shorter duration, or a larger --max-output";
    }

    /** "about 12 MB (journal: full would write ~1.1 GB)": what validate says of a scenario. */
    public String describe(JournalLevel level) {
        String text = "its results take about " + ByteSizes.format(totalBytes());
        if (level != JournalLevel.FULL) {
            text += " (journal: full would write ~" + ByteSizes.format(fullJournalBytesOnDisk()) + ")";
        }
        return text;
    }

    /** "journal.jsonl.gz ~1.1 GB, connector-status.log ~10 MB": the files of a MB or more, largest first. */
    public String breakdown() {
        List<Part> parts = new ArrayList<>(List.of(new Part(journalFileName(), journalBytesOnDisk()),
                new Part("connector-status.log", statusLogBytes), new Part("timeline.csv", timelineBytes)));
        parts.removeIf(p -> p.bytes < 1_000_000);
        parts.sort(Comparator.comparingLong(Part::bytes).reversed());
        return parts.stream().map(p -> p.name + " ~" + ByteSizes.format(p.bytes)).collect(Collectors.joining(", "));
    }

    private record Part(String name, long bytes) {
    }
}
