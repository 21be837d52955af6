package zenlab.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import zenlab.kernel.JournalEntry;
import zenlab.kernel.JournalHandler;

/**
 * Records one latency of the journal, in nanoseconds, into an HdrHistogram: the {@code b}
 * field of every entry of one kind (the model's vocabulary says which kind carries which
 * latency). At the end it writes the percentile distribution as an .hgrm file in
 * milliseconds, the format HdrHistogram's plotter reads.
 */
public final class LatencyHistogramHandler implements JournalHandler {

    private static final double NS_PER_MS = 1e6;

    private final int kind;
    private final Path hgrmFile;
    private final Histogram histogram = new Histogram(3); // auto-resizing, 3 significant digits

    public LatencyHistogramHandler(int kind, Path hgrmFile) {
        this.kind = kind;
        this.hgrmFile = hgrmFile;
    }

    @Override
    public void onEntry(JournalEntry entry) {
        if (entry.kind == kind) {
            histogram.recordValue(Math.max(0, entry.b));
        }
    }

    @Override
    public void onEnd() throws IOException {
        try (OutputStream file = Files.newOutputStream(hgrmFile);
             PrintStream out = new PrintStream(file, false, java.nio.charset.StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(out, NS_PER_MS);
        }
    }

    /** The histogram, in ns; read after the bus has closed. */
    public Histogram histogram() {
        return histogram;
    }

    @Override
    public String name() {
        return hgrmFile.getFileName() + " histogram";
    }
}
