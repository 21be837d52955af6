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
import zenlab.scenario.LinkToxic;

/**
 * timeline.csv: a row at each timeline tick with the connectors up in each group, the fewest
 * up in each group since the previous row (so that a four-minute restart shows in hourly
 * rows), active mtunnels, the Mbps they carry, and the mtunnels refused since the previous row
 * with the Mbps they asked for. Rebuilt from the journal alone. A connector whose link is under a
 * bandwidth limit carries at most the limit, whatever its mtunnels ask.
 */
public final class TimelineWriter implements JournalHandler {

    private final Writer out;
    private final FleetNames names;
    private final boolean[] up;
    private final int[] upInGroup;
    private final int[] fewestUpInGroup;
    private long activeMtunnels;
    private double activeMbps;
    /** Mbps asked of each connector by its established mtunnels. */
    private final double[] carryingMbps;
    /** Connectors under a bandwidth limit, and their limits. */
    private final int[] limited;
    private int limitedCount;
    private final double[] limitMbps;
    private long refusedSinceRow;
    private double refusedMbpsSinceRow;
    private final StringBuilder row = new StringBuilder(256);

    public TimelineWriter(Path file, FleetNames names) throws IOException {
        this.out = ResultFile.open(file, 1 << 20, false);
        this.names = names;
        this.up = new boolean[names.connectorCount()];
        this.carryingMbps = new double[names.connectorCount()];
        this.limited = new int[names.connectorCount()];
        this.limitMbps = new double[names.connectorCount()];
        this.upInGroup = new int[names.groupCount()];
        this.fewestUpInGroup = new int[names.groupCount()];
        StringBuilder header = new StringBuilder("time_s,time");
        for (int g = 0; g < names.groupCount(); g++) {
            header.append(",connectors_up_").append(names.group(g));
        }
        for (int g = 0; g < names.groupCount(); g++) {
            header.append(",fewest_up_").append(names.group(g));
        }
        header.append(",active_mtunnels,mbps_served,mtunnels_refused,mbps_refused\n");
        out.append(header);
    }

    @Override
    public void onEntry(JournalEntry e) throws IOException {
        switch (e.kind) {
            case FleetJournal.CONNECTOR_STATE: {
                boolean nowUp = ConnectorState.of((int) e.a).up();
                if (nowUp != up[e.subject]) {
                    up[e.subject] = nowUp;
                    int group = names.groupOfConnector(e.subject);
                    upInGroup[group] += nowUp ? 1 : -1;
                    fewestUpInGroup[group] = Math.min(fewestUpInGroup[group], upInGroup[group]);
                }
                break;
            }
            case FleetJournal.MTUNNEL_ESTABLISHED:
                activeMtunnels++;
                activeMbps += e.value;
                carryingMbps[e.subject] += e.value;
                break;
            case FleetJournal.MTUNNEL_FREED:
            case FleetJournal.MTUNNEL_BROKEN: // only established mtunnels are freed or broken
                activeMtunnels--;
                activeMbps -= e.value;
                carryingMbps[e.subject] -= e.value;
                break;
            case FleetJournal.FAULT:
                if (e.a == FleetJournal.FAULT_LINK || e.a == FleetJournal.FAULT_LINK_HEALED) {
                    linkChanged(e.subject, e.a == FleetJournal.FAULT_LINK && e.b == LinkToxic.BANDWIDTH.ordinal()
                            ? e.value : Double.POSITIVE_INFINITY);
                }
                break;
            case FleetJournal.MTUNNEL_REFUSED:
                refusedSinceRow++;
                refusedMbpsSinceRow += e.value;
                break;
            case FleetJournal.TICK:
                writeRow(e.timeNs);
                break;
            default:
                break;
        }
    }

    private void linkChanged(int connector, double newLimitMbps) {
        int at = 0;
        while (at < limitedCount && limited[at] != connector) {
            at++;
        }
        if (at < limitedCount && newLimitMbps == Double.POSITIVE_INFINITY) {
            limited[at] = limited[--limitedCount];
        } else if (at == limitedCount && newLimitMbps != Double.POSITIVE_INFINITY) {
            limited[limitedCount++] = connector;
        }
        limitMbps[connector] = newLimitMbps;
    }

    /** What the active mtunnels carry: what they ask, less what limited links hold back. */
    private double servedMbps() {
        double served = activeMbps;
        for (int i = 0; i < limitedCount; i++) {
            int c = limited[i];
            served -= Math.max(0, carryingMbps[c] - limitMbps[c]);
        }
        return Math.max(0, served);
    }

    private void writeRow(long timeNs) throws IOException {
        row.setLength(0);
        row.append(timeNs / 1_000_000_000L).append(',').append(VirtualClock.iso(timeNs));
        for (int count : upInGroup) {
            row.append(',').append(count);
        }
        for (int g = 0; g < fewestUpInGroup.length; g++) {
            row.append(',').append(fewestUpInGroup[g]);
            fewestUpInGroup[g] = upInGroup[g];
        }
        row.append(',').append(activeMtunnels)
                .append(',').append(String.format(Locale.ROOT, "%.3f", servedMbps()))
                .append(',').append(refusedSinceRow)
                .append(',').append(String.format(Locale.ROOT, "%.3f", refusedMbpsSinceRow)).append('\n');
        out.append(row);
        refusedSinceRow = 0;
        refusedMbpsSinceRow = 0;
    }

    @Override
    public void onEnd() throws IOException {
        out.close();
    }

    @Override
    public String name() {
        return "timeline.csv writer";
    }
}
