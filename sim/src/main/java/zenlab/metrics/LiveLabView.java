package zenlab.metrics;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import zenlab.model.Cause;
import zenlab.net.LiveLab;
import zenlab.net.broker.Broker;

/** {@code zenlab up}'s lab as the status page and gauges read it: states from the brokers' sessions. */
public final class LiveLabView implements LabView {

    private final LiveLab lab;

    public LiveLabView(LiveLab lab) {
        this.lab = lab;
    }

    @Override
    public List<BrokerRow> brokers() {
        List<BrokerRow> rows = new ArrayList<>();
        for (Broker b : lab.brokers()) {
            int[] counts = b.sessions().connectionCounts();
            rows.add(new BrokerRow(b.name(), hostPort(b.tunnelAddress()), counts[0], counts[1]));
        }
        return rows;
    }

    /**
     * A connector refused at enrolment or blocked is {@code blocked}; else {@code connected} if a
     * broker has it serving, {@code paused} if one has it paused for an upgrade, else
     * {@code connecting} (between connections, backing off).
     */
    @Override
    public List<ConnectorRow> connectors() {
        List<ConnectorRow> rows = new ArrayList<>();
        for (LiveLab.ConnectorStatus c : lab.connectorStatuses()) {
            String name = c.name() == null ? c.host() : c.name();
            String state = "connecting";
            if (c.refusal() != Cause.NONE) {
                state = "blocked";
            } else {
                for (Broker b : lab.brokers()) {
                    String here = b.sessions().stateOf(c.name());
                    if ("connected".equals(here)) {
                        state = here;
                        break;
                    }
                    if ("paused".equals(here)) {
                        state = here;
                    }
                }
            }
            rows.add(new ConnectorRow(name, c.group(), state));
        }
        return rows;
    }

    @Override
    public List<AppRow> apps() {
        List<AppRow> rows = new ArrayList<>();
        for (Map.Entry<String, InetSocketAddress> app : lab.clientPorts().entrySet()) {
            rows.add(new AppRow(app.getKey(), List.of(hostPort(app.getValue()))));
        }
        return rows;
    }

    static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
