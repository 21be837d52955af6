package zenlab.net.broker;

import java.net.SocketAddress;
import zenlab.model.Cause;

/**
 * What a broker tells a load generator about the mtunnels of its clients, each named by the
 * client's address as the broker sees it (the client's local address): which connector serves
 * it, or why it was refused or ended. Called on Netty event loops; must not block.
 */
public interface MtunnelObserver {

    MtunnelObserver NONE = new MtunnelObserver() { };

    /** Bound to {@code connector}'s data connection, {@code setupNs} after the client connected. */
    default void bound(SocketAddress client, String connector, long setupNs) {
    }

    /** Never bound, and why. */
    default void refused(SocketAddress client, Cause cause) {
    }

    /** Bound, then ended: normally ({@code Cause.NONE}) or by a failure. */
    default void ended(SocketAddress client, Cause cause) {
    }
}
