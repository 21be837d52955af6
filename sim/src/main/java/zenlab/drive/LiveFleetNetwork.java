package zenlab.drive;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import zenlab.model.Cause;
import zenlab.model.CloudNetwork;
import zenlab.model.Fleet;
import zenlab.net.CountingNetEvents;
import zenlab.net.NetFailure;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.net.app.AppServer;
import zenlab.net.broker.Broker;
import zenlab.net.broker.BrokerSettings;
import zenlab.net.broker.EnrolmentService;
import zenlab.net.broker.Tenant;
import zenlab.net.connector.AdjustableClock;
import zenlab.net.connector.Connector;
import zenlab.net.connector.ConnectorSettings;
import zenlab.net.fault.InspectingProxy;
import zenlab.net.fault.LinkProxy;
import zenlab.net.pki.LabPki;
import zenlab.net.pki.ProvisioningKey;
import zenlab.scenario.AppSpec;
import zenlab.scenario.ConnectorGroupSpec;
import zenlab.scenario.FleetSection;
import zenlab.scenario.LoopbackAddress;
import zenlab.scenario.ProvisioningKeySpec;

/**
 * A fleet's real network for a live run: the lab's CAs and tenant, the enrolment service, a
 * broker per scenario broker (with a client port per app), the apps' servers, a real connector
 * per modelled one, an SSL-inspecting proxy per broker (and one before the enrolment service)
 * once a group is inspected, and the users' clients. It does
 * what the model asks ({@link CloudNetwork}) on real sockets and posts each answer back to the
 * driver's thread with {@code post}, where the model takes it.
 */
final class LiveFleetNetwork implements CloudNetwork, AutoCloseable {

    private final FleetSection spec;
    private final Fleet fleet;
    private final Consumer<Runnable> post;
    private final TlsProvider provider;
    private final Transport transport;
    private final EventLoopGroup loops;
    private final CountingNetEvents events;
    /** Off while the network warms up, so its throwaway handshakes are not counted. */
    private volatile boolean counting;
    private final LabPki pki;
    private final Tenant tenant;
    private final Broker[] brokers;
    private EnrolmentService enrolment;
    /** The index of the enrolment service among a connector's paths, after the brokers'. */
    private final int enrolPath;
    private final int[] brokerPorts;
    /** clientPorts[b][a]: where users reach app a at broker b. */
    private final InetSocketAddress[][] clientPorts;
    /** proxies[b]: the inspecting proxy before broker b, or at [enrolPath] before the enrolment service. */
    private final InspectingProxy[] proxies;
    /**
     * linkProxies[c][b]: connector c's path to broker b (or the enrolment service), where link
     * faults act; only when the scenario has link faults, since each costs a listening socket
     * and a hop of two more sockets per connection, which a fleet of hundreds feels.
     */
    private final LinkProxy[][] linkProxies;
    private final long handshakeTimeoutMs;
    private final long idleTimeoutMs;
    private final long setupTimeoutMs;
    private final boolean[] inspected;
    /** Written after inspected, proxies or brokerPorts change; read first by link proxies' event loops. */
    private volatile int pathsVersion;
    private final List<AppServer> appServers = new ArrayList<>();
    private final InetSocketAddress[] appAddresses;
    private final Connector[] connectors;
    private final AdjustableClock[] clocks;
    private final int[] groupOf;
    private final ProvisioningKey[] keyOfGroup;
    /** Bumped by each disconnect: answers to an older attempt are dropped. Driver thread only. */
    private final int[] generation;
    private final Map<String, Integer> connectorByName = new ConcurrentHashMap<>();
    private final SplittableRandom macs;
    /** The users' clients, one per mtunnel asked of the network. */
    private final LiveUsers users;
    private final double timeScale;
    /** Live metrics, or null without --metrics. */
    private final zenlab.metrics.LabMetrics metrics;

