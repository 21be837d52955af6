package zenlab.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import zenlab.kernel.JournalEntry;
import zenlab.kernel.JournalHandler;
import zenlab.kernel.JournalVocabulary;
import zenlab.scenario.JournalLevel;

/**
 * Writes journal.jsonl: one JSON object a line, {@code {"timeNs":N,"event":"name",...}}, in the
 * order entries were published. At milestone level, per-request entries are left out; at
 * summary level, every line. A large journal is written gzip-compressed (journal.jsonl.gz), at
 * gzip's fastest level: the journal thread keeps up with the kernel, and the file still shrinks
 * about 5.6 times. Java's gzip header carries no time stamp, so the bytes stay deterministic.
 */
public final class JsonLinesJournalWriter implements JournalHandler {

    private static final int BUFFER_CHARS = 1 << 20;

    private final Writer out;
    private final JournalVocabulary vocabulary;
    private final JournalLevel level;
    private final StringBuilder line = new StringBuilder(256);
    private long written;

    public JsonLinesJournalWriter(Path file, JournalVocabulary vocabulary, JournalLevel level) throws IOException {
        this(file, vocabulary, level, false);
    }

    /** @param gzip whether to compress what is written (the file's name should end in .gz) */
    public JsonLinesJournalWriter(Path file, JournalVocabulary vocabulary, JournalLevel level, boolean gzip)
            throws IOException {
        this.out = ResultFile.open(file, BUFFER_CHARS, gzip);
        this.vocabulary = vocabulary;
        this.level = level;
    }

    @Override
    public void onEntry(JournalEntry entry) throws IOException {
        if (level == JournalLevel.SUMMARY || (level == JournalLevel.MILESTONES && !vocabulary.isMilestone(entry.kind))) {
            return;
        }
        line.setLength(0);
        line.append("{\"timeNs\":").append(entry.timeNs)
                .append(",\"event\":\"").append(vocabulary.kindName(entry.kind)).append('"');
        vocabulary.appendFields(entry, line);
        line.append("}\n");
        out.append(line);
        written++;
    }

    @Override
    public void onEnd() throws IOException {
        out.close();
    }

    /** Lines written; read after the bus has closed. */
    public long written() {
        return written;
    }

    @Override
    public String name() {
        return "journal.jsonl writer";
    }
}
