package zenlab.model;

import java.util.Arrays;
import java.util.List;
import zenlab.kernel.EventHandler;
import zenlab.kernel.RandomCursor;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Scheduler;
import zenlab.scenario.AppSpec;

/**
 * Every app's users' demand: new mtunnels as a Poisson stream per app, each from one of the
 * app's users, who sticks to the connector it last used for 30 minutes (the vendor's
 * documented stickiness) while that connector can still serve it.
 *
 * <p>The demand (when each mtunnel comes, whose it is, how long its user keeps it) is drawn at
 * its arrival from a stream of its own, "app/NAME", and what the path does (round trips, a
 * broker's pick) from another, "app/NAME/path": common random numbers, so a live run and a
 * virtual run of one scenario see the same users asking for the same mtunnels, whatever the
 * network does with them.
 *
 * <p>What an arrival reads of its app is one row of 64 bytes: both streams' states, the mean
 * gap and hold, Mbps, users, and where its candidates and its users' stickiness start. By an
 * app's next arrival all of it has left the core's cache; as an object with two stream objects
 * and two arrays of its own it was five or six lines to miss, as a row one or two.
 */
final class Demand implements EventHandler {

    static final long STICKY_NS = 30L * 60 * 1_000_000_000L;
    private static final int ARRIVAL = 1;

    private static final int ROW_LONGS = 8;
    private static final int DEMAND_STATE = 0;
    private static final int PATH_STATE = 1;
    /** Raw bits of a double; 0 for an app without demand. */
    private static final int MEAN_GAP_NS = 2;
    private static final int MEAN_DURATION_NS = 3;
    /** Raw bits of a double. */
    private static final int MBPS = 4;
    /** Users in the low half; {@link #BROKER_KNOWS_REACHABILITY} above. */
    private static final int USERS = 5;
    /** First << 32 | end: the app's range in {@link #candidates}. */
    private static final int CANDIDATES = 6;
    /** Where the app's first user stands in {@link #sticky}. */
    private static final int STICKY = 7;
    private static final long BROKER_KNOWS_REACHABILITY = 1L << 32;

    private final long[] rows;
    private final RandomCursor draws;
    /** Every app's candidates, app after app: every connector of its groups, group by group. */
    private final int[] candidates;
    /** Every app's users, app after app. */
    private final StickyUsers sticky;
    private final Fleet fleet;
    private final Scheduler scheduler;
    /** Arrivals are posted, with the app as their arg: never cancelled, so the kernel keeps no slot for them. */
    private final int handlerId;

    Demand(List<AppSpec> apps, int[][] candidatesByApp, Fleet fleet, Scheduler scheduler, RandomStreams streams) {
        this.fleet = fleet;
        this.scheduler = scheduler;
        rows = new long[apps.size() * ROW_LONGS];
        draws = new RandomCursor(rows);
        int candidateCount = 0;
        int userCount = 0;
        for (int a = 0; a < apps.size(); a++) {
            candidateCount += candidatesByApp[a].length;
            userCount += apps.get(a).users();
        }
        candidates = new int[candidateCount];
        sticky = new StickyUsers(userCount, Arrays.stream(candidatesByApp).mapToInt(c -> c.length).max().orElse(0));
        int nextCandidate = 0;
        int nextSticky = 0;
        for (int a = 0; a < apps.size(); a++) {
            AppSpec spec = apps.get(a);
            int row = a * ROW_LONGS;
            rows[row + DEMAND_STATE] = streams.seedOf("app/" + spec.name());
            rows[row + PATH_STATE] = streams.seedOf("app/" + spec.name() + "/path");
            rows[row + MEAN_GAP_NS] = Double.doubleToRawLongBits(spec.mtunnelsPerS() > 0 ? 1e9 / spec.mtunnelsPerS() : 0);
            rows[row + MEAN_DURATION_NS] = spec.meanDurationNs();
            rows[row + MBPS] = Double.doubleToRawLongBits(spec.mbps());
            rows[row + USERS] = spec.users() | ("NONE".equals(spec.healthReporting()) ? 0 : BROKER_KNOWS_REACHABILITY);
            int[] own = candidatesByApp[a];
            System.arraycopy(own, 0, candidates, nextCandidate, own.length);
            rows[row + CANDIDATES] = (long) nextCandidate << 32 | (nextCandidate + own.length);
            nextCandidate += own.length;
            rows[row + STICKY] = nextSticky;
            nextSticky += spec.users();
        }
        handlerId = scheduler.register(this);
    }

