package zenlab.scenario;

import java.time.DayOfWeek;

/**
 * A connector group: its weekly upgrade window, how many connector VMs it deploys, their
 * capacity, restart downtime and failures.
 *
 * @param connectors         connector VMs deployed with the group's provisioning key
 * @param capacityMbps       per connector, in plus out, before double encryption
 * @param restartMeanNs      mean restart downtime of an upgrade (lognormal)
 * @param restartSdNs        its standard deviation
 * @param upgradePauseNs     time in the pause state (refusing new mtunnels) before a restart
 * @param upgradeFailureProbability chance an upgrade fails, which pauses the group's upgrades
 * @param mtbfNs             mean time between failures of a connector; 0 for none
 * @param mttrNs             mean time to repair
 * @param keyProvidedAfterNs time after boot at which the provisioning key file appears
 */
public record ConnectorGroupSpec(
        String name,
        String location,
        DayOfWeek upgradeDay,
        int upgradeTimeInSecs,
        boolean upgradesEnabled,
        int connectors,
        double capacityMbps,
        long restartMeanNs,
        long restartSdNs,
        long upgradePauseNs,
        double upgradeFailureProbability,
        long mtbfNs,
        long mttrNs,
        long keyProvidedAfterNs) {
}
