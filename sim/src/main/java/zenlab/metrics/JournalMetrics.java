package zenlab.metrics;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import zenlab.kernel.JournalEntry;
import zenlab.kernel.JournalHandler;
import zenlab.model.Cause;
import zenlab.model.ConnectorState;
import zenlab.model.FleetJournal;
import zenlab.model.FleetNames;
import zenlab.scenario.LinkToxic;

/**
 * A live run's model journal into {@link LabMetrics}: mtunnels, enrolments, connector states and
 * link faults counted from the same entries the summary's figures come from, so that at the end
 * the two agree exactly. Runs on its own bus thread, off the model's.
 */
public final class JournalMetrics implements JournalHandler {

    private final LabMetrics metrics;
    private final FleetNames names;
    /** The app of each mtunnel between its request and its end: only this handler's thread uses it. */
    private final Map<Long, String> appOfMtunnel = new HashMap<>();
    /** Each connector's state, as an ordinal; -1 before its first. Read by the status page. */
    private final AtomicIntegerArray states;
    private final boolean[] linkFaulted;
    private final LinkToxic[] linkFault;

    public JournalMetrics(LabMetrics metrics, FleetNames names) {
        this.metrics = metrics;
        this.names = names;
        this.states = new AtomicIntegerArray(names.connectorCount());
        for (int c = 0; c < states.length(); c++) {
            states.set(c, -1);
        }
        this.linkFaulted = new boolean[names.connectorCount()];
        this.linkFault = new LinkToxic[names.connectorCount()];
    }

    /** Connector {@code c}'s state now, lower case, or null before it has one. */
    public String state(int c) {
        int s = states.get(c);
        return s < 0 ? null : ConnectorState.of(s).name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void onEntry(JournalEntry e) {
        switch (e.kind) {
            case FleetJournal.CONNECTOR_STATE -> states.set(e.subject, (int) e.a);
            case FleetJournal.ENROLLED -> metrics.enrolment(Cause.NONE);
            case FleetJournal.ENROLL_REFUSED -> metrics.enrolment(Cause.of(e.cause));
            case FleetJournal.MTUNNEL_REQUESTED -> {
                String app = names.app(e.subject);
                appOfMtunnel.put(e.a, app);
                metrics.mtunnelRequested(app);
            }
            case FleetJournal.MTUNNEL_ESTABLISHED -> metrics.mtunnelEstablished(app(e.a), e.b);
            case FleetJournal.MTUNNEL_REFUSED -> {
                appOfMtunnel.remove(e.a);
                metrics.mtunnelRefused(names.app(e.subject), Cause.of(e.cause));
            }
            case FleetJournal.MTUNNEL_BROKEN -> metrics.mtunnelEnded(appOfMtunnel.remove(e.a), Cause.of(e.cause));
            case FleetJournal.MTUNNEL_FREED -> metrics.mtunnelEnded(appOfMtunnel.remove(e.a), Cause.NONE);
            case FleetJournal.FAULT -> linkFault(e);
            default -> { }
        }
    }

    private String app(long mtunnel) {
        return appOfMtunnel.get(mtunnel);
    }

    private void linkFault(JournalEntry e) {
        int c = e.subject;
        if (e.a == FleetJournal.FAULT_LINK) {
            if (linkFaulted[c]) {
                metrics.linkFault(kind(linkFault[c]), -1); // one toxic replaces another
            }
            linkFaulted[c] = true;
            linkFault[c] = LinkToxic.values()[(int) e.b];
            metrics.linkFault(kind(linkFault[c]), 1);
        } else if (e.a == FleetJournal.FAULT_LINK_HEALED && linkFaulted[c]) {
            linkFaulted[c] = false;
            metrics.linkFault(kind(linkFault[c]), -1);
        }
    }

    private static String kind(LinkToxic toxic) {
        return toxic.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String name() {
        return "live metrics";
    }
}
