package zenlab.model;

import java.util.Arrays;

/**
 * Up or down over virtual time, from a count of serving connectors: down exactly while the
 * count is zero. Keeps total downtime, the number of outages and the longest one, exactly (no
 * sampling), and on request each outage's duration (for a study's distribution; off by
 * default, as the list grows).
 */
public final class Availability {

    private int serving;
    private boolean down = true;
    private long downSinceNs;
    private long downtimeNs;
    private long outages;
    private long longestOutageNs;
    private boolean everUp;
    private long[] outageDurationsNs; // null unless kept
    private int outageDurationCount;

    /** Starts down at time 0 (nothing serves until connectors enrol). */
    public Availability() {
    }

    /**
     * Adds {@code delta} serving connectors at {@code nowNs}.
     *
     * @return +1 if this made it come up, -1 if go down, 0 otherwise
     */
    public int change(int delta, long nowNs) {
        int before = serving;
        serving += delta;
        if (before == 0 && serving > 0) {
            long outageNs = nowNs - downSinceNs;
            downtimeNs += outageNs;
            if (everUp) {
                longestOutageNs = Math.max(longestOutageNs, outageNs);
                if (outageDurationsNs != null) {
                    if (outageDurationCount == outageDurationsNs.length) {
                        outageDurationsNs = Arrays.copyOf(outageDurationsNs, outageDurationCount * 2);
                    }
                    outageDurationsNs[outageDurationCount++] = outageNs;
                }
            }
            everUp = true;
            down = false;
            return 1;
        }
        if (before > 0 && serving == 0) {
            down = true;
            downSinceNs = nowNs;
            outages++;
            return -1;
        }
        return 0;
    }

    /** Keeps each outage's duration from now on, for {@link #outageDurationsNs(long)}. */
    public void keepOutageDurations() {
        if (outageDurationsNs == null) {
            outageDurationsNs = new long[16];
        }
    }

    /** Each outage's duration in order, an outage still going on ending at {@code endNs}; empty unless kept. */
    public long[] outageDurationsNs(long endNs) {
        if (outageDurationsNs == null) {
            return new long[0];
        }
        long[] durations = Arrays.copyOf(outageDurationsNs, outageDurationCount + (down && everUp ? 1 : 0));
        if (down && everUp) {
            durations[outageDurationCount] = endNs - downSinceNs;
        }
        return durations;
    }

    public int serving() {
        return serving;
    }

    public boolean down() {
        return down;
    }

    public long downSinceNs() {
        return downSinceNs;
    }

    /** Downtime up to {@code endNs}, counting an outage still going on. */
    public long downtimeNs(long endNs) {
        return down ? downtimeNs + (endNs - downSinceNs) : downtimeNs;
    }

    /** Outages after the first time up (the initial enrolment does not count as one). */
    public long outages() {
        return outages;
    }

    public long longestOutageNs(long endNs) {
        return down && everUp ? Math.max(longestOutageNs, endNs - downSinceNs) : longestOutageNs;
    }

    public double availability(long endNs) {
        return endNs <= 0 ? 0 : 1.0 - (double) downtimeNs(endNs) / endNs;
    }
}
