package zenlab.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import zenlab.kernel.EventHandler;
import zenlab.kernel.Journal;
import zenlab.kernel.Scheduler;

/**
 * The broker side of mtunnels: a user's request routed to a connector (the sticky one, else one
 * at random among those that serve, reach the app and have bandwidth left), its setup along the
 * vendor's message flow, its end, its break when the connector's connection goes, and the bytes
 * it carried. In live mode the real network routes and carries, and this keeps the books.
 *
 * <p>Setup follows the documented example's parts (policy 28 us, CA 1,330 us, app 465 us) and
 * the broker round trip: the BrkRq reaches the connector half a round trip after the request,
 * which refuses it if it paused for an upgrade meanwhile or cannot reach the app; BrkRqAck and
 * BindReq/BindReqAck bind it one and a half round trips plus the app's setup later.
 */
final class MtunnelRouter implements EventHandler {

    static final long POLICY_NS = 28_000;
    static final long CA_NS = 1_330_000;
    static final long APP_SETUP_NS = 465_000;
    /** A broker refuses an mtunnel not bound by then (as the real broker's setupTimeoutMs). */
    static final long SETUP_TIMEOUT_NS = 10_000_000_000L;
    private static final int BRKRQ = 1;
    private static final int BOUND = 2;
    private static final int END = 3;
    private static final int SETUP_TIMEOUT = 5;

    private final Fleet fleet;
    private final Scheduler scheduler;
    private final Journal journal;
    private final Connector[] connectors;
    private final Demand demand;
    private final ConnectorLinks links;
    private final Mtunnels mtunnels;
    private final AdmissionView admission;
    private long requested;
    private long stickyReused;
    private long established;
    private long freed;
    private final long[] refusedByCause = new long[Cause.values().length];
    private final long[] brokenByCause = new long[Cause.values().length];
    /** Bytes carried by mtunnels that ended (freed or broken), by app. */
    private final long[] bytesByApp;
    /** Live: mtunnels asked of the network and not yet answered, by id: app, user, request time, hold time. */
    private final Map<Long, long[]> liveRequests = new HashMap<>();
    /** Live: established mtunnels' slots by id, for the network's notice that one was lost. */
    private final Map<Long, Integer> liveSlots = new HashMap<>();

    MtunnelRouter(Fleet fleet, Scheduler scheduler, Journal journal, Connector[] connectors, Demand demand,
                  ConnectorLinks links) {
        this.fleet = fleet;
        this.scheduler = scheduler;
        this.journal = journal;
        this.connectors = connectors;
        this.demand = demand;
        this.links = links;
        this.mtunnels = new Mtunnels(connectors.length);
        this.admission = new AdmissionView(Arrays.stream(connectors).mapToDouble(c -> c.group.capacityMbps).toArray());
        this.bytesByApp = new long[fleet.appCount()];
    }

    /** A user's mtunnel {@code id} carried its first byte back from the app, through connector {@code c}. */
    void liveEstablished(long id, int c, long setupNs) {
        long[] request = liveRequests.remove(id);
        if (request == null) {
            return;
        }
        int app = (int) request[0];
        long now = scheduler.nowNs();
        int slot = mtunnels.open(app, c, demand.mbps(app), request[2], id);
        admission.allocate(c, demand.mbps(app));
        int candidate = demand.candidateOf(app, c);
        if (candidate >= 0) { // the real broker picks among the app's groups: always, unless it is wrong
            demand.stickTo(app, (int) request[1], candidate, now + Demand.STICKY_NS);
        }
        liveSlots.put(id, slot);
        established(slot, c, now);
        // The setup time is the real one, in wall-clock ns: scaling it would measure the pacing, not the path.
        journal.record(now, FleetJournal.MTUNNEL_ESTABLISHED, c, 0, id, setupNs, mtunnels.mbps[slot]);
        mtunnels.pendingEvent[slot] = scheduler.schedule(request[3], this, END, Mtunnels.ticket(slot, id));
    }

