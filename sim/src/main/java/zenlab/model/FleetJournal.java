package zenlab.model;

import zenlab.kernel.JournalEntry;
import zenlab.kernel.JournalVocabulary;

/**
 * The fleet model's journal entries. Subjects are indices of connectors, groups, apps or
 * brokers; {@link FleetNames} turns them into names when the journal is written.
 */
public final class FleetJournal implements JournalVocabulary {

    /** subject connector, a = new state, b = broker (-1 none), cause = why. */
    public static final int CONNECTOR_STATE = 1;
    /** subject connector (VM), a = key index, b = n of {@code <key>-<n>}, value = certificate notAfter (s). */
    public static final int ENROLLED = 2;
    /** subject connector (VM), cause = why. */
    public static final int ENROLL_REFUSED = 3;
    /** subject group, a = target version. */
    public static final int UPGRADE_WINDOW_OPENED = 4;
    /** subject group, a = connectors upgraded in it. */
    public static final int UPGRADE_WINDOW_CLOSED = 5;
    /** subject connector, a = group, b = target version. */
    public static final int UPGRADE_STARTED = 6;
    /** subject connector, a = group, b = version now running, cause NONE or UPGRADE_FAILED. */
    public static final int UPGRADE_FINISHED = 7;
    /** subject app. */
    public static final int APP_DOWN = 8;
    /** subject app, b = how long it was down, ns. */
    public static final int APP_UP = 9;
    /** subject broker. */
    public static final int BROKER_DOWN = 10;
    /** subject broker. */
    public static final int BROKER_UP = 11;
    /** subject connector, a = fault kind, b = detail (skew ns, app index, toxic), value = a bandwidth limit's Mbps. */
    public static final int FAULT = 12;
    /** subject app, a = mtunnel, b = connector chosen, value = Mbps. */
    public static final int MTUNNEL_REQUESTED = 20;
    /** subject connector, a = mtunnel, b = setup time ns, value = Mbps. */
    public static final int MTUNNEL_ESTABLISHED = 21;
    /** Never established: subject app, a = mtunnel, b = connector or -1, cause = why, value = Mbps. */
    public static final int MTUNNEL_REFUSED = 22;
    /** An established mtunnel ended by a failure: subject connector, a = mtunnel, b = bytes, cause, value = Mbps. */
    public static final int MTUNNEL_BROKEN = 23;
    /** subject connector, a = mtunnel, b = bytes carried, value = Mbps. */
    public static final int MTUNNEL_FREED = 24;
    /** subject connector, a = certificate notAfter (cloud ns), b = clock skew ns, cause = state, value = version. */
    public static final int STATUS = 30;
    /** a timeline row is due. */
    public static final int TICK = 31;

    /** Fault kinds in {@link #FAULT} entries. */
    public static final int FAULT_MAC_CHANGE = 1;
    public static final int FAULT_CLOCK_SKEW = 2;
    public static final int FAULT_SSL_INSPECTION = 3;
    public static final int FAULT_SSL_INSPECTION_OVER = 4;
    public static final int FAULT_DNS_FAILURE = 5;
    public static final int FAULT_DNS_RESTORED = 6;
    public static final int FAULT_CRASH = 7;
    public static final int FAULT_REPROVISIONED = 8;
    public static final int FAULT_TIME_SYNCED = 9;
    /** detail = the toxic's ordinal (latency, reset, stall, bandwidth); value = a bandwidth's Mbps. */
    public static final int FAULT_LINK = 10;
    public static final int FAULT_LINK_HEALED = 11;

    private static final String[] FAULT_NAMES = {"", "mac_change", "clock_skew", "ssl_inspection",
        "ssl_inspection_over", "dns_failure", "dns_restored", "connector_crash", "reprovisioned", "time_synced",
        "link_fault", "link_healed"};

    private final FleetNames names;

    public FleetJournal(FleetNames names) {
        this.names = names;
    }

