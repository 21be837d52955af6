package zenlab.metrics;

import java.util.List;

/**
 * The lab's fabric as the console prints it at start, read live: brokers with the connections
 * connectors hold to them, connectors with their state, apps with their client ports. Read on the
 * metrics server's threads; implementations return snapshots.
 */
public interface LabView {

    /** A broker, where connectors dial it, and the control and data connections they hold to it now. */
    record BrokerRow(String name, String address, int controlConnections, int dataConnections) {
    }

    /** A connector (its enrolled name, or its host before it has one), its group and state (lower case). */
    record ConnectorRow(String name, String group, String state) {
    }

    /** An app and the client ports (one per broker) where users reach it. */
    record AppRow(String name, List<String> clientAddresses) {
    }

    List<BrokerRow> brokers();

    List<ConnectorRow> connectors();

    List<AppRow> apps();

    LabView EMPTY = new LabView() {
        @Override
        public List<BrokerRow> brokers() {
            return List.of();
        }

        @Override
        public List<ConnectorRow> connectors() {
            return List.of();
        }

        @Override
        public List<AppRow> apps() {
            return List.of();
        }
    };
}