    /** A user's mtunnel {@code id} was never established: the broker or connector refused it, with the cause. */
    void liveRefused(long id, Cause cause) {
        long[] request = liveRequests.remove(id);
        if (request == null) {
            return;
        }
        refusedByCause[cause.ordinal()]++;
        journal.record(scheduler.nowNs(), FleetJournal.MTUNNEL_REFUSED, (int) request[0], cause.ordinal(), id, -1,
                demand.mbps((int) request[0]));
    }

    /** An established mtunnel's connection closed before its user closed it, after carrying {@code bytes}. */
    void liveLost(long id, Cause cause, long bytes) {
        Integer slot = liveSlots.remove(id);
        if (slot == null || mtunnels.idOf(slot) != id || mtunnels.connector[slot] == Mtunnels.NONE) {
            return; // already ended by the model (its connector restarted, failed, lost its broker)
        }
        scheduler.cancel(mtunnels.pendingEvent[slot]);
        brokenByCause[cause.ordinal()]++;
        ended(slot, bytes);
        journal.record(scheduler.nowNs(), FleetJournal.MTUNNEL_BROKEN, mtunnels.connector[slot], cause.ordinal(), id,
                bytes, mtunnels.mbps[slot]);
        release(slot);
    }



    /**
     * A user of {@code app} opens an mtunnel, to keep it {@code holdNs} once established: the
     * broker picks a connector and sends it a BrkRq.
     */
    void request(int app, int user, long holdNs) {
        long now = scheduler.nowNs();
        requested++;
        if (fleet.network() != null) {
            requestLive(app, user, now, holdNs);
            return;
        }
        int chosen = select(app, user, now);
        double mbps = demand.mbps(app);
        if (chosen < 0) {
            Cause cause = Cause.of(-chosen);
            refusedByCause[cause.ordinal()]++;
            journal.record(now, FleetJournal.MTUNNEL_REFUSED, app, cause.ordinal(), mtunnels.newId(), -1, mbps);
            return;
        }
        admission.allocate(chosen, mbps);
        int slot = mtunnels.open(app, chosen, mbps, now);
        mtunnels.holdNs[slot] = holdNs;
        long ticket = Mtunnels.ticket(slot, mtunnels.idOf(slot));
        journal.record(now, FleetJournal.MTUNNEL_REQUESTED, app, 0, mtunnels.idOf(slot), chosen, mbps);
        long toConnectorNs = fleet.brokerRttNs(demand.pathDraws(app)) / 2 + links.extraRttNs(chosen) / 2 + POLICY_NS + CA_NS;
        mtunnels.pendingEvent[slot] = scheduler.schedule(toConnectorNs, this, BRKRQ, ticket);
    }

    /**
     * Live: a real client asks a broker for the app, and the real broker picks the connector.
     * The client goes where the cloud would route it: to the broker of the connector the model's
     * selection prefers (the user's sticky one, else one at random that serves), so that broker
     * has a connector of the app's groups; with none serving, to the first broker up, which refuses.
     */
    private void requestLive(int app, int user, long now, long holdNs) {
        long id = mtunnels.newId();
        journal.record(now, FleetJournal.MTUNNEL_REQUESTED, app, 0, id, -1, demand.mbps(app));
        int preferred = select(app, user, now);
        int broker = preferred >= 0 && connectors[preferred].broker >= 0 ? connectors[preferred].broker : fleet.pickBroker(0);
        if (broker < 0) {
            refusedByCause[Cause.BROKER_UNREACHABLE.ordinal()]++;
            journal.record(now, FleetJournal.MTUNNEL_REFUSED, app, Cause.BROKER_UNREACHABLE.ordinal(), id, -1,
                    demand.mbps(app));
            return;
        }
        liveRequests.put(id, new long[] {app, user, now, holdNs});
        fleet.network().openMtunnel(app, id, broker);
    }

