package zenlab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import zenlab.kernel.EventHandler;
import zenlab.kernel.Journal;
import zenlab.kernel.RandomDraws;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Scheduler;
import zenlab.scenario.AppSpec;
import zenlab.scenario.ConnectorGroupSpec;
import zenlab.scenario.FleetSection;

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

    /** Fleet's one event: the timeline's sampling tick (mtunnels' events are MtunnelRouter's). */
    private static final int TICK = 4;

    private final Scheduler scheduler;
    /** The timeline's ticks are posted: never cancelled. */
    private final int handlerId;
    private final Journal journal;
    private final FleetSection spec;
    private final Connector[] connectors;
    private final ConnectorGroup[] groups;
    /** Each app's availability, by app index (its spec is spec.apps()'s at the same index). */
    private final Availability[] appAvailability;
    private final Demand demand;
    private final ConnectorLinks links;
    private final boolean[] brokerUp;
    private final ProvisioningKeys keys;
    private final MtunnelRouter router;
    private final long brokerRttNs;
    private final long timelineIntervalNs;

    private final long[] enrolmentRefusedByCause = new long[Cause.values().length];
    /** The real network in live mode; null in virtual mode. */
    private CloudNetwork network;

    public Fleet(FleetSection spec, Scheduler scheduler, RandomStreams streams, Journal journal) {
        this.spec = spec;
        this.scheduler = scheduler;
        this.handlerId = scheduler.register(this);
        this.journal = journal;
        this.brokerRttNs = spec.brokerRttNs();
        this.timelineIntervalNs = spec.timelineIntervalNs();
        this.brokerUp = new boolean[spec.brokers().size()];
        Arrays.fill(brokerUp, true);
        keys = new ProvisioningKeys(spec.keys());

        List<ConnectorGroupSpec> groupSpecs = spec.groups();
        groups = new ConnectorGroup[groupSpecs.size()];
        int connectorCount = 0;
        for (int g = 0; g < groups.length; g++) {
            ConnectorGroupSpec gs = groupSpecs.get(g);
            groups[g] = new ConnectorGroup(g, gs, keys.ofGroup(gs.name()), capacityAfterDoubleEncryption(gs));
            groups[g].upgrades = new UpgradeManager(groups[g], this, scheduler,
                    streams.stream("group/" + gs.name() + "/upgrades"), gs.upgradeDay(), gs.upgradeTimeInSecs(),
                    gs.upgradesEnabled());
            connectorCount += gs.connectors();
        }
        connectors = new Connector[connectorCount];
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
        appAvailability = new Availability[appSpecs.size()];
        int[][] candidatesByApp = new int[appSpecs.size()][];
        List<List<Integer>> appsOfGroup = new ArrayList<>();
        for (int g = 0; g < groups.length; g++) {
            appsOfGroup.add(new ArrayList<>());
        }
        for (int a = 0; a < appSpecs.size(); a++) {
            AppSpec as = appSpecs.get(a);
            appAvailability[a] = new Availability();
            int[] appGroups = as.groups().stream().mapToInt(this::groupIndex).toArray();
            candidatesByApp[a] = Arrays.stream(appGroups).flatMap(g -> Arrays.stream(groups[g].members)).toArray();
            for (int g : appGroups) {
                appsOfGroup.get(g).add(a);
            }
        }
        for (int g = 0; g < groups.length; g++) {
            groups[g].apps = appsOfGroup.get(g).stream().mapToInt(Integer::intValue).toArray();
        }
        demand = new Demand(appSpecs, candidatesByApp, this, scheduler, streams);
        links = new ConnectorLinks(connectors.length);
        router = new MtunnelRouter(this, scheduler, journal, connectors, demand, links);
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
        demand.start();
        if (timelineIntervalNs > 0) {
            scheduler.post(timelineIntervalNs, handlerId, TICK, 0);
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
    long brokerRttNs(RandomDraws random) {
        return (long) (brokerRttNs * random.uniform(0.9, 1.1));
    }

    /** What a latency toxic on connector {@code c}'s link adds to each round trip to a broker, ns. */
    long linkExtraRttNs(int c) {
        return links.extraRttNs(c);
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
        return keys.use(group.keyIndex);
    }

    // ---- what the real network answers (live mode), on the driver's thread ----------------------

    /** Connector {@code c}'s enrolment: accepted as {@code <key>-<n>} (cause NONE) or refused, and why. */
    public void liveEnrolmentAnswered(int c, int n, Cause cause) {
        if (cause == Cause.NONE) {
            keys.usedUpTo(connectors[c].group.keyIndex, n);
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
        router.liveEstablished(id, c, setupNs);
    }

    /** A user's mtunnel {@code id} was never established: the broker or connector refused it, with the cause. */
    public void liveMtunnelRefused(long id, Cause cause) {
        router.liveRefused(id, cause);
    }

    /** An established mtunnel's connection closed before its user closed it, after carrying {@code bytes}. */
    public void liveMtunnelLost(long id, Cause cause, long bytes) {
        router.liveLost(id, cause, bytes);
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
        router.connectorStateChanged(c, next);
        boolean was = previous == ConnectorState.CONNECTED;
        boolean is = next == ConnectorState.CONNECTED;
        if (was == is) {
            return;
        }
        int delta = is ? 1 : -1;
        c.group.availability.change(delta, now);
        for (int a : c.group.apps) {
            if (!c.cannotResolve(a)) {
                appServingChanged(a, delta, now);
            }
        }
    }

    void appReachabilityChanged(Connector c, int app, boolean reachable) {
        long now = scheduler.nowNs();
        journal.record(now, FleetJournal.FAULT, c.index, 0,
                reachable ? FleetJournal.FAULT_DNS_RESTORED : FleetJournal.FAULT_DNS_FAILURE, app, 0);
        router.dnsFailuresChanged(c);
        if (c.serving()) {
            appServingChanged(app, reachable ? 1 : -1, now);
        }
    }

    private void appServingChanged(int app, int delta, long now) {
        Availability availability = appAvailability[app];
        long downSinceNs = availability.downSinceNs();
        int transition = availability.change(delta, now);
        if (transition < 0) {
            journal.record(now, FleetJournal.APP_DOWN, app, 0, 0, 0, 0);
        } else if (transition > 0) {
            journal.record(now, FleetJournal.APP_UP, app, 0, 0, now - downSinceNs, 0);
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

    // ---- mtunnels: routed by the broker side, MtunnelRouter --------------------------------------

    /** A user of {@code app} opens an mtunnel, to keep it {@code holdNs} once established. */
    void requestMtunnel(int app, int user, long holdNs) {
        router.request(app, user, holdNs);
    }

    /** Ends every mtunnel of a connector whose connection is gone, with the cause. */
    void breakMtunnels(Connector c, Cause cause) {
        router.breakAll(c, cause);
    }

    @Override
    public void onEvent(int kind, long arg) { // TICK: the timeline's sampling clock
        journal.record(scheduler.nowNs(), FleetJournal.TICK, 0, 0, 0, 0, 0);
        scheduler.post(timelineIntervalNs, handlerId, TICK, 0);
    }

    // ---- what faults do ------------------------------------------------------------------------

    /**
     * The connector now called {@code name} ({@code <key>-<n>}); before it has enrolled, the
     * VM that will: the n-th of the key's group, as enrolment numbers them. -1 if none.
     */
    public int connectorNamed(String name) {
        for (Connector c : connectors) {
            if (c.enrolled && c.group.keyIndex >= 0 && name.equals(keys.name(c.group.keyIndex) + "-" + c.nameNumber)) {
                return c.index;
            }
        }
        for (ConnectorGroup g : groups) {
            if (g.keyIndex < 0 || !name.startsWith(keys.name(g.keyIndex) + "-")) {
                continue;
            }
            String number = name.substring(keys.name(g.keyIndex).length() + 1);
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
        links.limit(c, limited ? rateMbps : Double.POSITIVE_INFINITY, scheduler.nowNs());
        links.extraRttNs(c, toxic == zenlab.scenario.LinkToxic.LATENCY ? 2 * latencyNs : 0);
        router.linkChanged(connectors[c], toxic);
        connectors[c].linkChanged(toxic);
    }

    public void dnsFailure(int connector, String host, boolean failed) {
        for (int app = 0; app < appAvailability.length; app++) {
            if (spec.apps().get(app).host().equals(host)) {
                connectors[connector].dnsChanged(app, failed);
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
        return appAvailability.length;
    }

    public String appName(int a) {
        return spec.apps().get(a).name();
    }

    public Availability appAvailability(int a) {
        return appAvailability[a];
    }

    public String keyName(int k) {
        return keys.name(k);
    }

    public int keyCount() {
        return keys.count();
    }

    public int keyUsage(int k) {
        return keys.usage(k);
    }

    public int keyMaxUsage(int k) {
        return keys.maxUsage(k);
    }

    public long mtunnelsRequested() {
        return router.requested();
    }

    /** Requests served by the connector their user used within the last 30 minutes. */
    public long mtunnelsStickyReused() {
        return router.stickyReused();
    }

    /** Upgrade windows opened, upgrades done and upgrades failed in a group. */
    public int[] groupUpgrades(int g) {
        UpgradeManager u = groups[g].upgrades;
        return new int[] {u.windows, u.upgraded, u.failed};
    }

    public long mtunnelsEstablished() {
        return router.established();
    }

    public long mtunnelsFreed() {
        return router.freed();
    }

    /** Bytes carried by the mtunnels of app {@code a} that ended, freed or broken. */
    public long bytesCarried(int a) {
        return router.bytesCarried(a);
    }

    public long refused(Cause cause) {
        return router.refused(cause);
    }

    public long broken(Cause cause) {
        return router.broken(cause);
    }

    public long enrolmentRefused(Cause cause) {
        return enrolmentRefusedByCause[cause.ordinal()];
    }
}
