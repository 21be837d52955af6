package zenlab.net;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import zenlab.model.Cause;

/** Counts every fact by kind and cause, and keeps the latest few lines for a report. Thread-safe. */
public final class CountingNetEvents implements NetEvents {

    private static final int LINES_KEPT = 1000;

    private final Map<Kind, Map<Cause, LongAdder>> counts = new EnumMap<>(Kind.class);
    private final List<String> lines = new ArrayList<>();
    private final NetEvents next;

    public CountingNetEvents() {
        this(NetEvents.NONE);
    }

    /** Counts, then passes each fact on to {@code next}. */
    public CountingNetEvents(NetEvents next) {
        this.next = next;
        for (Kind kind : Kind.values()) {
            Map<Cause, LongAdder> byCause = new EnumMap<>(Cause.class);
            for (Cause cause : Cause.values()) {
                byCause.put(cause, new LongAdder());
            }
            counts.put(kind, byCause);
        }
    }

    @Override
    public void record(Kind kind, String actor, Cause cause, String detail, long valueNs) {
        counts.get(kind).get(cause).increment();
        synchronized (lines) {
            if (lines.size() == LINES_KEPT) {
                lines.remove(0);
            }
            lines.add(kind + " " + actor + " " + cause + (detail.isEmpty() ? "" : ": " + detail));
        }
        next.record(kind, actor, cause, detail, valueNs);
    }

    public long count(Kind kind, Cause cause) {
        return counts.get(kind).get(cause).sum();
    }

    public long count(Kind kind) {
        long total = 0;
        for (LongAdder adder : counts.get(kind).values()) {
            total += adder.sum();
        }
        return total;
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
