package zenlab.net.connector;

import java.nio.file.Path;
import java.time.Clock;
import zenlab.net.TlsProvider;

/**
 * A connector host and how it behaves.
 *
 * @param hostName           the VM's host name (in its CSR)
 * @param macAddress         with the host id, what the hardware fingerprint is made of
 * @param hostId             the VM's instance id
 * @param clock              the host's clock: {@code Clock.offset(Clock.systemUTC(), skew)} for a skewed one
 * @param dataConnections    data connections per broker, over which mtunnels spread
 * @param handshakeTimeoutMs a TLS handshake not done by then fails
 * @param idleTimeoutMs      a broker connection silent this long is cut (pings go every third of it)
 * @param stateDir           where the enrolled key and certificate are kept (owner-only), or null for memory only
 */
public record ConnectorSettings(String hostName, String macAddress, String hostId, Clock clock, TlsProvider provider,
                                int dataConnections, long handshakeTimeoutMs, long idleTimeoutMs, Path stateDir) {

    public static ConnectorSettings of(String hostName, String macAddress) {
        return new ConnectorSettings(hostName, macAddress, hostName + "-instance", Clock.systemUTC(),
                TlsProvider.preferred(), 1, 10_000, 30_000, null);
    }

    public ConnectorSettings withClock(Clock clock) {
        return new ConnectorSettings(hostName, macAddress, hostId, clock, provider, dataConnections, handshakeTimeoutMs,
                idleTimeoutMs, stateDir);
    }

    public ConnectorSettings withProvider(TlsProvider p) {
        return new ConnectorSettings(hostName, macAddress, hostId, clock, p, dataConnections, handshakeTimeoutMs,
                idleTimeoutMs, stateDir);
    }

    public ConnectorSettings withDataConnections(int n) {
        return new ConnectorSettings(hostName, macAddress, hostId, clock, provider, n, handshakeTimeoutMs, idleTimeoutMs,
                stateDir);
    }

    public ConnectorSettings withStateDir(Path dir) {
        return new ConnectorSettings(hostName, macAddress, hostId, clock, provider, dataConnections, handshakeTimeoutMs,
                idleTimeoutMs, dir);
    }

    public ConnectorSettings withTimeouts(long handshakeMs, long idleMs) {
        return new ConnectorSettings(hostName, macAddress, hostId, clock, provider, dataConnections, handshakeMs, idleMs,
                stateDir);
    }
}
