package zenlab.net.tunnel;

/**
 * The frames of the lab's wire protocol, named after the connector's own log counters (see
 * DESIGN.md, "Messages"). Enrolment and hello open a connection; the rest carry mtunnels.
 */
public final class FrameType {

    /** Connector to broker, before it has a certificate: key, fingerprint, host name, CSR. */
    public static final byte ENROLL_REQUEST = 1;
    /** Broker to connector: the enrolled name and the certificate chain (PEM). */
    public static final byte ENROLL_ACCEPTED = 2;
    /** Broker to connector: the cause and its message. */
    public static final byte ENROLL_REFUSED = 3;
    /** Connector to broker, on a mutual TLS connection: role (control or data), fingerprint, version. */
    public static final byte HELLO = 4;
    public static final byte AUTHENTICATED = 5;
    /** Broker to connector: the cause and its message; the broker then closes the connection. */
    public static final byte AUTH_FAILED = 6;
    public static final byte PING = 7;
    public static final byte PONG = 8;
    /** Broker to connector: serve mtunnel {@code stream} to the named app. */
    public static final byte BRK_RQ = 10;
    /** Connector to broker: reached the app (cause NONE) or why not. */
    public static final byte BRK_RQ_ACK = 11;
    /** Connector to broker: bind the mtunnel to this data connection. */
    public static final byte BIND_REQ = 12;
    public static final byte BIND_REQ_ACK = 13;
    /** Either way: bytes of an mtunnel. */
    public static final byte DATA = 14;
    /** Either way: the receiver has delivered this many more bytes; the sender may send as many. */
    public static final byte WINDOW_UPDATE = 15;
    /** Either way: the mtunnel ends now, with a cause (NONE: closed normally); no more bytes either way. */
    public static final byte END = 16;
    /** Either way: this side sends no more bytes (a TCP half-close); bytes may still come back. */
    public static final byte FIN = 17;
    /** Connector to broker, on the control connection: paused for an upgrade, give it no new mtunnels. */
    public static final byte PAUSE = 18;
    /** Connector to broker, on the control connection: an app's name and whether the connector can reach it now. */
    public static final byte APP_HEALTH = 19;

    /** Hello's roles. */
    public static final byte ROLE_CONTROL = 0;
    public static final byte ROLE_DATA = 1;

    private FrameType() {
    }

    public static boolean known(byte type) {
        return (type >= ENROLL_REQUEST && type <= PONG) || (type >= BRK_RQ && type <= APP_HEALTH);
    }

    public static String name(byte type) {
        return switch (type) {
            case ENROLL_REQUEST -> "EnrollRequest";
            case ENROLL_ACCEPTED -> "EnrollAccepted";
            case ENROLL_REFUSED -> "EnrollRefused";
            case HELLO -> "Hello";
            case AUTHENTICATED -> "Authenticated";
            case AUTH_FAILED -> "AuthFailed";
            case PING -> "Ping";
            case PONG -> "Pong";
            case BRK_RQ -> "BrkRq";
            case BRK_RQ_ACK -> "BrkRqAck";
            case BIND_REQ -> "BindReq";
            case BIND_REQ_ACK -> "BindReqAck";
            case DATA -> "Data";
            case WINDOW_UPDATE -> "WindowUpdate";
            case END -> "End";
            case FIN -> "Fin";
            case PAUSE -> "Pause";
            case APP_HEALTH -> "AppHealth";
            default -> "unknown(" + type + ")";
        };
    }
}
