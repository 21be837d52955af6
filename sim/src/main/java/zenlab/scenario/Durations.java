package zenlab.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scenarios write them: a number and a unit, {@code 500ms}, {@code 30s}, {@code 1.5h}, {@code 365d}. */
public final class Durations {

    /** What a duration looks like, for error messages. */
    public static final String EXPECTED = "a duration with a unit (ms, s, m, h or d), like 30s or 1.5h";

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final long NS_PER_MS = 1_000_000L;

    private Durations() {
    }

    /**
     * Parses a duration to nanoseconds.
     *
     * @throws IllegalArgumentException with {@link #EXPECTED} if the text is not one
     */
    public static long parseNs(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        double amount = Double.parseDouble(m.group(1));
        long unitNs = unitNs(m.group(2));
        double ns = amount * unitNs;
        if (ns > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("a duration under 100,000 years");
        }
        return Math.round(ns);
    }

    private static long unitNs(String unit) {
        switch (unit) {
            case "ms": return NS_PER_MS;
            case "s": return 1000 * NS_PER_MS;
            case "m": return 60_000 * NS_PER_MS;
            case "h": return 3_600_000 * NS_PER_MS;
            default: return 86_400_000 * NS_PER_MS;
        }
    }

    /** A readable form of a duration, largest fitting units first, e.g. {@code 231d 11h}. */
    public static String format(long ns) {
        if (ns < 1_000_000_000L) {
            return (ns / NS_PER_MS) + "ms";
        }
        long s = ns / 1_000_000_000L;
        long d = s / 86_400;
        long h = (s % 86_400) / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        if (d > 0) {
            return d + "d" + (h > 0 ? " " + h + "h" : "");
        }
        if (h > 0) {
            return h + "h" + (m > 0 ? " " + m + "m" : "");
        }
        if (m > 0) {
            return m + "m" + (sec > 0 ? " " + sec + "s" : "");
        }
        return sec + "s";
    }
}
