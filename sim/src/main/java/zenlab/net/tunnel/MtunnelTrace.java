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

    private static final Set<Mtunnel> OPEN = ConcurrentHashMap.newKeySet();

    private MtunnelTrace() {
    }

    static void opened(Mtunnel m) {
        if (ON) {
            OPEN.add(m);
        }
    }

    static void ended(Mtunnel m) {
        if (ON) {
            OPEN.remove(m);
        }
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
