package zenlab.drive;

import java.io.Serializable;
import java.util.Arrays;
import zenlab.fault.Fault;
import zenlab.fault.Faults;
import zenlab.kernel.Journal;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Simulation;
import zenlab.model.Availability;
import zenlab.model.Cause;
import zenlab.model.Fleet;
import zenlab.scenario.Scenario;

/**
 * One replication of a fleet scenario with its own seed, run with no journal: only the figures
 * a study aggregates, per app (with each outage's duration) and for the mtunnels. Serializable,
 * as a cluster member sends it back to the study.
 */
public record Replication(double[] availability, double[] downtimeS, long[] outages, double[] longestOutageS,
                          double[][] outageDurationsS, long[] brokenByCause, long[] refusedByCause, long events)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static Replication run(Scenario scenario, long seed) {
        Simulation sim = new Simulation();
        Fleet fleet = new Fleet(scenario.fleet(), sim, new RandomStreams(seed), Journal.NONE);
        for (Fault fault : Faults.of(scenario.fleet().faults(), fleet)) {
            fault.arm(sim);
        }
        for (int a = 0; a < fleet.appCount(); a++) {
            fleet.appAvailability(a).keepOutageDurations();
        }
        fleet.start();
        sim.run(scenario.durationNs());
        long end = sim.nowNs();
        int apps = fleet.appCount();
        double[] availability = new double[apps];
        double[] downtime = new double[apps];
        long[] outages = new long[apps];
        double[] longest = new double[apps];
        double[][] durations = new double[apps][];
        for (int a = 0; a < apps; a++) {
            Availability av = fleet.appAvailability(a);
            availability[a] = av.availability(end);
            downtime[a] = av.downtimeNs(end) / 1e9;
            outages[a] = av.outages();
            longest[a] = av.longestOutageNs(end) / 1e9;
            durations[a] = Arrays.stream(av.outageDurationsNs(end)).mapToDouble(ns -> ns / 1e9).toArray();
        }
        long[] broken = new long[Cause.values().length];
        long[] refused = new long[Cause.values().length];
        for (Cause cause : Cause.values()) {
            broken[cause.ordinal()] = fleet.broken(cause);
            refused[cause.ordinal()] = fleet.refused(cause);
        }
        return new Replication(availability, downtime, outages, longest, durations, broken, refused, sim.eventsProcessed());
    }
}
