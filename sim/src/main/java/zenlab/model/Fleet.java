package zenlab.model;

import java.util.ArrayList;
import java.util.List;
import zenlab.kernel.EventHandler;
import zenlab.kernel.Journal;
import zenlab.kernel.RandomStream;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Scheduler;
import zenlab.scenario.AppSpec;
import zenlab.scenario.ConnectorGroupSpec;
import zenlab.scenario.FleetSection;
import zenlab.scenario.ProvisioningKeySpec;

/**
 * A connector deployment as the cloud sees it: provisioning keys, brokers, groups and their
 * connectors, apps and their demand, and the mtunnels between them. It is the broker side of
 * the model (enrolment authority, connector selection, mtunnel setup) and the one place every
 * observable fact goes through on its way to the journal.
 *
 * <p>Mtunnel setup follows the vendor's message flow, with the documented example's parts
 * (policy 28 us, CA 1,330 us, app 465 us) and the broker round trip: the broker's BrkRq reaches
 * the connector half a round trip after the request, which refuses it if it paused for an
 * upgrade meanwhile or cannot reach the app; BrkRqAck and BindReq/BindReqAck bind it one and a
 * half round trips plus the app's setup later.
 */
public final class Fleet implements EventHandler {

    /** How long each weekly upgrade window stays open. */
    public static final long UPGRADE_WINDOW_NS = UpgradeManager.WINDOW_NS;

    static final long POLICY_NS = 28_000;
    static final long CA_NS = 1_330_000;
    static final long APP_SETUP_NS = 465_000;
    private static final int BRKRQ = 1;
    private static final int BOUND = 2;
    private static final int END = 3;
    private static final int TICK = 4;
    private static final int SETUP_TIMEOUT = 5;
    /** A broker refuses an mtunnel not bound by then (as the real broker's setupTimeoutMs). */
    static final long SETUP_TIMEOUT_NS = 10_000_000_000L;

    private final Scheduler scheduler;
    private final Journal journal;
    private final FleetSection spec;
    private final Connector[] connectors;
    private final ConnectorGroup[] groups;
    private final AppDemand[] apps;
    private final boolean[] brokerUp;
    private final int[] keyUsage;
    private final int[] keyMaxUsage;
    private final String[] keyNames;
    private final Mtunnels mtunnels;
    private final long brokerRttNs;
    private final long timelineIntervalNs;

    private long requested;
    private long stickyReused;
    private long established;
    private long freed;
    private final long[] refusedByCause = new long[Cause.values().length];
    private final long[] brokenByCause = new long[Cause.values().length];
    /** Bytes carried by mtunnels that ended (freed or broken), by app. */
    private final long[] bytesByApp;
    private final long[] enrolmentRefusedByCause = new long[Cause.values().length];
    /** The real network in live mode; null in virtual mode. */
    private CloudNetwork network;
    /** Live: mtunnels asked of the network and not yet answered, by id: app, user, request time, hold time. */
    private final java.util.Map<Long, long[]> liveRequests = new java.util.HashMap<>();
    /** Live: established mtunnels' slots by id, for the network's notice that one was lost. */
    private final java.util.Map<Long, Integer> liveSlots = new java.util.HashMap<>();

