package zenlab.model;

/**
 * What a broker weighs to admit a new mtunnel on each connector (serving, reports every app
 * reachable, Mbps allocated, capacity), and what the connector's answer to its BrkRq hangs on
 * (paused, link stalled), in arrays by connector index.
 *
 * <p>A selection reads this for every connector of the app's groups, and by an app's next
 * arrival its connectors have left the cache. Read from the Connector objects, ten candidates
 * cost about twenty cache lines spread over the fleet's memory; read from here, where a group's
 * connectors sit side by side, a handful, and the whole view of a 20,000-connector fleet
 * (about 17 bytes a connector) stays in the core's own cache.
 */
final class AdmissionView {

    private static final byte SERVING = 1;
    /** Some app of its group does not resolve: the connector itself says which. */
    private static final byte DNS_FAILURES = 2;
    private static final byte PAUSED = 4;
    private static final byte LINK_STALLED = 8;

    private final byte[] flags;
    private final double[] allocatedMbps;
    private final double[] capacityMbps;

    /** Every connector starts not serving, with nothing allocated. */
    AdmissionView(double[] capacityMbpsByConnector) {
        capacityMbps = capacityMbpsByConnector.clone();
        flags = new byte[capacityMbps.length];
        allocatedMbps = new double[capacityMbps.length];
    }

    void stateChanged(int connector, ConnectorState state) {
        set(connector, SERVING, state == ConnectorState.CONNECTED);
        set(connector, PAUSED, state == ConnectorState.PAUSED);
    }

    void dnsFailuresChanged(int connector, boolean any) {
        set(connector, DNS_FAILURES, any);
    }

    void linkChanged(int connector, boolean stalled) {
        set(connector, LINK_STALLED, stalled);
    }

    private void set(int connector, byte flag, boolean on) {
        flags[connector] = (byte) (on ? flags[connector] | flag : flags[connector] & ~flag);
    }

    /** It cannot resolve {@code app}'s host (asked of the connector only when it has such failures). */
    boolean cannotResolve(int connector, int app, Connector[] connectors) {
        return (flags[connector] & DNS_FAILURES) != 0 && connectors[connector].cannotResolve(app);
    }

    /** Paused for an upgrade: it refuses a BrkRq. */
    boolean paused(int connector) {
        return (flags[connector] & PAUSED) != 0;
    }

    /** Its link to the brokers stalls: a BrkRq never reaches it. */
    boolean linkStalled(int connector) {
        return (flags[connector] & LINK_STALLED) != 0;
    }

    /** Serving and, where the broker hears reachability ({@code heard}), not reporting {@code app} unreachable. */
    boolean candidate(int connector, int app, boolean heard, Connector[] connectors) {
        return (flags[connector] & SERVING) != 0 && !(heard && cannotResolve(connector, app, connectors));
    }

    /** Room left on it for {@code mbps} more. */
    boolean fits(int connector, double mbps) {
        return allocatedMbps[connector] + mbps <= capacityMbps[connector] + 1e-9;
    }

    void allocate(int connector, double mbps) {
        allocatedMbps[connector] += mbps;
    }

    void free(int connector, double mbps) {
        allocatedMbps[connector] -= mbps;
    }
}
