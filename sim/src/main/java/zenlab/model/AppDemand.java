package zenlab.model;

import zenlab.kernel.EventHandler;
import zenlab.kernel.RandomStream;
import zenlab.kernel.Scheduler;
import zenlab.scenario.AppSpec;

/**
 * An app, its availability, and its users' demand: new mtunnels as a Poisson stream, each from
 * one of the app's users, who sticks to the connector it last used for 30 minutes (the
 * vendor's documented stickiness) while that connector can still serve it.
 *
 * <p>The demand (when each mtunnel comes, whose it is, how long its user keeps it) is drawn at
 * its arrival from a stream of its own, and what the path does (round trips, a broker's pick)
 * from another: common random numbers, so a live run and a virtual run of one scenario see the
 * same users asking for the same mtunnels, whatever the network does with them.
 */
final class AppDemand implements EventHandler {

    static final long STICKY_NS = 30L * 60 * 1_000_000_000L;
    private static final int ARRIVAL = 1;

    final int index;
    final AppSpec spec;
    final int[] groups;
    final Availability availability = new Availability();
    final boolean brokerKnowsReachability;
    private final Fleet fleet;
    private final Scheduler scheduler;
    private final RandomStream random;
    private final RandomStream pathRandom;
    private final double meanGapNs;
    /** Arrivals are posted: never cancelled, so the kernel keeps no slot for them. */
    private final int handlerId;
    final int[] stickyConnector;
    final long[] stickyUntilNs;

    AppDemand(int index, AppSpec spec, int[] groups, Fleet fleet, Scheduler scheduler, RandomStream random,
              RandomStream pathRandom) {
        this.index = index;
        this.spec = spec;
        this.groups = groups;
        this.fleet = fleet;
        this.scheduler = scheduler;
        this.random = random;
        this.pathRandom = pathRandom;
        this.brokerKnowsReachability = !"NONE".equals(spec.healthReporting());
        this.meanGapNs = spec.mtunnelsPerS() > 0 ? 1e9 / spec.mtunnelsPerS() : 0;
        this.stickyConnector = new int[spec.users()];
        this.stickyUntilNs = new long[spec.users()];
        java.util.Arrays.fill(stickyConnector, -1);
        this.handlerId = scheduler.register(this);
    }

    void start() {
        if (meanGapNs > 0) {
            scheduler.post(random.exponentialNs(meanGapNs), handlerId, ARRIVAL, 0);
        }
    }

    @Override
    public void onEvent(int kind, long arg) {
        scheduler.post(random.exponentialNs(meanGapNs), handlerId, ARRIVAL, 0);
        int user = random.nextInt(spec.users());
        fleet.requestMtunnel(this, user, random.exponentialNs(spec.meanDurationNs()));
    }

    /** For what the path does to its mtunnels: round trips, which connector a broker picks. */
    RandomStream pathRandom() {
        return pathRandom;
    }
}