    @Override
    public String kindName(int kind) {
        switch (kind) {
            case CONNECTOR_STATE: return "connector_state";
            case ENROLLED: return "enrolled";
            case ENROLL_REFUSED: return "enroll_refused";
            case UPGRADE_WINDOW_OPENED: return "upgrade_window_opened";
            case UPGRADE_WINDOW_CLOSED: return "upgrade_window_closed";
            case UPGRADE_STARTED: return "upgrade_started";
            case UPGRADE_FINISHED: return "upgrade_finished";
            case APP_DOWN: return "app_down";
            case APP_UP: return "app_up";
            case BROKER_DOWN: return "broker_down";
            case BROKER_UP: return "broker_up";
            case FAULT: return "fault";
            case MTUNNEL_REQUESTED: return "mtunnel_requested";
            case MTUNNEL_ESTABLISHED: return "mtunnel_established";
            case MTUNNEL_REFUSED: return "mtunnel_refused";
            case MTUNNEL_BROKEN: return "mtunnel_broken";
            case MTUNNEL_FREED: return "mtunnel_freed";
            case STATUS: return "status";
            case TICK: return "tick";
            default: return "unknown-" + kind;
        }
    }

    @Override
    public boolean isMilestone(int kind) {
        return kind < MTUNNEL_REQUESTED || kind == MTUNNEL_BROKEN;
    }

    @Override
    public void appendFields(JournalEntry e, StringBuilder json) {
        switch (e.kind) {
            case CONNECTOR_STATE:
                connector(e, json).append(",\"state\":\"").append(ConnectorState.of((int) e.a))
                        .append("\",\"broker\":\"").append(names.broker((int) e.b)).append('"');
                cause(e, json);
                break;
            case ENROLLED:
                connector(e, json).append(",\"key\":\"").append(names.key((int) e.a))
                        .append("\",\"certificateNotAfterS\":").append((long) e.value);
                break;
            case ENROLL_REFUSED:
                connector(e, json);
                cause(e, json);
                break;
            case UPGRADE_WINDOW_OPENED:
                json.append(",\"group\":\"").append(names.group(e.subject)).append("\",\"version\":").append(e.a);
                break;
            case UPGRADE_WINDOW_CLOSED:
                json.append(",\"group\":\"").append(names.group(e.subject)).append("\",\"upgraded\":").append(e.a);
                break;
            case UPGRADE_STARTED:
            case UPGRADE_FINISHED:
                connector(e, json).append(",\"group\":\"").append(names.group((int) e.a))
                        .append("\",\"version\":").append(e.b);
                cause(e, json);
                break;
            case APP_DOWN:
                json.append(",\"app\":\"").append(names.app(e.subject)).append('"');
                break;
            case APP_UP:
                json.append(",\"app\":\"").append(names.app(e.subject)).append("\",\"downNs\":").append(e.b);
                break;
            case BROKER_DOWN:
            case BROKER_UP:
                json.append(",\"broker\":\"").append(names.broker(e.subject)).append('"');
                break;
            case FAULT:
                json.append(",\"fault\":\"").append(FAULT_NAMES[(int) e.a]).append('"');
                if (e.subject >= 0) {
                    connector(e, json);
                }
                json.append(",\"detail\":").append(e.b);
                if (e.value != 0) {
                    json.append(",\"rateMbps\":").append(e.value);
                }
                break;
            case MTUNNEL_REQUESTED:
                json.append(",\"app\":\"").append(names.app(e.subject)).append("\",\"mtunnel\":").append(e.a);
                if (e.b >= 0) { // live runs learn the connector when the broker binds the mtunnel
                    json.append(",\"connector\":\"").append(names.connector((int) e.b)).append('"');
                }
                break;
            case MTUNNEL_REFUSED:
                json.append(",\"app\":\"").append(names.app(e.subject)).append("\",\"mtunnel\":").append(e.a);
                cause(e, json);
                break;
            case MTUNNEL_ESTABLISHED:
                connector(e, json).append(",\"mtunnel\":").append(e.a).append(",\"setupNs\":").append(e.b);
                break;
            case MTUNNEL_BROKEN:
            case MTUNNEL_FREED:
                connector(e, json).append(",\"mtunnel\":").append(e.a).append(",\"bytes\":").append(e.b);
                cause(e, json);
                break;
            case STATUS:
                connector(e, json).append(",\"skewNs\":").append(e.b);
                break;
            default:
                break;
        }
    }

    private StringBuilder connector(JournalEntry e, StringBuilder json) {
        return json.append(",\"connector\":\"").append(names.connector(e.subject)).append('"');
    }

    private static void cause(JournalEntry e, StringBuilder json) {
        if (e.cause != 0) {
            json.append(",\"cause\":\"").append(Cause.of(e.cause)).append('"');
        }
    }
}
