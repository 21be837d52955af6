package zenlab.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What virtual time 0 means on a calendar: Monday 2026-01-05 00:00 UTC, so that upgrade days
 * and times fall where the scenario says. Used only to print timestamps.
 */
public final class VirtualClock {

    /** Virtual time 0: a Monday, midnight, cloud time. */
    public static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

    private VirtualClock() {
    }

    public static String iso(long virtualNs) {
        return ISO.format(EPOCH.plusNanos(virtualNs));
    }
}
