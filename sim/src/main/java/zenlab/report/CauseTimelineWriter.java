package zenlab.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import zenlab.kernel.JournalEntry;
import zenlab.kernel.JournalHandler;
import zenlab.model.Cause;
import zenlab.model.FleetJournal;

/**
 * causes.csv: every {@code timeline_interval}, the mtunnels refused and broken since the
 * previous row, by cause, one line per event and cause that happened (none when nothing did).
 * What the run report's "refusals and breaks by cause" chart shows; rebuilt from the journal.
 */
public final class CauseTimelineWriter implements JournalHandler {

    public static final String FILE = "causes.csv";
    static final String HEADER = "time_s,time,event,cause,mtunnels";

    private final Writer out;
    private final long[] refused = new long[Cause.values().length];
    private final long[] broken = new long[Cause.values().length];

    public CauseTimelineWriter(Path file) throws IOException {
        this.out = ResultFile.open(file, 1 << 16, false);
        out.append(HEADER).append('\n');
    }

    @Override
    public void onEntry(JournalEntry e) throws IOException {
        switch (e.kind) {
            case FleetJournal.MTUNNEL_REFUSED -> refused[e.cause]++;
            case FleetJournal.MTUNNEL_BROKEN -> broken[e.cause]++;
            case FleetJournal.TICK -> writeRows(e.timeNs);
            default -> { }
        }
    }

    private void writeRows(long timeNs) throws IOException {
        write(timeNs, "refused", refused);
        write(timeNs, "broken", broken);
    }

    private void write(long timeNs, String event, long[] counts) throws IOException {
        for (Cause cause : Cause.values()) {
            if (counts[cause.ordinal()] > 0) {
                out.append(Long.toString(timeNs / 1_000_000_000L)).append(',').append(VirtualClock.iso(timeNs)).append(',')
                        .append(event).append(',').append(cause.name()).append(',')
                        .append(Long.toString(counts[cause.ordinal()])).append('\n');
                counts[cause.ordinal()] = 0;
            }
        }
    }

    @Override
    public void onEnd() throws IOException {
        out.close();
    }

    @Override
    public String name() {
        return "causes.csv writer";
    }
}
