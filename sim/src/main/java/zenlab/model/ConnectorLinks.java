package zenlab.model;

/**
 * What each connector's link to the brokers does to its mtunnels, in one table by connector
 * index: the Mbps its established mtunnels ask for, the link's bandwidth limit (infinite
 * unless a toxic limits it), the extra round trip a latency toxic adds, and the fair-share
 * served clock those give.
 *
 * <p>The served clock is the full-rate time the connector's mtunnels have carried, ns: it
 * advances with the clock while the link keeps up, by limit/demand of it while the link limits
 * them, so an mtunnel's bytes are its Mbps times the served time since it was established.
 *
 * <p>An mtunnel's setup reads its connector's row, and its end, minutes later, again: 40 bytes
 * a connector side by side, where as fields of the Connector object they spread over a line
 * or two of its own.
 */
final class ConnectorLinks {

    private static final int ROW_LONGS = 5;
    private static final int SERVED_CLOCK_NS = 0;
    private static final int SERVED_CLOCK_AT_NS = 1;
    /** Raw bits of a double. */
    private static final int CARRYING_MBPS = 2;
    /** Raw bits of a double. */
    private static final int LIMIT_MBPS = 3;
    private static final int EXTRA_RTT_NS = 4;

    private final long[] rows;

    /** {@code connectors} links, carrying nothing, unlimited, with no extra latency. */
    ConnectorLinks(int connectors) {
        rows = new long[connectors * ROW_LONGS];
        for (int c = 0; c < connectors; c++) {
            rows[c * ROW_LONGS + LIMIT_MBPS] = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        }
    }

    /** Connector {@code c}'s served clock, advanced to {@code nowNs}. */
    long servedClockNs(int c, long nowNs) {
        int row = c * ROW_LONGS;
        long elapsedNs = nowNs - rows[row + SERVED_CLOCK_AT_NS];
        if (elapsedNs > 0) {
            double carryingMbps = Double.longBitsToDouble(rows[row + CARRYING_MBPS]);
            double limitMbps = Double.longBitsToDouble(rows[row + LIMIT_MBPS]);
            rows[row + SERVED_CLOCK_NS] += carryingMbps <= limitMbps ? elapsedNs
                    : (long) (elapsedNs * (limitMbps / carryingMbps));
            rows[row + SERVED_CLOCK_AT_NS] = nowNs;
        }
        return rows[row + SERVED_CLOCK_NS];
    }

    /** Its mtunnels ask {@code deltaMbps} more (less, if negative), from {@code nowNs}. */
    void carry(int c, double deltaMbps, long nowNs) {
        servedClockNs(c, nowNs);
        int at = c * ROW_LONGS + CARRYING_MBPS;
        rows[at] = Double.doubleToRawLongBits(Double.longBitsToDouble(rows[at]) + deltaMbps);
    }

    /** Its link carries at most {@code limitMbps} each way from {@code nowNs} (infinite for no limit). */
    void limit(int c, double limitMbps, long nowNs) {
        servedClockNs(c, nowNs);
        rows[c * ROW_LONGS + LIMIT_MBPS] = Double.doubleToRawLongBits(limitMbps);
    }

    /** What a latency toxic adds to each of its round trips to a broker, ns. */
    long extraRttNs(int c) {
        return rows[c * ROW_LONGS + EXTRA_RTT_NS];
    }

    void extraRttNs(int c, long ns) {
        rows[c * ROW_LONGS + EXTRA_RTT_NS] = ns;
    }
}