    public Fleet(FleetSection spec, Scheduler scheduler, RandomStreams streams, Journal journal) {
        this.spec = spec;
        this.scheduler = scheduler;
        this.journal = journal;
        this.brokerRttNs = spec.brokerRttNs();
        this.timelineIntervalNs = spec.timelineIntervalNs();
        this.brokerUp = new boolean[spec.brokers().size()];
        this.bytesByApp = new long[spec.apps().size()];
        java.util.Arrays.fill(brokerUp, true);
        List<ProvisioningKeySpec> keys = spec.keys();
        keyUsage = new int[keys.size()];
        keyMaxUsage = new int[keys.size()];
        keyNames = new String[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            keyMaxUsage[k] = keys.get(k).maxUsage();
            keyNames[k] = keys.get(k).name();
        }

        List<ConnectorGroupSpec> groupSpecs = spec.groups();
        groups = new ConnectorGroup[groupSpecs.size()];
        int connectorCount = 0;
        for (int g = 0; g < groups.length; g++) {
            ConnectorGroupSpec gs = groupSpecs.get(g);
            groups[g] = new ConnectorGroup(g, gs, keyOf(gs.name()), capacityAfterDoubleEncryption(gs));
            groups[g].upgrades = new UpgradeManager(groups[g], this, scheduler,
                    streams.stream("group/" + gs.name() + "/upgrades"), gs.upgradeDay(), gs.upgradeTimeInSecs(),
                    gs.upgradesEnabled());
            connectorCount += gs.connectors();
        }
        connectors = new Connector[connectorCount];
        mtunnels = new Mtunnels(connectorCount);
        int c = 0;
        for (ConnectorGroup group : groups) {
            int n = groupSpecs.get(group.index).connectors();
            group.members = new int[n];
            for (int i = 0; i < n; i++) {
                connectors[c] = new Connector(c, group, this, scheduler,
                        streams.stream("connector/" + group.name + "/vm-" + (i + 1)));
                group.members[i] = c++;
            }
        }

        List<AppSpec> appSpecs = spec.apps();
        apps = new AppDemand[appSpecs.size()];
        List<List<Integer>> appsOfGroup = new ArrayList<>();
        for (int g = 0; g < groups.length; g++) {
            appsOfGroup.add(new ArrayList<>());
        }
        for (int a = 0; a < apps.length; a++) {
            AppSpec as = appSpecs.get(a);
            int[] appGroups = as.groups().stream().mapToInt(this::groupIndex).toArray();
            apps[a] = new AppDemand(a, as, appGroups, this, scheduler, streams.stream("app/" + as.name()),
                    streams.stream("app/" + as.name() + "/path"));
            for (int g : appGroups) {
                appsOfGroup.get(g).add(a);
            }
        }
        for (int g = 0; g < groups.length; g++) {
            groups[g].apps = appsOfGroup.get(g).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** The vendor's sizing: 500 Mbps falls to 437.5/375/312.5/250 as 25/50/75/100% of apps double-encrypt. */
    private double capacityAfterDoubleEncryption(ConnectorGroupSpec group) {
        int served = 0;
        int doubleEncrypted = 0;
        for (AppSpec app : spec.apps()) {
            if (app.groups().contains(group.name())) {
                served++;
                if (app.doubleEncrypt()) {
                    doubleEncrypted++;
                }
            }
        }
        double share = served == 0 ? 0 : (double) doubleEncrypted / served;
        return group.capacityMbps() * (1 - share / 2);
    }

    private int keyOf(String groupName) {
        for (int k = 0; k < spec.keys().size(); k++) {
            if (spec.keys().get(k).group().equals(groupName)) {
                return k;
            }
        }
        return -1;
    }

    private int groupIndex(String name) {
        for (ConnectorGroup g : groups) {
            if (g.name.equals(name)) {
                return g.index;
            }
        }
        throw new IllegalArgumentException("no group " + name);
    }

    /** Runs the model over a real network (live mode); call before {@link #start()}. */
    public void attach(CloudNetwork realNetwork) {
        this.network = realNetwork;
    }

    CloudNetwork network() {
        return network;
    }

    /** Boots every connector, opens the upgrade windows, starts the demand and the timeline. */
    public void start() {
        for (Connector c : connectors) {
            c.boot();
        }
        for (ConnectorGroup g : groups) {
            g.upgrades.start();
        }
        for (AppDemand a : apps) {
            a.start();
        }
        if (timelineIntervalNs > 0) {
            scheduler.schedule(timelineIntervalNs, this, TICK, 0);
        }
    }

    // ---- what connectors ask of the cloud -----------------------------------------------------

    Connector connector(int index) {
        return connectors[index];
    }

    int brokerCount() {
        return brokerUp.length;
    }

    boolean brokerUp(int broker) {
        return broker >= 0 && brokerUp[broker];
    }

    /** The first reachable broker from {@code preferred} on, or -1. */
    int pickBroker(int preferred) {
        for (int i = 0; i < brokerUp.length; i++) {
            int b = (preferred + i) % brokerUp.length;
            if (brokerUp[b]) {
                return b;
            }
        }
        return -1;
    }

    /** One broker round trip, with +-10% jitter from the caller's stream. */
    long brokerRttNs(RandomStream random) {
        return (long) (brokerRttNs * random.uniform(0.9, 1.1));
    }

    long skewToleranceNs() {
        return spec.skewToleranceNs();
    }

    long timeSyncDelayNs() {
        return spec.timeSyncDelayNs();
    }

    long statusIntervalNs() {
        return spec.statusLogIntervalNs();
    }

    /** Uses the group's key once: the n of {@code <key>-<n>}, or -1 if it is exhausted (or missing). */
    int useKey(ConnectorGroup group) {
        int k = group.keyIndex;
        if (k < 0 || keyUsage[k] >= keyMaxUsage[k]) {
            return -1;
        }
        return ++keyUsage[k];
    }

    // ---- what the real network answers (live mode), on the driver's thread ----------------------

    /** Connector {@code c}'s enrolment: accepted as {@code <key>-<n>} (cause NONE) or refused, and why. */
    public void liveEnrolmentAnswered(int c, int n, Cause cause) {
        int k = connectors[c].group.keyIndex;
        if (cause == Cause.NONE && k >= 0) {
            keyUsage[k] = Math.max(keyUsage[k], n); // the tenant counts uses; n is the count after this one
        }
        connectors[c].liveEnrolmentAnswered(n, cause);
    }

    public void liveConnectAnswered(int c, int broker, Cause cause) {
        connectors[c].liveConnectAnswered(broker, cause);
    }

    public void liveConnectionLost(int c, Cause cause) {
        connectors[c].liveConnectionLost(cause);
    }

    /** A user's mtunnel {@code id} carried its first byte back from the app, through connector {@code c}. */
    public void liveMtunnelEstablished(long id, int c, long setupNs) {
        long[] request = liveRequests.remove(id);
        if (request == null) {
            return;
        }
        AppDemand app = apps[(int) request[0]];
        long now = scheduler.nowNs();
        int slot = mtunnels.open(app.index, c, app.spec.mbps(), request[2], id);
        connectors[c].allocatedMbps += app.spec.mbps();
        app.stickyConnector[(int) request[1]] = c;
        app.stickyUntilNs[(int) request[1]] = now + AppDemand.STICKY_NS;
        liveSlots.put(id, slot);
        established(slot, connectors[c], now);
        // The setup time is the real one, in wall-clock ns: scaling it would measure the pacing, not the path.
        journal.record(now, FleetJournal.MTUNNEL_ESTABLISHED, c, 0, id, setupNs, mtunnels.mbps[slot]);
        mtunnels.pendingEvent[slot] = scheduler.schedule(request[3], this, END, Mtunnels.ticket(slot, id));
    }

    /** A user's mtunnel {@code id} was never established: the broker or connector refused it, with the cause. */
    public void liveMtunnelRefused(long id, Cause cause) {
        long[] request = liveRequests.remove(id);
        if (request == null) {
            return;
        }
        refusedByCause[cause.ordinal()]++;
        journal.record(scheduler.nowNs(), FleetJournal.MTUNNEL_REFUSED, (int) request[0], cause.ordinal(), id, -1,
                apps[(int) request[0]].spec.mbps());
    }

    /** An established mtunnel's connection closed before its user closed it, after carrying {@code bytes}. */
    public void liveMtunnelLost(long id, Cause cause, long bytes) {
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

    // ---- what connectors report ----------------------------------------------------------------

    void enrolled(Connector c) {
        journal.record(scheduler.nowNs(), FleetJournal.ENROLLED, c.index, 0, c.group.keyIndex, c.nameNumber,
                c.certNotAfterNs / 1e9);
    }

    void enrolmentRefused(Connector c, Cause cause) {
        enrolmentRefusedByCause[cause.ordinal()]++;
        journal.record(scheduler.nowNs(), FleetJournal.ENROLL_REFUSED, c.index, cause.ordinal(), 0, 0, 0);
    }

    void connectorStateChanged(Connector c, ConnectorState previous, ConnectorState next, Cause cause) {
        long now = scheduler.nowNs();
        journal.record(now, FleetJournal.CONNECTOR_STATE, c.index, cause.ordinal(), next.ordinal(), c.broker, 0);
        boolean was = previous == ConnectorState.CONNECTED;
        boolean is = next == ConnectorState.CONNECTED;
        if (was == is) {
            return;
        }
        int delta = is ? 1 : -1;
        c.group.availability.change(delta, now);
        for (int a : c.group.apps) {
            if (!c.cannotResolve(a)) {
                appServingChanged(apps[a], delta, now);
            }
        }
    }

    void appReachabilityChanged(Connector c, int app, boolean reachable) {
        long now = scheduler.nowNs();
        journal.record(now, FleetJournal.FAULT, c.index, 0,
                reachable ? FleetJournal.FAULT_DNS_RESTORED : FleetJournal.FAULT_DNS_FAILURE, app, 0);
        if (c.serving()) {
            appServingChanged(apps[app], reachable ? 1 : -1, now);
        }
    }

    private void appServingChanged(AppDemand app, int delta, long now) {
        long downSinceNs = app.availability.downSinceNs();
        int transition = app.availability.change(delta, now);
        if (transition < 0) {
            journal.record(now, FleetJournal.APP_DOWN, app.index, 0, 0, 0, 0);
        } else if (transition > 0) {
            journal.record(now, FleetJournal.APP_UP, app.index, 0, 0, now - downSinceNs, 0);
        }
    }

    void upgradeWindowOpened(ConnectorGroup g, int version) {
        journal.record(scheduler.nowNs(), FleetJournal.UPGRADE_WINDOW_OPENED, g.index, 0, version, 0, 0);
    }

    void upgradeWindowClosed(ConnectorGroup g, int upgraded) {
        journal.record(scheduler.nowNs(), FleetJournal.UPGRADE_WINDOW_CLOSED, g.index, 0, upgraded, 0, 0);
    }

    void upgradeStarted(Connector c, int version) {
        journal.record(scheduler.nowNs(), FleetJournal.UPGRADE_STARTED, c.index, 0, c.group.index, version, 0);
    }

    void upgradeFinished(Connector c, int version, Cause cause) {
        journal.record(scheduler.nowNs(), FleetJournal.UPGRADE_FINISHED, c.index, cause.ordinal(), c.group.index,
                cause == Cause.NONE ? version : c.version, 0);
    }

    void fault(int connector, int faultKind, long detail) {
        journal.record(scheduler.nowNs(), FleetJournal.FAULT, connector, 0, faultKind, detail, 0);
    }

    void status(Connector c) {
        journal.record(scheduler.nowNs(), FleetJournal.STATUS, c.index, c.state.ordinal(), c.certNotAfterNs,
                c.clockOffsetNs, c.version);
    }

    // ---- mtunnels -------------------------------------------------------------------------------

    /**
     * A user of {@code app} opens an mtunnel, to keep it {@code holdNs} once established: the
     * broker picks a connector and sends it a BrkRq.
     */
    void requestMtunnel(AppDemand app, int user, long holdNs) {
        long now = scheduler.nowNs();
        requested++;
        if (network != null) {
            requestLive(app, user, now, holdNs);
            return;
        }
        int chosen = select(app, user, now);
        double mbps = app.spec.mbps();
        if (chosen < 0) {
            Cause cause = Cause.of(-chosen);
            refusedByCause[cause.ordinal()]++;
            journal.record(now, FleetJournal.MTUNNEL_REFUSED, app.index, cause.ordinal(), mtunnels.newId(), -1, mbps);
            return;
        }
        Connector c = connectors[chosen];
        c.allocatedMbps += mbps;
        int slot = mtunnels.open(app.index, chosen, mbps, now);
        mtunnels.holdNs[slot] = holdNs;
        long ticket = Mtunnels.ticket(slot, mtunnels.idOf(slot));
        journal.record(now, FleetJournal.MTUNNEL_REQUESTED, app.index, 0, mtunnels.idOf(slot), chosen, mbps);
        long toConnectorNs = brokerRttNs(app.pathRandom()) / 2 + c.linkExtraRttNs / 2 + POLICY_NS + CA_NS;
        mtunnels.pendingEvent[slot] = scheduler.schedule(toConnectorNs, this, BRKRQ, ticket);
    }

    /**
     * Live: a real client asks a broker for the app, and the real broker picks the connector.
     * The client goes where the cloud would route it: to the broker of the connector the model's
     * selection prefers (the user's sticky one, else one at random that serves), so that broker
     * has a connector of the app's groups; with none serving, to the first broker up, which refuses.
     */
    private void requestLive(AppDemand app, int user, long now, long holdNs) {
        long id = mtunnels.newId();
        journal.record(now, FleetJournal.MTUNNEL_REQUESTED, app.index, 0, id, -1, app.spec.mbps());
        int preferred = select(app, user, now);
        int broker = preferred >= 0 && connectors[preferred].broker >= 0 ? connectors[preferred].broker : pickBroker(0);
        if (broker < 0) {
            refusedByCause[Cause.BROKER_UNREACHABLE.ordinal()]++;
            journal.record(now, FleetJournal.MTUNNEL_REFUSED, app.index, Cause.BROKER_UNREACHABLE.ordinal(), id, -1,
                    app.spec.mbps());
            return;
        }
        liveRequests.put(id, new long[] {app.index, user, now, holdNs});
        network.openMtunnel(app.index, id, broker);
    }

    /**
     * A connector for a new mtunnel: the user's sticky one if it can still serve, else one at
     * random among those of the app's groups that serve, reach the app and have bandwidth left.
     *
     * @return the connector, or minus the ordinal of the cause of refusal
     */
    private int select(AppDemand app, int user, long now) {
        double mbps = app.spec.mbps();
        int sticky = app.stickyConnector[user];
        if (sticky >= 0 && now <= app.stickyUntilNs[user] && candidate(app, connectors[sticky])
                && fits(connectors[sticky], mbps)) {
            app.stickyUntilNs[user] = now + AppDemand.STICKY_NS;
            stickyReused++;
            return sticky;
        }
        int eligible = 0;
        int fitting = 0;
        for (int g : app.groups) {
            for (int c : groups[g].members) {
                if (candidate(app, connectors[c])) {
                    eligible++;
                    if (fits(connectors[c], mbps)) {
                        fitting++;
                    }
                }
            }
        }
        if (fitting == 0) {
            return -(eligible > 0 ? Cause.OVER_CAPACITY : Cause.NO_CONNECTOR_AVAILABLE).ordinal();
        }
        int pick = app.pathRandom().nextInt(fitting);
        for (int g : app.groups) {
            for (int c : groups[g].members) {
                if (candidate(app, connectors[c]) && fits(connectors[c], mbps) && pick-- == 0) {
                    app.stickyConnector[user] = c;
                    app.stickyUntilNs[user] = now + AppDemand.STICKY_NS;
                    return c;
                }
            }
        }
        throw new IllegalStateException("selection lost its candidate");
    }

    /** Serving, and (unless health reporting is off) reported the app reachable. */
    private static boolean candidate(AppDemand app, Connector c) {
        return c.serving() && !(app.brokerKnowsReachability && c.cannotResolve(app.index));
    }

    private static boolean fits(Connector c, double mbps) {
        return c.allocatedMbps + mbps <= c.group.capacityMbps + 1e-9;
    }

    @Override
    public void onEvent(int kind, long arg) {
        if (kind == TICK) {
            journal.record(scheduler.nowNs(), FleetJournal.TICK, 0, 0, 0, 0, 0);
            scheduler.schedule(timelineIntervalNs, this, TICK, 0);
            return;
        }
        if (!mtunnels.live(arg)) {
            return; // broken meanwhile
        }
        int slot = Mtunnels.slotOf(arg);
        Connector c = connectors[mtunnels.connector[slot]];
        AppDemand app = apps[mtunnels.app[slot]];
        long now = scheduler.nowNs();
        switch (kind) {
            case BRKRQ:
                if (c.state == ConnectorState.PAUSED) {
                    refuse(slot, Cause.PAUSED_FOR_UPGRADE);
                } else if (c.cannotResolve(app.index)) {
                    refuse(slot, Cause.APP_UNREACHABLE);
                } else if (c.linkToxic == zenlab.scenario.LinkToxic.STALL) {
                    // The BrkRq never arrives: the broker gives up at its setup timeout.
                    long waitedNs = now - mtunnels.requestedNs[slot];
                    mtunnels.pendingEvent[slot] = scheduler.schedule(Math.max(0, SETUP_TIMEOUT_NS - waitedNs), this,
                            SETUP_TIMEOUT, arg);
                } else {
                    long bindNs = brokerRttNs(app.pathRandom()) * 3 / 2 + c.linkExtraRttNs * 3 / 2 + APP_SETUP_NS;
                    mtunnels.pendingEvent[slot] = scheduler.schedule(bindNs, this, BOUND, arg);
                }
                break;
            case BOUND:
                established(slot, c, now);
                journal.record(now, FleetJournal.MTUNNEL_ESTABLISHED, c.index, 0, mtunnels.id[slot],
                        now - mtunnels.requestedNs[slot], mtunnels.mbps[slot]);
                mtunnels.pendingEvent[slot] = scheduler.schedule(mtunnels.holdNs[slot], this, END, arg);
                break;
            case SETUP_TIMEOUT:
                refuse(slot, Cause.CONNECTION_LOST);
                break;
            default: { // END
                long bytes = close(slot, now);
                freed++;
                journal.record(now, FleetJournal.MTUNNEL_FREED, c.index, 0, mtunnels.id[slot], bytes,
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
    void breakMtunnels(Connector c, Cause cause) {
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

    private void established(int slot, Connector c, long now) {
        established++;
        mtunnels.establishedNs[slot] = now;
        mtunnels.servedAtEstablishedNs[slot] = servedClock(c, now);
        c.carryingMbps += mtunnels.mbps[slot];
    }

    /**
     * Ends an established mtunnel on the user's side and returns the bytes it carried: the real
     * client's count in live mode, else its Mbps over the time its connector's link served it.
     */
    private long close(int slot, long now) {
        long bytes;
        if (network != null) {
            liveSlots.remove(mtunnels.id[slot]);
            bytes = network.closeMtunnel(mtunnels.id[slot]);
        } else {
            long servedNs = servedClock(connectors[mtunnels.connector[slot]], now) - mtunnels.servedAtEstablishedNs[slot];
            bytes = (long) (mtunnels.mbps[slot] * 125_000.0 * (servedNs / 1e9));
        }
        ended(slot, bytes);
        return bytes;
    }

    private void ended(int slot, long bytes) {
        bytesByApp[mtunnels.app[slot]] += bytes;
    }

    /**
     * Connector {@code c}'s served clock, advanced to {@code now}: by the time passed while its
     * link carries all its mtunnels ask, by the limit's share of it while a bandwidth limit
     * holds them back. Call before anything changes what it carries or its limit.
     */
    private static long servedClock(Connector c, long now) {
        long elapsedNs = now - c.servedClockAtNs;
        if (elapsedNs > 0) {
            c.servedClockNs += c.carryingMbps <= c.linkLimitMbps ? elapsedNs
                    : (long) (elapsedNs * (c.linkLimitMbps / c.carryingMbps));
            c.servedClockAtNs = now;
        }
        return c.servedClockNs;
    }

    private void release(int slot) {
        Connector c = connectors[mtunnels.connector[slot]];
        c.allocatedMbps -= mtunnels.mbps[slot];
        if (mtunnels.establishedNs[slot] >= 0) {
            servedClock(c, scheduler.nowNs());
            c.carryingMbps -= mtunnels.mbps[slot];
        }
        mtunnels.close(slot);
    }

    // ---- what faults do ------------------------------------------------------------------------

    /**
     * The connector now called {@code name} ({@code <key>-<n>}); before it has enrolled, the
     * VM that will: the n-th of the key's group, as enrolment numbers them. -1 if none.
     */
    public int connectorNamed(String name) {
        for (Connector c : connectors) {
            if (c.enrolled && c.group.keyIndex >= 0 && name.equals(keyNames[c.group.keyIndex] + "-" + c.nameNumber)) {
                return c.index;
            }
        }
        for (ConnectorGroup g : groups) {
            if (g.keyIndex < 0 || !name.startsWith(keyNames[g.keyIndex] + "-")) {
                continue;
            }
            String number = name.substring(keyNames[g.keyIndex].length() + 1);
            if (number.matches("[1-9][0-9]{0,8}")) {
                int n = Integer.parseInt(number);
                if (n <= g.members.length && !connectors[g.members[n - 1]].enrolled
                        && connectors[g.members[n - 1]].nameNumber == 0) {
                    return g.members[n - 1];
                }
            }
        }
        return -1;
    }

    public int brokerIndex(String name) {
        for (int b = 0; b < spec.brokers().size(); b++) {
            if (spec.brokers().get(b).name().equals(name)) {
                return b;
            }
        }
        return -1;
    }

    public int groupNamed(String name) {
        return groupIndex(name);
    }

    public void macChange(int connector, long reprovisionAfterNs) {
        fault(connector, FleetJournal.FAULT_MAC_CHANGE, 0);
        connectors[connector].macChanged(reprovisionAfterNs);
    }

    public void clockSkew(int connector, long offsetNs) {
        fault(connector, FleetJournal.FAULT_CLOCK_SKEW, offsetNs);
        connectors[connector].clockSkewed(offsetNs);
    }

    public void crash(int connector) {
        fault(connector, FleetJournal.FAULT_CRASH, 0);
        connectors[connector].crash();
    }

    public void brokerAvailable(int broker, boolean up) {
        if (network != null) {
            network.brokerAvailable(broker, up);
        }
        brokerUp[broker] = up;
        journal.record(scheduler.nowNs(), up ? FleetJournal.BROKER_UP : FleetJournal.BROKER_DOWN, broker, 0, 0, 0, 0);
        if (!up) {
            for (Connector c : connectors) {
                if (c.broker == broker) {
                    c.brokerLost(Cause.BROKER_UNREACHABLE);
                }
            }
        }
    }

    public void brokerRedirect(int broker) {
        for (Connector c : connectors) {
            if (c.broker == broker) {
                c.brokerLost(Cause.REDIRECTED);
            }
        }
    }

    public void sslInspection(int group, boolean inspected) {
        groups[group].sslInspected = inspected;
        if (network != null) {
            network.sslInspection(group, inspected);
        }
        fault(-1, inspected ? FleetJournal.FAULT_SSL_INSPECTION : FleetJournal.FAULT_SSL_INSPECTION_OVER, group);
        for (int c : groups[group].members) {
            connectors[c].sslInspectionChanged(inspected);
        }
    }

    /**
     * Connector {@code c}'s link to the brokers degrades, or heals ({@code toxic} null); a
     * bandwidth limit of {@code rateMbps} towards the connector shares itself out among its mtunnels.
     */
    public void linkFault(int c, zenlab.scenario.LinkToxic toxic, long latencyNs, long jitterNs, double rateMbps) {
        boolean limited = toxic == zenlab.scenario.LinkToxic.BANDWIDTH;
        journal.record(scheduler.nowNs(), FleetJournal.FAULT, c, 0,
                toxic == null ? FleetJournal.FAULT_LINK_HEALED : FleetJournal.FAULT_LINK,
                toxic == null ? 0 : toxic.ordinal(), limited ? rateMbps : 0);
        if (network != null) {
            network.link(c, toxic, latencyNs, jitterNs, rateMbps);
        }
        servedClock(connectors[c], scheduler.nowNs());
        connectors[c].linkLimitMbps = limited ? rateMbps : Double.POSITIVE_INFINITY;
        connectors[c].linkChanged(toxic, latencyNs);
    }

    public void dnsFailure(int connector, String host, boolean failed) {
        for (AppDemand app : apps) {
            if (app.spec.host().equals(host)) {
                connectors[connector].dnsChanged(app.index, failed);
            }
        }
    }

    // ---- figures for the summary ----------------------------------------------------------------

    public int connectorCount() {
        return connectors.length;
    }

    public ConnectorView connectorView(int index) {
        Connector c = connectors[index];
        return new ConnectorView(c.group.name, c.enrolled || c.nameNumber > 0, c.state, c.lastCause, c.upgrades,
                c.version, c.certNotAfterNs, c.clockOffsetNs);
    }

    public int groupCount() {
        return groups.length;
    }

    public String groupName(int g) {
        return groups[g].name;
    }

    public int groupSize(int g) {
        return groups[g].members.length;
    }

    public double groupCapacityMbps(int g) {
        return groups[g].capacityMbps;
    }

    public Availability groupAvailability(int g) {
        return groups[g].availability;
    }

    public int appCount() {
        return apps.length;
    }

    public String appName(int a) {
        return apps[a].spec.name();
    }

    public Availability appAvailability(int a) {
        return apps[a].availability;
    }

    public String keyName(int k) {
        return keyNames[k];
    }

    public int keyCount() {
        return keyNames.length;
    }

    public int keyUsage(int k) {
        return keyUsage[k];
    }

    public int keyMaxUsage(int k) {
        return keyMaxUsage[k];
    }

    public long mtunnelsRequested() {
        return requested;
    }

    /** Requests served by the connector their user used within the last 30 minutes. */
    public long mtunnelsStickyReused() {
        return stickyReused;
    }

    /** Upgrade windows opened, upgrades done and upgrades failed in a group. */
    public int[] groupUpgrades(int g) {
        UpgradeManager u = groups[g].upgrades;
        return new int[] {u.windows, u.upgraded, u.failed};
    }

    public long mtunnelsEstablished() {
        return established;
    }

    public long mtunnelsFreed() {
        return freed;
    }

    /** Bytes carried by the mtunnels of app {@code a} that ended, freed or broken. */
    public long bytesCarried(int a) {
        return bytesByApp[a];
    }

    public long refused(Cause cause) {
        return refusedByCause[cause.ordinal()];
    }

    public long broken(Cause cause) {
        return brokenByCause[cause.ordinal()];
    }

    public long enrolmentRefused(Cause cause) {
        return enrolmentRefusedByCause[cause.ordinal()];
    }
}