    private LiveFleetNetwork(FleetSection spec, Fleet fleet, Consumer<Runnable> post, TlsProvider provider,
                             Transport transport, long seed, double timeScale, zenlab.metrics.LabMetrics metrics) {
        this.spec = spec;
        this.fleet = fleet;
        this.post = post;
        this.provider = provider;
        this.transport = transport;
        this.loops = transport.group(Math.max(2, Runtime.getRuntime().availableProcessors()), "zenlab-live");
        this.metrics = metrics;
        this.events = new CountingNetEvents(metrics == null ? zenlab.net.NetEvents.NONE
                : metrics.netEvents(zenlab.net.NetEvents.NONE, false,
                        spec.brokers().stream().map(b -> b.name()).collect(java.util.stream.Collectors.toSet()),
                        EnrolmentService.HOST));
        this.pki = LabPki.create(Clock.systemUTC().instant());
        this.tenant = new Tenant(pki, Clock.systemUTC());
        this.brokers = new Broker[spec.brokers().size()];
        this.brokerPorts = new int[brokers.length];
        this.clientPorts = new InetSocketAddress[brokers.length][spec.apps().size()];
        this.enrolPath = brokers.length;
        this.proxies = new InspectingProxy[brokers.length + 1];
        this.inspected = new boolean[spec.groups().size()];
        this.appAddresses = new InetSocketAddress[spec.apps().size()];
        this.keyOfGroup = new ProvisioningKey[spec.groups().size()];
        this.groupOf = new int[fleet.connectorCount()];
        this.connectors = new Connector[fleet.connectorCount()];
        this.clocks = new AdjustableClock[fleet.connectorCount()];
        this.generation = new int[fleet.connectorCount()];
        this.macs = new SplittableRandom(seed);
        this.timeScale = timeScale;
        this.linkProxies = spec.faults().stream().anyMatch(f -> f instanceof zenlab.scenario.FaultSpec.LinkFault)
                ? new LinkProxy[fleet.connectorCount()][brokers.length + 1] : null;
        // The real timeouts stand for the model's simulated ones, so they run time_scale times
        // faster; floors keep a loaded machine's pauses from cutting healthy connections.
        this.handshakeTimeoutMs = scaledMs(10_000, timeScale, 1_000);
        this.idleTimeoutMs = scaledMs(30_000, timeScale, 2_000);
        this.setupTimeoutMs = scaledMs(10_000, timeScale, 1_000);
        this.users = new LiveUsers(spec, fleet, post, loops, transport, timeScale, clientPorts, connectorByName);
    }

    private static long scaledMs(long simulatedMs, double timeScale, long floorMs) {
        return Math.max(floorMs, Math.round(simulatedMs / timeScale));
    }

    /** Starts brokers, apps and (not yet enrolled) connectors for {@code fleet}; the model then drives them. */
    static LiveFleetNetwork start(FleetSection spec, Fleet fleet, Path scenarioDir, Consumer<Runnable> post,
                                  TlsProvider provider, Transport transport, long seed, double timeScale,
                                  zenlab.metrics.LabMetrics metrics)
            throws IOException {
        LiveFleetNetwork net = new LiveFleetNetwork(spec, fleet, post, provider, transport, seed, timeScale, metrics);
        try {
            net.startAll(scenarioDir);
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            net.close();
            throw new IOException("interrupted while starting the live network", e);
        }
        return net;
    }

