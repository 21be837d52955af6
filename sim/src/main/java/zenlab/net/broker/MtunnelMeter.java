package zenlab.net.broker;

import zenlab.model.Cause;

/**
 * What a broker counts of its clients' mtunnels, by app, for live metrics: called once per
 * mtunnel event (never per byte relayed), on Netty event loops; must not block.
 */
public interface MtunnelMeter {

    MtunnelMeter NONE = new MtunnelMeter() { };

    /** A user's client connected to the app's client port. */
    default void requested(String app) {
    }

    /** Bound to a connector {@code setupNs} after the client connected. */
    default void established(String app, long setupNs) {
    }

    /** Never bound, and why. */
    default void refused(String app, Cause cause) {
    }

    /**
     * Bound, then ended normally ({@code Cause.NONE}) or by a failure, having carried
     * {@code bytesToApp} from the client and {@code bytesFromApp} back to it.
     */
    default void ended(String app, Cause cause, long bytesToApp, long bytesFromApp) {
    }
}
