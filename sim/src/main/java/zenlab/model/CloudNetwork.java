package zenlab.model;

/**
 * The real network under the model, in live mode: what the model's actors ask of sockets and
 * what the faults do to them. In virtual mode there is none, and the model delays its messages
 * by the modelled round trip instead.
 *
 * <p>Every call comes from the driver's one thread and must not block. Answers come back on
 * that thread, later, through {@link Fleet}'s {@code live*} methods; a call's answer may be
 * dropped by the model if the actor has moved on meanwhile (a restart during a handshake).
 * Actors are named by index: connector {@code c} of the fleet, broker {@code b} of the
 * scenario, app {@code a}, mtunnel by its journal id.
 */
public interface CloudNetwork {

    /** Enrol connector {@code c} at broker {@code b} with its group's key, its fingerprint and clock. */
    void enrol(int connector, int broker);

    /** Open connector {@code c}'s control and data connections to broker {@code b} (mutual TLS, Hello). */
    void connect(int connector, int broker);

    /** Close every connection of connector {@code c}, and forget any answer still coming. */
    void disconnect(int connector);

    /** Connector {@code c} pauses for an upgrade: the broker stops giving it mtunnels; it refuses BrkRq. */
    void pause(int connector);

    /** Connector {@code c}'s host gets a new MAC address, so a new fingerprint. */
    void macChanged(int connector);

    /** Connector {@code c}'s clock is {@code offsetNs} off the cloud's (0 once time is synced). */
    void clockOffset(int connector, long offsetNs);

    /** An intercepting TLS proxy sits in (or leaves) the path of group {@code g}'s connectors. */
    void sslInspection(int group, boolean inspected);

    /** Broker {@code b} goes down (stops listening, drops every connection) or comes back up. */
    void brokerAvailable(int broker, boolean up);

    /**
     * Connector {@code c}'s path to the brokers degrades ({@code toxic}, with one-way
     * {@code latencyNs} and {@code jitterNs} for latency, {@code rateMbps} towards the connector for
     * bandwidth) or heals ({@code toxic} null).
     */
    void link(int connector, zenlab.scenario.LinkToxic toxic, long latencyNs, long jitterNs, double rateMbps);

    /** Connector {@code c} can (or can no longer) resolve the host of app {@code a}. */
    void dns(int connector, int app, boolean failed);

    /**
     * A user's client opens mtunnel {@code id} to app {@code a} at broker {@code b}, and carries
     * the app's demand through it (its Mbps, paced like the scenario) until closed.
     */
    void openMtunnel(int app, long id, int broker);

    /** The user's client closes mtunnel {@code id}; returns the bytes it carried end to end. */
    long closeMtunnel(long id);
}
