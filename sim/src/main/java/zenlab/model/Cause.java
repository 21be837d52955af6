package zenlab.model;

/**
 * Why something was refused, broken or blocked: one vocabulary for both drivers, so a result
 * says the same whichever produced it. Each carries the message the vendor's connector logs.
 */
public enum Cause {
    NONE(""),
    KEY_EXHAUSTED("provisioning key usage exhausted: Login request failed - http status(401)"),
    KEY_MISSING("no provisioning key found; checking again in 24 hours"),
    FINGERPRINT_MISMATCH("Cannot get instance id: hardware fingerprint changed (MAC address)"),
    CERT_NOT_YET_VALID("certificate is not yet valid"),
    CLOCK_SKEW("clock differs from cloud time beyond tolerance; waiting for time synchronization"),
    UNTRUSTED_CERTIFICATE("self signed certificate in certificate chain"),
    PAUSED_FOR_UPGRADE("AST_MT_SETUP_ERR_AST_IN_PAUSE_STATE_FOR_UPGRADE"),
    APP_UNREACHABLE("APP_NOT_REACHABLE: the connector cannot resolve or reach the app"),
    NO_CONNECTOR_AVAILABLE("NO_CONNECTOR_AVAILABLE"),
    CONNECTION_LOST("MT_CLOSED_TLS_CONN_GONE_AST_CLOSED"),
    OVER_CAPACITY("every eligible connector is at its bandwidth capacity"),
    BROKER_UNREACHABLE("broker unreachable: fohh_connection_backoff"),
    REDIRECTED("FOHH_CLOSE_REASON_REDIRECT"),
    UPGRADE_RESTART("restarting to install a software upgrade"),
    UPGRADE_FAILED("software upgrade failed; upgrades of the group paused until the next window"),
    CONNECTOR_FAILURE("connector failed (crash or host failure)"),
    CERT_EXPIRED("connector certificate expired"),
    // Causes only the real data path meets (a later value never changes an earlier ordinal).
    KEY_INVALID("Login request failed - http status(401): not a provisioning key of this tenant"),
    HANDSHAKE_FAILED("TLS handshake failed"),
    PROTOCOL_ERROR("protocol error: malformed, oversized or unexpected frame"),
    PEER_STALLED("peer sent nothing within the idle timeout"),
    UNKNOWN_MTUNNEL("frame for an mtunnel this connection does not carry"),
    CLIENT_NOT_READING("client read nothing within the stall timeout");

    private final String message;

    Cause(String message) {
        this.message = message;
    }

    /** The message the vendor's connector or broker logs for it. */
    public String message() {
        return message;
    }

    private static final Cause[] VALUES = values();

    public static Cause of(int code) {
        return VALUES[code];
    }
}
