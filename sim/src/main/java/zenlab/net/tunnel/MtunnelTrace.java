package zenlab.net.tunnel;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A debugging aid, off unless the JVM runs with {@code -Dzenlab.trace.mtunnels=true}: every
 * mtunnel keeps the story of what happened to it (frames and local events, in order), and the
 * ones not yet ended can be listed with their stories, as a soak does after a user failed. Off,
 * it costs one test of a constant the JIT folds away.
 */
public final class MtunnelTrace {

    static final boolean ON = Boolean.getBoolean("zenlab.trace.mtunnels");
    /** Events kept per mtunnel: the first ones and the last ones tell most stories. */
    static final int EVENTS = 40;

    /** An mtunnel that lived this long keeps its story after it ended: a soak's users live milliseconds. */
    static final long KEEP_AFTER_NS = 5_000_000_000L;
    private static final int KEPT = 1_000;

    private static final Set<Mtunnel> OPEN = ConcurrentHashMap.newKeySet();
    private static final java.util.Deque<String> LONG_LIVED = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** The latest mtunnels to end, described: a soak looks up a failed user's by its port. */
    private static final int RECENT = 200_000;
    private static final String[] RECENT_RING = ON ? new String[RECENT] : new String[0];
    private static final java.util.concurrent.atomic.AtomicLong RECENT_COUNT = new java.util.concurrent.atomic.AtomicLong();

    private MtunnelTrace() {
    }

    static void opened(Mtunnel m) {
        if (ON) {
            OPEN.add(m);
        }
    }

    static void ended(Mtunnel m, long ageNs) {
        if (ON) {
            OPEN.remove(m);
            String described = "after " + ageNs / 1_000_000 + " ms: " + m.describe();
            if (ageNs > KEEP_AFTER_NS && LONG_LIVED.size() < KEPT) {
                LONG_LIVED.add(described);
            }
            RECENT_RING[(int) (RECENT_COUNT.getAndIncrement() % RECENT)] = described;
        }
    }

    /** The latest mtunnels to end whose description contains {@code text}. */
    public static List<String> recent(String text) {
        List<String> found = new java.util.ArrayList<>();
        for (String d : RECENT_RING) {
            if (d != null && d.contains(text)) {
                found.add(d);
            }
        }
        return found;
    }

    /** The mtunnels that ended after living longer than a few seconds, with their stories. */
    public static List<String> longLived() {
        return List.copyOf(LONG_LIVED);
    }

    /** Whether tracing is on in this JVM. */
    public static boolean on() {
        return ON;
    }

    /** Every mtunnel not ended at either end, with its state and story; empty when tracing is off. */
    public static List<String> open() {
        return OPEN.stream().map(Mtunnel::describe).sorted().collect(Collectors.toList());
    }
}
