package zenlab.net;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import zenlab.model.Cause;
import zenlab.net.app.AppServer;
import zenlab.net.broker.Broker;
import zenlab.net.broker.BrokerSettings;
import zenlab.net.broker.EnrolmentService;
import zenlab.net.broker.Tenant;
import zenlab.net.connector.Connector;
import zenlab.net.connector.ConnectorSettings;
import zenlab.net.pki.LabPki;
import zenlab.net.pki.ProvisioningKey;
import zenlab.scenario.AppSpec;
import zenlab.scenario.BrokerSpec;
import zenlab.scenario.ConnectorGroupSpec;
import zenlab.scenario.FleetSection;
import zenlab.scenario.LoopbackAddress;
import zenlab.scenario.ProvisioningKeySpec;

/**
 * A scenario's brokers, apps and connectors, up on loopback over the real data path: the lab's
 * CAs, the tenant's keys, the enrolment service, a broker per scenario broker (each with a client
 * port per app), the apps' servers, and each group's connectors, enrolled with the group's key
 * and connected to every broker. What {@code zenlab up} starts and a live run will drive.
 */
public final class LiveLab implements AutoCloseable {

    private static final long STEP_TIMEOUT_S = 30;

    /** How the lab runs: TLS engine, transport, event loop threads, and where keys are kept. */
    public record Options(TlsProvider provider, Transport transport, int threads, Path stateDir, BrokerSettings broker) {
        public static Options defaults() {
            return new Options(TlsProvider.preferred(), Transport.preferred(),
                    Math.max(2, Runtime.getRuntime().availableProcessors()), null, BrokerSettings.defaults());
        }
    }

    /**
     * One connector VM of the lab: its group and host name, its enrolled name or why it did not
     * enrol, and whether it kept an enrolment from the state folder instead of enrolling now.
     */
    public record ConnectorStatus(String group, String host, String name, Cause refusal, boolean kept) {
    }

    /**
     * The brokers' event loops (the cloud's side) and the connectors' and apps' (the data
     * centre's), split as the two sides of a deployment are: on two cores each mtunnel's broker
     * end (the client's socket and the tunnel) and its connector end (the tunnel and the app's
     * socket) each stay on one thread. In one group, where a client and its tunnel landed
     * followed the order of connects, and where they differed every message crossed threads:
     * redis-benchmark through the same fabric ran at 30k or 34k requests/s from one start to the
     * next, and at 36-44k split.
     */
    private final EventLoopGroup brokerLoops;
    private final EventLoopGroup connectorLoops;
    private EnrolmentService enrolment;
    private final List<Broker> brokers = new ArrayList<>();
    private final Map<String, InetSocketAddress> clientPorts = new LinkedHashMap<>(); // app -> first broker's port
    private final List<AppServer> appServers = new ArrayList<>();
    private final List<Connector> connectors = new ArrayList<>();
    private final List<ConnectorStatus> statuses = new ArrayList<>();
    private final Tenant tenant;
    private final LabState state; // null without --state

    private LiveLab(EventLoopGroup brokerLoops, EventLoopGroup connectorLoops, Tenant tenant, LabState state) {
        this.brokerLoops = brokerLoops;
        this.connectorLoops = connectorLoops;
        this.tenant = tenant;
        this.state = state;
    }

