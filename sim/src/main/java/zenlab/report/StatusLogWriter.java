package zenlab.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import zenlab.kernel.JournalEntry;
import zenlab.kernel.JournalHandler;
import zenlab.model.ConnectorState;
import zenlab.model.FleetJournal;
import zenlab.model.FleetNames;

/**
 * connector-status.log: the status block a connector logs every minute (the deployment notes,
 * "View Connector Logs"), for every connector at each of its status entries. The counters
 * (RPC messages, data connections, bytes, mtunnels) are rebuilt here from the journal, so the
 * model keeps no logging state and the live driver needs no code of its own for this file.
 */
public final class StatusLogWriter implements JournalHandler {

    private static final long NS_PER_S = 1_000_000_000L;
    private static final long CONNECTOR_ID_BASE = 144_133_100_000_000_000L;

    // A connector's counters side by side in one 64-byte line: an entry touches one cache line,
    // not one line in each of eight arrays (at 20,000 connectors eight arrays outgrow the L2
    // cache, and this handler cost 5x, not 2x, what it cost at 10,000).
    private static final int BRK_RQ = 0;
    private static final int BRK_RQ_FAILED = 1;
    private static final int CREATED = 2;
    private static final int FREED = 3;
    private static final int BYTES_TO_BROKER = 4;
    private static final int BYTES_FROM_BROKER = 5;
    private static final int STATE = 6;
    private static final int BROKER = 7;
    private static final int FIELDS = 8;

    private final Writer out;
    private final FleetNames names;
    private final boolean statusBlocks;
    private final long[] counters;
    private final StringBuilder block = new StringBuilder(1024);

    /**
     * @param statusBlocks whether connectors write status blocks at all (status_log_interval is
     *     not off); when they do not, the file stays empty and nothing is counted
     */
    public StatusLogWriter(Path file, FleetNames names, boolean statusBlocks) throws IOException {
        this.out = ResultFile.open(file, 1 << 20, false);
        this.names = names;
        this.statusBlocks = statusBlocks;
        this.counters = new long[statusBlocks ? names.connectorCount() * FIELDS : 0];
    }

    @Override
    public void onEntry(JournalEntry e) throws IOException {
        if (!statusBlocks) {
            return;
        }
        switch (e.kind) {
            case FleetJournal.CONNECTOR_STATE:
                counters[e.subject * FIELDS + STATE] = e.a;
                counters[e.subject * FIELDS + BROKER] = e.b;
                break;
            case FleetJournal.MTUNNEL_REQUESTED:
                if (e.b >= 0) { // live runs learn the connector only when the broker binds the mtunnel
                    counters[(int) e.b * FIELDS + BRK_RQ]++;
                }
                break;
            case FleetJournal.MTUNNEL_REFUSED:
                if (e.b >= 0) {
                    counters[(int) e.b * FIELDS + BRK_RQ_FAILED]++;
                }
                break;
            case FleetJournal.MTUNNEL_ESTABLISHED:
                counters[e.subject * FIELDS + CREATED]++;
                break;
            case FleetJournal.MTUNNEL_FREED:
            case FleetJournal.MTUNNEL_BROKEN:
                int at = e.subject * FIELDS;
                counters[at + FREED]++;
                counters[at + BYTES_TO_BROKER] += e.b / 2; // the model carries symmetric traffic
                counters[at + BYTES_FROM_BROKER] += e.b - e.b / 2;
                break;
            case FleetJournal.STATUS:
                write(e);
                break;
            default:
                break;
        }
    }

    private void write(JournalEntry e) throws IOException {
        int c = e.subject;
        int at = c * FIELDS;
        long skewNs = e.b;
        long localNowNs = e.timeNs + skewNs; // the connector counts down on its own clock
        long remainingS = Math.max(0, (e.a - localNowNs) / NS_PER_S);
        ConnectorState s = ConnectorState.of((int) counters[at + STATE]);
        long brkRq = counters[at + BRK_RQ];
        long brkRqFailed = counters[at + BRK_RQ_FAILED];
        long created = counters[at + CREATED];
        long freed = counters[at + FREED];
        long okAcks = brkRq - brkRqFailed;
        block.setLength(0);
        block.append(VirtualClock.iso(e.timeNs)).append(" -------- Connector Status:ID=").append(CONNECTOR_ID_BASE + c)
                .append(":Name=").append(names.connector(c)).append(":Ver=26.").append((long) e.value).append(".0 --------\n")
                .append("Certificate will expire in ").append(remainingS / 86_400).append(" days, ")
                .append(remainingS % 86_400 / 3600).append(" hours, ").append(remainingS % 3600 / 60).append(" minutes, ")
                .append(remainingS % 60).append(" seconds\n")
                .append("Control connection state: ").append(s.controlConnectionState())
                .append(", remote:").append(names.broker((int) counters[at + BROKER])).append(":443\n")
                .append("RPC Messages: BrkRq = ").append(brkRq).append(", BrkRqAck = ").append(okAcks).append('|')
                .append(brkRqFailed).append(", BindReq = ").append(created).append("|0, BindReqAck = ")
                .append(created).append('\n')
                .append("Broker data connection count = ").append(s.up() ? 1 : 0).append(", backed_off connections = ")
                .append(s == ConnectorState.BACKOFF ? 1 : 0).append('\n')
                .append("Data Transfer: Total ToBroker = ").append(counters[at + BYTES_TO_BROKER]).append(" bytes, Total FromBroker = ")
                .append(counters[at + BYTES_FROM_BROKER]).append(" bytes\n")
                .append("Mtunnels: Total Created = ").append(created).append(", Total Freed = ").append(freed)
                .append(", Current Active = ").append(created - freed).append('\n')
                .append("Time skew: ").append(skewNs < 0 ? "- " : "+ ")
                .append(String.format(Locale.ROOT, "%.6f", Math.abs(skewNs) / 1e9)).append("s\n");
        out.append(block);
    }

    @Override
    public void onEnd() throws IOException {
        out.close();
    }

    @Override
    public String name() {
        return "connector-status.log writer";
    }
}
