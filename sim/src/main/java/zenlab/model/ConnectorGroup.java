package zenlab.model;

import zenlab.scenario.ConnectorGroupSpec;

/** A connector group: its members, their shared settings, its upgrade manager and availability. */
public final class ConnectorGroup {

    final int index;
    final String name;
    final int keyIndex;
    final long keyProvidedAfterNs;
    final long restartMeanNs;
    final long restartSdNs;
    final long upgradePauseNs;
    final double upgradeFailureProbability;
    final long mtbfNs;
    final long mttrNs;
    final double capacityMbps;
    int[] members = new int[0];
    /** Apps this group serves, by index. */
    int[] apps = new int[0];
    UpgradeManager upgrades;
    final Availability availability = new Availability();
    boolean sslInspected;

    ConnectorGroup(int index, ConnectorGroupSpec spec, int keyIndex, double capacityMbps) {
        this.index = index;
        this.name = spec.name();
        this.keyIndex = keyIndex;
        this.keyProvidedAfterNs = spec.keyProvidedAfterNs();
        this.restartMeanNs = spec.restartMeanNs();
        this.restartSdNs = spec.restartSdNs();
        this.upgradePauseNs = spec.upgradePauseNs();
        this.upgradeFailureProbability = spec.upgradeFailureProbability();
        this.mtbfNs = spec.mtbfNs();
        this.mttrNs = spec.mttrNs();
        this.capacityMbps = capacityMbps;
    }

    /** Where an app (an index of the fleet's apps) stands in {@link #apps}, or -1. */
    int positionOfApp(int app) {
        for (int i = 0; i < apps.length; i++) {
            if (apps[i] == app) {
                return i;
            }
        }
        return -1;
    }

    /** The software version the group's windows have released so far. */
    int releasedVersion() {
        return upgrades.releasedVersion();
    }
}