    /**
     * Starts everything, in order: CAs and tenant, brokers, apps, connectors (enrol, then connect).
     * With a state folder that an earlier lab kept, the same CAs, keys (with their usage) and
     * enrolled connectors come back, and those connectors connect without enrolling again.
     *
     * @param scenarioDir the folder of the scenario file, against which an http app's {@code files} resolve
     */
    public static LiveLab start(FleetSection spec, Path scenarioDir, Options options, NetEvents events)
            throws IOException, InterruptedException {
        LabState state = options.stateDir() == null ? null : LabState.open(options.stateDir());
        LabPki pki = state == null ? LabPki.create(Clock.systemUTC().instant()) : state.pki(Clock.systemUTC().instant());
        Tenant tenant = new Tenant(pki, Clock.systemUTC());
        Map<String, ProvisioningKey> keyByGroup = new LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        for (ProvisioningKeySpec k : spec.keys()) {
            Tenant.KeyRecord kept = state == null ? null : state.key(k.name());
            String value = k.value() != null ? k.value() : kept != null ? kept.value()
                    : "1|enroll.zenlab.local|" + Base64.getEncoder().encodeToString(random.generateSeed(24));
            ProvisioningKey key = new ProvisioningKey(value);
            // The same key keeps its uses; a key whose value the scenario changed starts afresh.
            int usage = kept != null && kept.value().equals(value) ? kept.usage() : 0;
            tenant.restoreKey(k.name(), key, k.maxUsage(), k.group(), usage);
            keyByGroup.putIfAbsent(k.group(), key);
        }
        if (state != null) {
            state.enrolledConnectors().forEach(tenant::restoreConnector);
        }
        for (AppSpec app : spec.apps()) {
            tenant.addApp(app.name(), app.groups());
        }
        int brokerThreads = Math.max(1, options.threads() / 2);
        LiveLab lab = new LiveLab(options.transport().group(brokerThreads, "zenlab-broker"),
                options.transport().group(Math.max(1, options.threads() - brokerThreads), "zenlab-connector"), tenant, state);
        try {
            lab.enrolment = new EnrolmentService(EnrolmentService.HOST, tenant,
                    pki.brokerIdentity(EnrolmentService.HOST, Clock.systemUTC().instant()), options.provider(), options.broker(),
                    options.transport(), lab.brokerLoops, events);
            lab.enrolment.start(0);
            for (BrokerSpec b : spec.brokers()) {
                Broker broker = new Broker(b.name(), tenant, pki.brokerIdentity(b.name(), Clock.systemUTC().instant()),
                        options.provider(), options.broker(), options.transport(), lab.brokerLoops, events);
                broker.start(0);
                lab.brokers.add(broker);
            }
            Map<String, InetSocketAddress> appAddresses = new LinkedHashMap<>();
            for (AppSpec app : spec.apps()) {
                if (app.live().address() != null) {
                    appAddresses.put(app.name(), LoopbackAddress.parse(app.live().address()));
                } else {
                    Path files = app.live().files() == null ? scenarioDir : scenarioDir.resolve(app.live().files());
                    AppServer server = AppServer.start(AppServer.Kind.valueOf(app.live().server().toUpperCase()),
                            options.transport(), lab.connectorLoops, 0, files);
                    lab.appServers.add(server);
                    appAddresses.put(app.name(), server.address());
                }
                for (Broker broker : lab.brokers) {
                    InetSocketAddress port = broker.openClientPort(app.name(), 0);
                    lab.clientPorts.putIfAbsent(app.name(), port);
                }
            }
            for (ConnectorGroupSpec g : spec.groups()) {
                Map<String, InetSocketAddress> reachable = new LinkedHashMap<>();
                for (AppSpec app : spec.apps()) {
                    if (app.groups().contains(g.name())) {
                        reachable.put(app.name(), appAddresses.get(app.name()));
                    }
                }
                for (int i = 1; i <= g.connectors(); i++) {
                    lab.startConnector(g.name(), g.name() + "-vm-" + i, reachable, keyByGroup.get(g.name()), options,
                            events, pki, random);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void startConnector(String groupName, String host, Map<String, InetSocketAddress> apps, ProvisioningKey key,
                                Options options, NetEvents events, LabPki pki, SecureRandom random)
            throws InterruptedException, IOException {
        LabState.Host keptHost = state == null ? null : state.host(host);
        String mac = keptHost != null ? keptHost.mac() : String.format("02:00:%02x:%02x:%02x:%02x", random.nextInt(256),
                random.nextInt(256), random.nextInt(256), random.nextInt(256));
        ConnectorSettings settings = ConnectorSettings.of(host, mac).withProvider(options.provider())
                .withStateDir(state == null ? null : state.connectorsDir());
        Connector connector = new Connector(settings, apps, pki.cloudRootCertificate(), options.transport(), connectorLoops, events);
        boolean kept = keptHost != null && keptHost.name() != null && tenant.connector(keptHost.name()) != null
                && restore(connector, keptHost.name());
        if (!kept && key == null) {
            statuses.add(new ConnectorStatus(groupName, host, null, Cause.KEY_MISSING, false));
            return;
        }
        try {
            String name = kept ? connector.name()
                    : connector.enrol(enrolment.address(), enrolment.name(), key).get(STEP_TIMEOUT_S, TimeUnit.SECONDS);
            if (state != null) {
                state.save(tenant, new LabState.Host(groupName, host, mac, name));
            }
            List<CompletableFuture<Void>> connected = new ArrayList<>();
            for (Broker broker : brokers) {
                connected.add(connector.connect(broker.tunnelAddress(), broker.name()));
            }
            CompletableFuture.allOf(connected.toArray(new CompletableFuture<?>[0])).get(STEP_TIMEOUT_S, TimeUnit.SECONDS);
            connectors.add(connector);
            statuses.add(new ConnectorStatus(groupName, host, name, Cause.NONE, kept));
        } catch (ExecutionException e) {
            Cause cause = e.getCause() instanceof NetFailure f ? f.failureCause() : Cause.CONNECTION_LOST;
            String name = connector.identity() == null ? null : connector.name();
            if (state != null) {
                state.save(tenant, new LabState.Host(groupName, host, mac, name));
            }
            statuses.add(new ConnectorStatus(groupName, host, name, cause, kept));
            connector.close();
        } catch (TimeoutException e) {
            statuses.add(new ConnectorStatus(groupName, host, null, Cause.BROKER_UNREACHABLE, kept));
            connector.close();
        }
    }

    /** Gives the connector the identity kept for {@code name}; false if the state folder lost it. */
    private boolean restore(Connector connector, String name) throws IOException {
        zenlab.net.pki.Identity identity = state.identity(name);
        if (identity == null) {
            return false;
        }
        connector.restore(name, identity);
        return true;
    }

    public List<Broker> brokers() {
        return brokers;
    }

    /** Where connectors enrol: the one port that takes a peer without a client certificate. */
    public EnrolmentService enrolment() {
        return enrolment;
    }

    /** Where a user's client reaches each app (on the first broker). */
    public Map<String, InetSocketAddress> clientPorts() {
        return clientPorts;
    }

    public List<ConnectorStatus> connectorStatuses() {
        return statuses;
    }

    public List<Connector> connectors() {
        return connectors;
    }

    public List<AppServer> appServers() {
        return appServers;
    }

    public Tenant tenant() {
        return tenant;
    }

    /** Closes connectors, then brokers, the enrolment service and apps, then the event loops. */
    @Override
    public void close() {
        connectors.forEach(Connector::close);
        brokers.forEach(Broker::close);
        if (enrolment != null) {
            enrolment.close();
        }
        appServers.forEach(AppServer::close);
        connectorLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        brokerLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        connectorLoops.terminationFuture().syncUninterruptibly();
    }
}