    private void startAll(Path scenarioDir) throws IOException, InterruptedException {
        SecureRandom random = new SecureRandom();
        List<ProvisioningKeySpec> keys = spec.keys();
        for (ProvisioningKeySpec k : keys) {
            ProvisioningKey key = new ProvisioningKey(k.value() != null ? k.value()
                    : "1|enroll.zenlab.local|" + Base64.getEncoder().encodeToString(random.generateSeed(24)));
            tenant.addKey(k.name(), key, k.maxUsage(), k.group());
            int g = groupIndex(k.group());
            if (g >= 0 && keyOfGroup[g] == null) {
                keyOfGroup[g] = key;
            }
        }
        for (AppSpec app : spec.apps()) {
            tenant.addApp(app.name(), app.groups());
        }
        for (int a = 0; a < spec.apps().size(); a++) {
            AppSpec app = spec.apps().get(a);
            if (app.live().address() != null) {
                appAddresses[a] = LoopbackAddress.parse(app.live().address());
            } else {
                Path files = app.live().files() == null ? scenarioDir : scenarioDir.resolve(app.live().files());
                AppServer server = AppServer.start(AppServer.Kind.valueOf(app.live().server().toUpperCase()), transport,
                        loops, 0, files);
                appServers.add(server);
                appAddresses[a] = server.address();
            }
        }
        enrolment = new EnrolmentService(EnrolmentService.HOST, tenant,
                pki.brokerIdentity(EnrolmentService.HOST, Clock.systemUTC().instant()), provider,
                new BrokerSettings(handshakeTimeoutMs, idleTimeoutMs, BrokerSettings.defaults().clientStallMs(), setupTimeoutMs),
                transport, loops, this::countedEvent);
        enrolment.start(0);
        for (int b = 0; b < brokers.length; b++) {
            startBroker(b, 0);
        }
        warmUp();
        int c = 0;
        for (int g = 0; g < spec.groups().size(); g++) {
            ConnectorGroupSpec group = spec.groups().get(g);
            Map<String, InetSocketAddress> reachable = new HashMap<>();
            for (int a = 0; a < spec.apps().size(); a++) {
                if (spec.apps().get(a).groups().contains(group.name())) {
                    reachable.put(spec.apps().get(a).name(), appAddresses[a]);
                }
            }
            for (int i = 1; i <= group.connectors(); i++, c++) {
                clocks[c] = new AdjustableClock();
                groupOf[c] = g;
                ConnectorSettings settings = ConnectorSettings.of(group.name() + "-vm-" + i, newMac())
                        .withProvider(provider).withClock(clocks[c]).withTimeouts(handshakeTimeoutMs, idleTimeoutMs);
                connectors[c] = new Connector(settings, reachable, pki.cloudRootCertificate(), transport, loops, events);
                int index = c;
                connectors[c].onConnectionLost(cause -> post.accept(() -> fleet.liveConnectionLost(index, cause)));
                for (int b = 0; linkProxies != null && b <= brokers.length; b++) {
                    int broker = b;
                    linkProxies[c][b] = new LinkProxy(() -> directOrInspected(broker, index), transport, loops,
                            macs.nextLong());
                }
            }
        }
    }

    private void startBroker(int b, int port) throws IOException, InterruptedException {
        String name = spec.brokers().get(b).name();
        Broker broker = new Broker(name, tenant, pki.brokerIdentity(name, Clock.systemUTC().instant()), provider,
                new BrokerSettings(handshakeTimeoutMs, idleTimeoutMs, BrokerSettings.defaults().clientStallMs(), setupTimeoutMs),
                transport, loops, this::countedEvent);
        brokerPorts[b] = broker.start(port).getPort();
        for (int a = 0; a < spec.apps().size(); a++) {
            InetSocketAddress previous = clientPorts[b][a];
            clientPorts[b][a] = broker.openClientPort(spec.apps().get(a).name(), previous == null ? 0 : previous.getPort());
        }
        broker.observeMtunnels(users.observer());
        if (metrics != null) {
            broker.meterMtunnels(metrics.brokerMeter(false)); // bytes; the model's journal counts the mtunnels
        }
        brokers[b] = broker;
        pathsVersion++;
    }

    private void countedEvent(zenlab.net.NetEvents.Kind kind, String actor, Cause cause, String detail, long valueNs) {
        if (counting) {
            events.record(kind, actor, cause, detail, valueNs);
        }
    }