    /**
     * A connector for a new mtunnel: the user's sticky one if it can still serve, else one at
     * random among those of the app's groups that serve, reach the app and have bandwidth left.
     *
     * @return the connector, or minus the ordinal of the cause of refusal
     */
    private int select(int app, int user, long now) {
        double mbps = demand.mbps(app);
        boolean heard = demand.brokerKnowsReachability(app);
        int stuck = demand.stickyCandidate(app, user, now);
        if (stuck >= 0) {
            int sticky = demand.candidate(stuck);
            if (admission.candidate(sticky, app, heard, connectors) && admission.fits(sticky, mbps)) {
                demand.stickTo(app, user, stuck, now + Demand.STICKY_NS);
                stickyReused++;
                return sticky;
            }
        }
        int first = demand.firstCandidate(app);
        int end = demand.endOfCandidates(app);
        int eligible = 0;
        int fitting = 0;
        for (int i = first; i < end; i++) {
            int c = demand.candidate(i);
            if (admission.candidate(c, app, heard, connectors)) {
                eligible++;
                if (admission.fits(c, mbps)) {
                    fitting++;
                }
            }
        }
        if (fitting == 0) {
            return -(eligible > 0 ? Cause.OVER_CAPACITY : Cause.NO_CONNECTOR_AVAILABLE).ordinal();
        }
        int pick = demand.pathDraws(app).nextInt(fitting);
        for (int i = first; i < end; i++) {
            int c = demand.candidate(i);
            if (admission.candidate(c, app, heard, connectors) && admission.fits(c, mbps) && pick-- == 0) {
                demand.stickTo(app, user, i, now + Demand.STICKY_NS);
                return c;
            }
        }
        throw new IllegalStateException("selection lost its candidate");
    }

    /** A connector changed state: it takes new mtunnels only while CONNECTED. */
    void connectorStateChanged(Connector c, ConnectorState next) {
        admission.stateChanged(c.index, next);
    }

    /** A connector's link to the brokers degraded or healed ({@code toxic} null). */
    void linkChanged(Connector c, zenlab.scenario.LinkToxic toxic) {
        admission.linkChanged(c.index, toxic == zenlab.scenario.LinkToxic.STALL);
    }

    /** A connector now can, or can no longer, resolve every app of its group. */
    void dnsFailuresChanged(Connector c) {
        admission.dnsFailuresChanged(c.index, c.hasDnsFailures());
    }

    @Override
    public void onEvent(int kind, long arg) {
        if (!mtunnels.live(arg)) {
            return; // broken meanwhile
        }
        int slot = Mtunnels.slotOf(arg);
        int c = mtunnels.connector[slot];
        int app = mtunnels.app[slot];
        long now = scheduler.nowNs();
        switch (kind) {
            case BRKRQ:
                if (admission.paused(c)) {
                    refuse(slot, Cause.PAUSED_FOR_UPGRADE);
                } else if (admission.cannotResolve(c, app, connectors)) {
                    refuse(slot, Cause.APP_UNREACHABLE);
                } else if (admission.linkStalled(c)) {
                    // The BrkRq never arrives: the broker gives up at its setup timeout.
                    long waitedNs = now - mtunnels.requestedNs[slot];
                    mtunnels.pendingEvent[slot] = scheduler.schedule(Math.max(0, SETUP_TIMEOUT_NS - waitedNs), this,
                            SETUP_TIMEOUT, arg);
                } else {
                    long bindNs = fleet.brokerRttNs(demand.pathDraws(app)) * 3 / 2 + links.extraRttNs(c) * 3 / 2 + APP_SETUP_NS;
                    mtunnels.pendingEvent[slot] = scheduler.schedule(bindNs, this, BOUND, arg);
                }
                break;
            case BOUND:
                established(slot, c, now);
                journal.record(now, FleetJournal.MTUNNEL_ESTABLISHED, c, 0, mtunnels.id[slot],
                        now - mtunnels.requestedNs[slot], mtunnels.mbps[slot]);
                mtunnels.pendingEvent[slot] = scheduler.schedule(mtunnels.holdNs[slot], this, END, arg);
                break;
            case SETUP_TIMEOUT:
                refuse(slot, Cause.CONNECTION_LOST);
                break;
            default: { // END
                long bytes = close(slot, now);
                freed++;
                journal.record(now, FleetJournal.MTUNNEL_FREED, c, 0, mtunnels.id[slot], bytes,
                        mtunnels.mbps[slot]);
                release(slot);
                break;
            }
        }
    }

