package zenlab.net.broker;

/**
 * A broker's timeouts, with the defaults a real deployment would want; tests shorten them.
 *
 * @param handshakeTimeoutMs a TLS handshake not done by then is cut off
 * @param idleTimeoutMs      a connection that sends nothing (not even a ping) for this long is cut off
 * @param clientStallMs      a user's client that takes no byte for this long is cut off
 * @param setupTimeoutMs     an mtunnel not bound by then is refused
 */
public record BrokerSettings(long handshakeTimeoutMs, long idleTimeoutMs, long clientStallMs, long setupTimeoutMs) {

    public static BrokerSettings defaults() {
        return new BrokerSettings(10_000, 30_000, 30_000, 10_000);
    }
}
