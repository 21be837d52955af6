package zenlab.model;

import java.util.Arrays;

/**
 * The live mtunnels, in primitive arrays indexed by a recycled slot: app, user, connector,
 * bandwidth, start time, the pending event that moves it on, and links into its connector's
 * list so a failing connector can break all of its mtunnels at once. Nothing is allocated per
 * mtunnel in steady state.
 */
final class Mtunnels {

    static final int NONE = -1;

    int[] app = new int[64];
    int[] connector = new int[64];
    double[] mbps = new double[64];
    long[] requestedNs = new long[64];
    long[] establishedNs = new long[64];
    /** Its connector's served clock when it was established (see {@link ConnectorLinks}). */
    long[] servedAtEstablishedNs = new long[64];
    /** How long its user keeps it once established, drawn when the user asked for it. */
    long[] holdNs = new long[64];
    long[] pendingEvent = new long[64];
    long[] id = new long[64];
    private int[] next = new int[64];
    private int[] prev = new int[64];
    private int[] free = new int[64];
    private int freeCount;
    private int everUsed;
    private long nextId;
    /** Head of each connector's list of mtunnels. */
    private int[] headOfConnector;

    Mtunnels(int connectors) {
        headOfConnector = new int[connectors];
        Arrays.fill(headOfConnector, NONE);
    }

    /** An id for an mtunnel refused before it had a slot, from the same sequence as the others. */
    long newId() {
        return nextId++;
    }

    /** A new mtunnel on {@code conn}; returns its slot. */
    int open(int appIndex, int conn, double bandwidthMbps, long nowNs) {
        return open(appIndex, conn, bandwidthMbps, nowNs, nextId++);
    }

    /** A new mtunnel on {@code conn} under an id taken earlier with {@link #newId()} (live: ids go out before a connector is known). */
    int open(int appIndex, int conn, double bandwidthMbps, long nowNs, long mtunnelId) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            slot = everUsed++;
            if (slot == app.length) {
                grow();
            }
        }
        app[slot] = appIndex;
        connector[slot] = conn;
        mbps[slot] = bandwidthMbps;
        requestedNs[slot] = nowNs;
        establishedNs[slot] = -1;
        pendingEvent[slot] = -1;
        id[slot] = mtunnelId;
        prev[slot] = NONE;
        next[slot] = headOfConnector[conn];
        if (next[slot] != NONE) {
            prev[next[slot]] = slot;
        }
        headOfConnector[conn] = slot;
        return slot;
    }

    /** Removes the mtunnel and recycles its slot. */
    void close(int slot) {
        int conn = connector[slot];
        if (prev[slot] != NONE) {
            next[prev[slot]] = next[slot];
        } else {
            headOfConnector[conn] = next[slot];
        }
        if (next[slot] != NONE) {
            prev[next[slot]] = prev[slot];
        }
        connector[slot] = NONE;
        free[freeCount++] = slot;
    }

    /** The first mtunnel of a connector, or {@link #NONE}. */
    int first(int conn) {
        return headOfConnector[conn];
    }

    /** The connector's mtunnel after {@code slot}, or {@link #NONE}. */
    int next(int slot) {
        return next[slot];
    }

    /** A unique id for the slot's current mtunnel, to tell a stale event from a live one. */
    long idOf(int slot) {
        return id[slot];
    }

    /** Event arg naming an mtunnel: slot and the low bits of its id, so recycled slots are told apart. */
    static long ticket(int slot, long mtunnelId) {
        return (mtunnelId << 32) | slot;
    }

    static int slotOf(long ticket) {
        return (int) ticket;
    }

    static long idOf(long ticket) {
        return ticket >>> 32;
    }

    boolean live(long ticket) {
        int slot = slotOf(ticket);
        return slot < everUsed && connector[slot] != NONE && (id[slot] & 0xFFFF_FFFFL) == idOf(ticket);
    }

    private void grow() {
        int n = app.length * 2;
        app = Arrays.copyOf(app, n);
        connector = Arrays.copyOf(connector, n);
        mbps = Arrays.copyOf(mbps, n);
        requestedNs = Arrays.copyOf(requestedNs, n);
        establishedNs = Arrays.copyOf(establishedNs, n);
        servedAtEstablishedNs = Arrays.copyOf(servedAtEstablishedNs, n);
        holdNs = Arrays.copyOf(holdNs, n);
        pendingEvent = Arrays.copyOf(pendingEvent, n);
        id = Arrays.copyOf(id, n);
        next = Arrays.copyOf(next, n);
        prev = Arrays.copyOf(prev, n);
        free = Arrays.copyOf(free, n);
    }
}
