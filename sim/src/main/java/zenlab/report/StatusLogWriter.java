package zenlab.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private final Writer out;
    private final FleetNames names;
    private final long[] brkRq;
    private final long[] brkRqFailed;
    private final long[] created;
    private final long[] freed;
    private final long[] bytesToBroker;
    private final long[] bytesFromBroker;
    private final int[] state;
    private final int[] broker;
    private final StringBuilder block = new StringBuilder(1024);

    public StatusLogWriter(Path file, FleetNames names) throws IOException {
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20);
        this.names = names;
        int n = names.connectorCount();
        brkRq = new long[n];
        brkRqFailed = new long[n];
        created = new long[n];
        freed = new long[n];
        bytesToBroker = new long[n];
        bytesFromBroker = new long[n];
        state = new int[n];
        broker = new int[n];
    }

    @Override
    public void onEntry(JournalEntry e) throws IOException {
        switch (e.kind) {
            case FleetJournal.CONNECTOR_STATE:
                state[e.subject] = (int) e.a;
                broker[e.subject] = (int) e.b;
                break;
            case FleetJournal.MTUNNEL_REQUESTED:
                if (e.b >= 0) { // live runs learn the connector only when the broker binds the mtunnel
                    brkRq[(int) e.b]++;
                }
                break;
            case FleetJournal.MTUNNEL_REFUSED:
                if (e.b >= 0) {
                    brkRqFailed[(int) e.b]++;
                }
                break;
            case FleetJournal.MTUNNEL_ESTABLISHED:
                created[e.subject]++;
                break;
            case FleetJournal.MTUNNEL_FREED:
            case FleetJournal.MTUNNEL_BROKEN:
                freed[e.subject]++;
                bytesToBroker[e.subject] += e.b / 2; // the model carries symmetric traffic
                bytesFromBroker[e.subject] += e.b - e.b / 2;
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
        long skewNs = e.b;
        long localNowNs = e.timeNs + skewNs; // the connector counts down on its own clock
        long remainingS = Math.max(0, (e.a - localNowNs) / NS_PER_S);
        ConnectorState s = ConnectorState.of(state[c]);
        long okAcks = brkRq[c] - brkRqFailed[c];
        block.setLength(0);
        block.append(VirtualClock.iso(e.timeNs)).append(" -------- Connector Status:ID=").append(CONNECTOR_ID_BASE + c)
                .append(":Name=").append(names.connector(c)).append(":Ver=26.").append((long) e.value).append(".0 --------\n")
                .append("Certificate will expire in ").append(remainingS / 86_400).append(" days, ")
                .append(remainingS % 86_400 / 3600).append(" hours, ").append(remainingS % 3600 / 60).append(" minutes, ")
                .append(remainingS % 60).append(" seconds\n")
                .append("Control connection state: ").append(s.controlConnectionState())
                .append(", remote:").append(names.broker(broker[c])).append(":443\n")
                .append("RPC Messages: BrkRq = ").append(brkRq[c]).append(", BrkRqAck = ").append(okAcks).append('|')
                .append(brkRqFailed[c]).append(", BindReq = ").append(created[c]).append("|0, BindReqAck = ")
                .append(created[c]).append('\n')
                .append("Broker data connection count = ").append(s.up() ? 1 : 0).append(", backed_off connections = ")
                .append(s == ConnectorState.BACKOFF ? 1 : 0).append('\n')
                .append("Data Transfer: Total ToBroker = ").append(bytesToBroker[c]).append(" bytes, Total FromBroker = ")
                .append(bytesFromBroker[c]).append(" bytes\n")
                .append("Mtunnels: Total Created = ").append(created[c]).append(", Total Freed = ").append(freed[c])
                .append(", Current Active = ").append(created[c] - freed[c] + 0).append('\n')
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