    /**
     * A throwaway connector enrols (with a key of its own, for a group no app uses) and connects
     * to every broker a few times before the run's clock starts: it loads the TLS engine, the
     * certificate code and the JIT's first compilations, which would otherwise cost the run's
     * first enrolments and handshakes hundreds of milliseconds, multiplied by time_scale.
     */
    private void warmUp() throws InterruptedException {
        ProvisioningKey warmUpKey = new ProvisioningKey("1|enroll.zenlab.local|warm-up-" + new SecureRandom().nextLong());
        tenant.addKey("zenlab-warm-up", warmUpKey, 1, "zenlab-warm-up");
        Connector probe = new Connector(ConnectorSettings.of("warm-up", newMac()).withProvider(provider), Map.of(),
                pki.cloudRootCertificate(), transport, loops, zenlab.net.NetEvents.NONE);
        try {
            probe.enrol(enrolment.address(), enrolment.name(), warmUpKey)
                    .get(10, TimeUnit.SECONDS);
            for (int round = 0; round < 3; round++) {
                for (int b = 0; b < brokers.length; b++) {
                    probe.connect(new InetSocketAddress("127.0.0.1", brokerPorts[b]), spec.brokers().get(b).name())
                            .get(10, TimeUnit.SECONDS);
                    probe.close();
                }
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the live network does not work: a warm-up connector could not connect: "
                    + causeOf(e), e);
        } finally {
            probe.close();
        }
        counting = true;
    }

    private int groupIndex(String name) {
        for (int g = 0; g < spec.groups().size(); g++) {
            if (spec.groups().get(g).name().equals(name)) {
                return g;
            }
        }
        return -1;
    }

    private String newMac() {
        return String.format("02:00:%02x:%02x:%02x:%02x", macs.nextInt(256), macs.nextInt(256), macs.nextInt(256),
                macs.nextInt(256));
    }

    /** Where connector c dials broker b (or the enrolment service): through its link, if link faults may act on it. */
    private InetSocketAddress pathTo(int b, int connector) {
        return linkProxies != null ? linkProxies[connector][b].address() : directOrInspected(b, connector);
    }

    /**
     * Where connector c's link to broker b (or to the enrolment service, b = enrolPath) leads now:
     * the service itself, or the inspecting proxy in front of it.
     */
    private InetSocketAddress directOrInspected(int b, int connector) {
        int seen = pathsVersion; // a volatile read: the driver thread's writes before its last write are visible
        InspectingProxy proxy = proxies[b];
        if (inspected[groupOf[connector]] && proxy != null) {
            return proxy.address();
        }
        return b == enrolPath ? enrolment.address() : new InetSocketAddress("127.0.0.1", brokerPorts[b]);
    }

    private static Cause causeOf(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof NetFailure f ? f.failureCause() : Cause.CONNECTION_LOST;
    }

    // ---- what the model asks ---------------------------------------------------------------------

    /**
     * Enrolments go one at a time, in the order the model asks for them, so key uses (and so the
     * names {@code <key>-<n>}) follow the VMs' order as in a virtual run, instead of whichever TLS
     * handshake happens to finish first. Driver thread only.
     */
    private final java.util.ArrayDeque<int[]> enrolments = new java.util.ArrayDeque<>();
    private boolean enrolling;

    /**
     * The fleet's start: true from the network's start until the enrolments and connections the
     * model asked for at time zero (and those their answers led to) have all been answered.
     * Driver thread only; the pacer holds the clock at zero meanwhile.
     */
    private boolean starting = true;
    /** Requests of the start not yet answered. */
    private int startRequests;

    boolean startUnderWay() {
        if (starting && startRequests == 0) {
            starting = false;
        }
        return starting;
    }

    /** Counts a request if it belongs to the start; {@return whether it did}. */
    private boolean countedInStart() {
        if (starting) {
            startRequests++;
        }
        return starting;
    }

