package zenlab.model;

import java.util.ArrayList;
import java.util.List;
import zenlab.kernel.JournalEntry;
import zenlab.kernel.JournalHandler;

/**
 * Names for the indices journal entries carry. Connector names change at enrolment
 * ({@code <key>-<n>}), so this is also the first journal handler: it learns them from
 * {@link FleetJournal#ENROLLED} entries on the consuming thread, before the writers that run
 * after it on the same thread read them. The model never reads these names on its hot path.
 */
public final class FleetNames implements JournalHandler {

    private final String[] groups;
    private final String[] apps;
    private final String[] brokers;
    private final String[] keys;
    private final String[] connectors;
    private final int[] groupOfConnector;

    public FleetNames(List<String> groups, List<String> apps, List<String> brokers, List<String> keys,
                      List<String> vmNames, int[] groupOfConnector) {
        this.groups = groups.toArray(new String[0]);
        this.apps = apps.toArray(new String[0]);
        this.brokers = brokers.toArray(new String[0]);
        this.keys = keys.toArray(new String[0]);
        this.connectors = vmNames.toArray(new String[0]);
        this.groupOfConnector = groupOfConnector.clone();
    }

    /**
     * The names a scenario fixes: connectors are {@code <group>/vm-<i>} until they enrol, in the
     * order {@link Fleet} numbers them (group by group).
     */
    public static FleetNames of(zenlab.scenario.FleetSection spec) {
        List<String> groups = new ArrayList<>();
        List<String> vms = new ArrayList<>();
        List<Integer> groupOf = new ArrayList<>();
        for (int g = 0; g < spec.groups().size(); g++) {
            String group = spec.groups().get(g).name();
            groups.add(group);
            for (int i = 1; i <= spec.groups().get(g).connectors(); i++) {
                vms.add(group + "/vm-" + i);
                groupOf.add(g);
            }
        }
        List<String> apps = new ArrayList<>();
        spec.apps().forEach(a -> apps.add(a.name()));
        List<String> brokers = new ArrayList<>();
        spec.brokers().forEach(b -> brokers.add(b.name()));
        List<String> keys = new ArrayList<>();
        spec.keys().forEach(k -> keys.add(k.name()));
        return new FleetNames(groups, apps, brokers, keys, vms, groupOf.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public void onEntry(JournalEntry entry) {
        if (entry.kind == FleetJournal.ENROLLED) {
            connectors[entry.subject] = keys[(int) entry.a] + "-" + entry.b;
        }
    }

    @Override
    public String name() {
        return "connector names";
    }

    public String group(int index) {
        return groups[index];
    }

    public String app(int index) {
        return apps[index];
    }

    public String broker(int index) {
        return index < 0 ? "none" : brokers[index];
    }

    public String key(int index) {
        return keys[index];
    }

    public String connector(int index) {
        return connectors[index];
    }

    public int groupOfConnector(int connector) {
        return groupOfConnector[connector];
    }

    public int connectorCount() {
        return connectors.length;
    }

    public int groupCount() {
        return groups.length;
    }
}