    /** Each app's first arrival, app by app. */
    void start() {
        for (int app = 0; app < rows.length / ROW_LONGS; app++) {
            double meanGapNs = meanGapNs(app);
            if (meanGapNs > 0) {
                scheduler.post(draws.at(app * ROW_LONGS + DEMAND_STATE).exponentialNs(meanGapNs), handlerId, ARRIVAL,
                        app);
            }
        }
    }

    @Override
    public void onEvent(int kind, long arg) { // ARRIVAL of app arg
        int app = (int) arg;
        int row = app * ROW_LONGS;
        RandomCursor demand = draws.at(row + DEMAND_STATE);
        scheduler.post(demand.exponentialNs(meanGapNs(app)), handlerId, ARRIVAL, app);
        int user = demand.nextInt((int) rows[row + USERS]);
        long holdNs = demand.exponentialNs(rows[row + MEAN_DURATION_NS]);
        fleet.requestMtunnel(app, user, holdNs);
    }

    private double meanGapNs(int app) {
        return Double.longBitsToDouble(rows[app * ROW_LONGS + MEAN_GAP_NS]);
    }

    /** Each of the app's mtunnels asks this much bandwidth. */
    double mbps(int app) {
        return Double.longBitsToDouble(rows[app * ROW_LONGS + MBPS]);
    }

    /** The broker hears from connectors which apps they reach (the app's health reporting is not NONE). */
    boolean brokerKnowsReachability(int app) {
        return (rows[app * ROW_LONGS + USERS] & BROKER_KNOWS_REACHABILITY) != 0;
    }

    /** Where the app's candidates start in {@link #candidate(int)}'s numbering. */
    int firstCandidate(int app) {
        return (int) (rows[app * ROW_LONGS + CANDIDATES] >>> 32);
    }

    /** Where the app's candidates end (exclusive). */
    int endOfCandidates(int app) {
        return (int) rows[app * ROW_LONGS + CANDIDATES];
    }

    /** The connector at position {@code i} of the candidates (see {@link #firstCandidate}). */
    int candidate(int i) {
        return candidates[i];
    }

    /**
     * The candidate (see {@link #candidate(int)}) that {@code user} of {@code app} last used,
     * if it still sticks to it at {@code nowNs}; else -1.
     */
    int stickyCandidate(int app, int user, long nowNs) {
        int place = sticky.place(stickyAt(app, user), nowNs);
        return place < 0 ? -1 : firstCandidate(app) + place;
    }

    /** {@code user} of {@code app} sticks to candidate {@code i} until {@code untilNs}. */
    void stickTo(int app, int user, int i, long untilNs) {
        sticky.stick(stickyAt(app, user), i - firstCandidate(app), untilNs);
    }

    /** Where {@code connector} stands among the app's candidates, or -1 if it is not one. */
    int candidateOf(int app, int connector) {
        for (int i = firstCandidate(app); i < endOfCandidates(app); i++) {
            if (candidates[i] == connector) {
                return i;
            }
        }
        return -1;
    }

    private int stickyAt(int app, int user) {
        return (int) rows[app * ROW_LONGS + STICKY] + user;
    }

    /**
     * The app's draws for what the path does to its mtunnels: round trips, which connector a
     * broker picks. Draw at once: the next call here or the next arrival points it elsewhere.
     */
    RandomCursor pathDraws(int app) {
        return draws.at(app * ROW_LONGS + PATH_STATE);
    }
}
