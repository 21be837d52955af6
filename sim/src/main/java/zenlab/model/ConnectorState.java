package zenlab.model;

/** Where a connector VM is in its life. Only {@link #CONNECTED} takes new mtunnels. */
public enum ConnectorState {
    /** Booted, no provisioning key yet: checks again every 24 hours. */
    WAITING_FOR_KEY,
    /** Enrolment request sent with the provisioning key. */
    ENROLLING,
    /** Enrolment refused (key exhausted): not listed among the connectors. */
    REFUSED,
    /** Opening the control connection to a broker. */
    CONNECTING,
    /** Authenticated with a broker: serving. */
    CONNECTED,
    /** About to restart for an upgrade: existing mtunnels go on, new ones are refused. */
    PAUSED,
    /** Restarting (upgrade or after repair). */
    RESTARTING,
    /** Failed; waiting for repair. */
    DOWN,
    /** Connection lost or refused; retrying after a backoff. */
    BACKOFF,
    /** Clock differs from the cloud's beyond tolerance; waiting for time synchronisation. */
    WAITING_FOR_TIME_SYNC,
    /** Refused for good until an administrator acts (fingerprint changed, certificate expired). */
    BLOCKED;

    private static final ConnectorState[] VALUES = values();

    public static ConnectorState of(int code) {
        return VALUES[code];
    }

    /** Up for the timeline: connected, or paused and still carrying its mtunnels. */
    public boolean up() {
        return this == CONNECTED || this == PAUSED;
    }

    /** The control connection state the connector logs: fohh_connection_connected or _backoff. */
    public String controlConnectionState() {
        return up() ? "fohh_connection_connected" : "fohh_connection_backoff";
    }
}