    private void refuse(int slot, Cause cause) {
        refusedByCause[cause.ordinal()]++;
        journal.record(scheduler.nowNs(), FleetJournal.MTUNNEL_REFUSED, mtunnels.app[slot], cause.ordinal(),
                mtunnels.id[slot], mtunnels.connector[slot], mtunnels.mbps[slot]);
        release(slot);
    }

    /**
     * Ends every mtunnel of a connector whose connection is gone: established ones are broken,
     * ones still being set up are refused, both with the cause.
     */
    void breakAll(Connector c, Cause cause) {
        long now = scheduler.nowNs();
        int slot = mtunnels.first(c.index);
        while (slot != Mtunnels.NONE) {
            int next = mtunnels.next(slot);
            scheduler.cancel(mtunnels.pendingEvent[slot]);
            if (mtunnels.establishedNs[slot] < 0) {
                refuse(slot, cause); // cut during setup: it never carried a byte
            } else {
                long bytes = close(slot, now);
                brokenByCause[cause.ordinal()]++;
                journal.record(now, FleetJournal.MTUNNEL_BROKEN, c.index, cause.ordinal(), mtunnels.id[slot],
                        bytes, mtunnels.mbps[slot]);
                release(slot);
            }
            slot = next;
        }
    }

    private void established(int slot, int c, long now) {
        established++;
        mtunnels.establishedNs[slot] = now;
        mtunnels.servedAtEstablishedNs[slot] = links.servedClockNs(c, now);
        links.carry(c, mtunnels.mbps[slot], now);
    }

    /**
     * Ends an established mtunnel on the user's side and returns the bytes it carried: the real
     * client's count in live mode, else its Mbps over the time its connector's link served it.
     */
    private long close(int slot, long now) {
        long bytes;
        if (fleet.network() != null) {
            liveSlots.remove(mtunnels.id[slot]);
            bytes = fleet.network().closeMtunnel(mtunnels.id[slot]);
        } else {
            long servedNs = links.servedClockNs(mtunnels.connector[slot], now) - mtunnels.servedAtEstablishedNs[slot];
            bytes = (long) (mtunnels.mbps[slot] * 125_000.0 * (servedNs / 1e9));
        }
        ended(slot, bytes);
        return bytes;
    }

    private void ended(int slot, long bytes) {
        bytesByApp[mtunnels.app[slot]] += bytes;
    }

    private void release(int slot) {
        int c = mtunnels.connector[slot];
        admission.free(c, mtunnels.mbps[slot]);
        if (mtunnels.establishedNs[slot] >= 0) {
            links.carry(c, -mtunnels.mbps[slot], scheduler.nowNs());
        }
        mtunnels.close(slot);
    }

    // ---- figures ----------------------------------------------------------------------------------

    long requested() {
        return requested;
    }

    long stickyReused() {
        return stickyReused;
    }

    long established() {
        return established;
    }

    long freed() {
        return freed;
    }

    long bytesCarried(int app) {
        return bytesByApp[app];
    }

    long refused(Cause cause) {
        return refusedByCause[cause.ordinal()];
    }

    long broken(Cause cause) {
        return brokenByCause[cause.ordinal()];
    }
}
