package zenlab.scenario;

import java.util.List;

/**
 * A connector deployment: brokers, provisioning keys, connector groups, apps and faults.
 *
 * @param statusLogIntervalNs how often each connector writes its status block; 0 for never
 * @param timelineIntervalNs  how often timeline.csv gets a row; 0 for never
 * @param brokerRttNs         round trip between a connector and its broker
 */
public record FleetSection(
        List<BrokerSpec> brokers,
        List<ProvisioningKeySpec> keys,
        List<ConnectorGroupSpec> groups,
        List<AppSpec> apps,
        List<FaultSpec> faults,
        long statusLogIntervalNs,
        long skewToleranceNs,
        long timeSyncDelayNs,
        long timelineIntervalNs,
        long brokerRttNs) {

    public FleetSection {
        brokers = List.copyOf(brokers);
        keys = List.copyOf(keys);
        groups = List.copyOf(groups);
        apps = List.copyOf(apps);
        faults = List.copyOf(faults);
    }

    /**
     * Every name a connector of this fleet can have: {@code <key>-<n>} for each use of a key
     * whose group exists, re-provisioning included.
     */
    public java.util.Set<String> connectorNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (ProvisioningKeySpec k : keys) {
            if (groups.stream().anyMatch(g -> g.name().equals(k.group()))) {
                for (int n = 1; n <= k.maxUsage(); n++) {
                    names.add(k.name() + "-" + n);
                }
            }
        }
        return names;
    }
}