    private void answeredInStart(boolean counted) {
        if (counted) {
            startRequests--;
        }
    }

    @Override
    public void enrol(int c, int b) {
        enrolments.add(new int[] {c, b, countedInStart() ? 1 : 0});
        if (!enrolling) {
            nextEnrolment();
        }
    }

    private void nextEnrolment() {
        int[] next = enrolments.poll();
        enrolling = next != null;
        if (next == null) {
            return;
        }
        int c = next[0];
        boolean inStart = next[2] == 1;
        ProvisioningKey key = keyOfGroup[groupOf[c]];
        if (key == null) {
            post.accept(() -> { // no key: what the model says
                fleet.liveEnrolmentAnswered(c, -1, Cause.KEY_EXHAUSTED);
                answeredInStart(inStart);
                nextEnrolment();
            });
            return;
        }
        int attempt = generation[c];
        // The model picked broker b; the real cloud enrols at its own service, whichever broker is up.
        connectors[c].enrol(pathTo(enrolPath, c), enrolment.name(), key).whenComplete((name, failure) -> post.accept(() -> {
            if (attempt == generation[c] && failure != null) {
                fleet.liveEnrolmentAnswered(c, -1, causeOf(failure));
            } else if (attempt == generation[c]) {
                connectorByName.put(name, c);
                fleet.liveEnrolmentAnswered(c, Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)), Cause.NONE);
            }
            answeredInStart(inStart); // after the model took it: the connect it asks for counts first
            nextEnrolment();
        }));
    }

    @Override
    public void connect(int c, int b) {
        int attempt = generation[c];
        boolean inStart = countedInStart();
        connectors[c].connect(pathTo(b, c), spec.brokers().get(b).name()).whenComplete((ok, failure) -> post.accept(() -> {
            if (attempt == generation[c]) {
                if (failure == null) {
                    // A new session starts with every app reachable: tell the broker what is not.
                    unresolvable.getOrDefault(c, java.util.Set.of()).forEach(a -> reportHealth(c, a, false));
                }
                fleet.liveConnectAnswered(c, b, failure == null ? Cause.NONE : causeOf(failure));
            }
            answeredInStart(inStart);
        }));
    }

    @Override
    public void disconnect(int c) {
        generation[c]++;
        connectors[c].close();
    }

    @Override
    public void pause(int c) {
        connectors[c].pause();
    }

    @Override
    public void macChanged(int c) {
        connectors[c].changeMacAddress(newMac());
    }

    @Override
    public void clockOffset(int c, long offsetNs) {
        clocks[c].setOffsetNs(offsetNs);
    }

    @Override
    public void sslInspection(int group, boolean on) {
        for (int b = 0; on && b <= brokers.length; b++) {
            if (proxies[b] == null) {
                try {
                    proxies[b] = b == enrolPath
                            ? new InspectingProxy(enrolment.name(), enrolment.address(), provider, transport, loops)
                            : new InspectingProxy(spec.brokers().get(b).name(),
                            new InetSocketAddress("127.0.0.1", brokerPorts[b]), provider, transport, loops);
                } catch (javax.net.ssl.SSLException e) {
                    throw new IllegalStateException("cannot start the inspecting proxy: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
        inspected[group] = on;
        pathsVersion++;
    }

    @Override
    public void link(int c, zenlab.scenario.LinkToxic toxic, long latencyNs, long jitterNs, double rateMbps) {
        for (LinkProxy link : linkProxies[c]) {
            link.toxic(toxic, latencyNs, jitterNs, rateMbps * 125_000.0 * timeScale);
        }
    }

    @Override
    public void brokerAvailable(int b, boolean up) {
        if (!up) {
            if (brokers[b] != null) {
                brokers[b].close(); // stops listening and drops every connection: peers see resets
                brokers[b] = null;
            }
            return;
        }
        if (brokers[b] == null) {
            try {
                startBroker(b, brokerPorts[b]); // back on its old port, where connectors and proxies look for it
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot restart broker " + spec.brokers().get(b).name() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Apps each connector cannot resolve now, by index; driver thread only. */
    private final Map<Integer, java.util.Set<Integer>> unresolvable = new HashMap<>();

    @Override
    public void dns(int c, int a, boolean failed) {
        AppSpec app = spec.apps().get(a);
        connectors[c].setAppAddress(app.name(), failed
                ? InetSocketAddress.createUnresolved(app.host(), appAddresses[a].getPort()) : appAddresses[a]);
        java.util.Set<Integer> apps = unresolvable.computeIfAbsent(c, k -> new java.util.HashSet<>());
        if (failed) {
            apps.add(a);
        } else {
            apps.remove(a);
        }
        reportHealth(c, a, !failed);
    }

    /** AppHealth to the broker, for apps whose health is reported (health_reporting other than NONE). */
    private void reportHealth(int c, int a, boolean reachable) {
        if (!"NONE".equals(spec.apps().get(a).healthReporting())) {
            connectors[c].reportAppHealth(spec.apps().get(a).name(), reachable);
        }
    }

    /** A user's client pushes the demand's bytes through an mtunnel: {@link LiveUsers}. */
    @Override
    public void openMtunnel(int a, long id, int b) {
        users.open(a, id, b);
    }

    @Override
    public long closeMtunnel(long id) {
        return users.close(id);
    }

    /** The real network's own counts, by fact and cause, for the summary's {@code net} section. */
    /** The fabric for the status page: connectors' states as the model's journal last said. */
    zenlab.metrics.LabView view(zenlab.metrics.JournalMetrics states, zenlab.model.FleetNames names) {
        return new zenlab.metrics.LabView() {
            @Override
            public List<BrokerRow> brokers() {
                List<BrokerRow> rows = new ArrayList<>();
                for (int b = 0; b < brokerPorts.length; b++) {
                    Broker broker = brokers[b];
                    int[] counts = broker == null ? new int[2] : broker.sessions().connectionCounts();
                    rows.add(new BrokerRow(spec.brokers().get(b).name() + (broker == null ? " (down)" : ""),
                            "127.0.0.1:" + brokerPorts[b], counts[0], counts[1]));
                }
                return rows;
            }

            @Override
            public List<ConnectorRow> connectors() {
                List<ConnectorRow> rows = new ArrayList<>();
                for (int c = 0; c < connectors.length; c++) {
                    String state = states.state(c);
                    rows.add(new ConnectorRow(names.connector(c), spec.groups().get(groupOf[c]).name(),
                            state == null ? "waiting" : state));
                }
                return rows;
            }

            @Override
            public List<AppRow> apps() {
                List<AppRow> rows = new ArrayList<>();
                for (int a = 0; a < spec.apps().size(); a++) {
                    List<String> ports = new ArrayList<>();
                    for (InetSocketAddress[] atBroker : clientPorts) {
                        if (atBroker[a] != null) {
                            ports.add(atBroker[a].getHostString() + ":" + atBroker[a].getPort());
                        }
                    }
                    rows.add(new AppRow(spec.apps().get(a).name(), ports));
                }
                return rows;
            }
        };
    }

    CountingNetEvents events() {
        return events;
    }

    @Override
    public void close() {
        users.closeAll();
        for (Connector c : connectors) {
            if (c != null) {
                c.close();
            }
        }
        for (LinkProxy[] links : linkProxies == null ? new LinkProxy[0][] : linkProxies) {
            for (LinkProxy link : links) {
                if (link != null) {
                    link.close();
                }
            }
        }
        for (InspectingProxy p : proxies) {
            if (p != null) {
                p.close();
            }
        }
        for (Broker b : brokers) {
            if (b != null) {
                b.close();
            }
        }
        if (enrolment != null) {
            enrolment.close();
        }
        appServers.forEach(AppServer::close);
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
