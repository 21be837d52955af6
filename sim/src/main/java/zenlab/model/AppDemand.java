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
    /**
     * Every connector of the app's groups, group by group: what a new mtunnel is chosen among.
     * Held here, not found through group and member arrays, because by an app's next arrival
     * all of that has left the cache, and each hop of the chain is a miss waiting on the last.
     */
    final int[] candidates;
    final double mbps;
    private final int users;
    private final long meanDurationNs;
    final Availability availability = new Availability();
    final boolean brokerKnowsReachability;
    private final Fleet fleet;
    private final Scheduler scheduler;
    private final RandomStream random;
    private final RandomStream pathRandom;
    private final double meanGapNs;
    /** Arrivals are posted: never cancelled, so the kernel keeps no slot for them. */
    private final int handlerId;
    /**
     * Per user, side by side so one cache line holds both: at {@code 2 * user} the connector it
     * last used (-1 for none), at {@code 2 * user + 1} until when it sticks to it.
     */
    private final long[] sticky;

    AppDemand(int index, AppSpec spec, int[] candidates, Fleet fleet, Scheduler scheduler, RandomStream random,
              RandomStream pathRandom) {
        this.index = index;
        this.spec = spec;
        this.candidates = candidates;
        this.mbps = spec.mbps();
        this.users = spec.users();
        this.meanDurationNs = spec.meanDurationNs();
        this.fleet = fleet;
        this.scheduler = scheduler;
        this.random = random;
        this.pathRandom = pathRandom;
        this.brokerKnowsReachability = !"NONE".equals(spec.healthReporting());
        this.meanGapNs = spec.mtunnelsPerS() > 0 ? 1e9 / spec.mtunnelsPerS() : 0;
        this.sticky = new long[2 * spec.users()];
        for (int user = 0; user < users; user++) {
            sticky[2 * user] = -1;
        }
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
        int user = random.nextInt(users);
        fleet.requestMtunnel(this, user, random.exponentialNs(meanDurationNs));
    }

    /** The connector {@code user} last used, or -1. */
    int stickyConnector(int user) {
        return (int) sticky[2 * user];
    }

    /** Until when {@code user} sticks to its connector. */
    long stickyUntilNs(int user) {
        return sticky[2 * user + 1];
    }

    /** {@code user} sticks to {@code connector} until {@code untilNs}. */
    void stickTo(int user, int connector, long untilNs) {
        sticky[2 * user] = connector;
        sticky[2 * user + 1] = untilNs;
    }

    /** For what the path does to its mtunnels: round trips, which connector a broker picks. */
    RandomStream pathRandom() {
        return pathRandom;
    }
}
