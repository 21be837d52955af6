package zenlab.net;

import zenlab.model.Cause;

/**
 * What the real data path reports: each observable fact with its cause, from whichever Netty
 * event loop saw it. Implementations must be thread-safe and must not block. A later live
 * driver puts these on the journal bus; tests and {@code zenlab up} count and print them.
 */
public interface NetEvents {

    /** The facts. */
    enum Kind {
        ENROLLED, ENROLL_REFUSED, AUTHENTICATED, AUTH_FAILED, CONNECTION_REFUSED, CONNECTION_CUT,
        MTUNNEL_ESTABLISHED, MTUNNEL_REFUSED, MTUNNEL_ENDED
    }

    NetEvents NONE = (kind, actor, cause, detail, valueNs) -> { };

    /**
     * @param actor   who saw it: a broker, connector or app name
     * @param detail  a human-readable line, never a secret
     * @param valueNs a duration where the fact has one (mtunnel setup time), else 0
     */
    void record(Kind kind, String actor, Cause cause, String detail, long valueNs);
}
