package zenlab.bench.mtunnel;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import zenlab.net.NetEvents;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.net.app.AppServer;
import zenlab.net.broker.Broker;
import zenlab.net.broker.BrokerSettings;
import zenlab.net.broker.EnrolmentService;
import zenlab.net.broker.Tenant;
import zenlab.net.connector.Connector;
import zenlab.net.connector.ConnectorSettings;
import zenlab.net.pki.LabPki;
import zenlab.net.pki.ProvisioningKey;

/**
 * A broker, {@code connectors} enrolled connectors and one app (sink or echo), all on loopback
 * over the real data path, sharing one event loop group of {@code threads}. Clients connect to
 * {@link #clientPort()}; the broker spreads their mtunnels over the connectors round robin.
 */
public final class MtunnelRig implements AutoCloseable {

    private static final ProvisioningKey KEY = new ProvisioningKey("1|enroll.zenlab.local|YmVuY2htYXJrLWtleQ==");

    private final EventLoopGroup group;
    private final Broker broker;
    private final AppServer app;
    private final List<Connector> connectors = new ArrayList<>();
    private final InetSocketAddress clientPort;

    public MtunnelRig(int connectorCount, AppServer.Kind appKind, TlsProvider provider, int threads) throws Exception {
        Transport transport = Transport.preferred();
        group = transport.group(threads, "rig");
        LabPki pki = LabPki.create(Instant.now());
        Tenant tenant = new Tenant(pki, Clock.systemUTC());
        tenant.addKey("Bench", KEY, connectorCount, "bench");
        tenant.addApp("app", List.of("bench"));
        broker = new Broker("broker1a.bench", tenant, pki.brokerIdentity("broker1a.bench", Instant.now()), provider,
                BrokerSettings.defaults(), transport, group, NetEvents.NONE);
        broker.start(0);
        EnrolmentService enrolment = new EnrolmentService(EnrolmentService.HOST, tenant,
                pki.brokerIdentity(EnrolmentService.HOST, Instant.now()), provider, BrokerSettings.defaults(), transport,
                group, NetEvents.NONE);
        enrolment.start(0);
        app = AppServer.start(appKind, transport, group, 0, null);
        clientPort = broker.openClientPort("app", 0);
        for (int i = 0; i < connectorCount; i++) {
            Connector c = new Connector(ConnectorSettings.of("bench-vm-" + i, String.format("02:00:00:00:01:%02x", i))
                    .withProvider(provider).withDataConnections(threads), Map.of("app", app.address()), pki.cloudRootCertificate(), transport, group,
                    NetEvents.NONE);
            c.enrol(enrolment.address(), enrolment.name(), KEY).get(10, TimeUnit.SECONDS);
            c.connect(broker.tunnelAddress(), broker.name()).get(10, TimeUnit.SECONDS);
            connectors.add(c);
        }
        enrolment.close(); // every connector has its certificate
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (broker.sessions().serving().size() < connectorCount) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("connectors not serving: " + broker.sessions().serving());
            }
            Thread.sleep(5);
        }
    }

    public InetSocketAddress clientPort() {
        return clientPort;
    }

    /** Bytes the sink app has received so far. */
    public long bytesAtApp() {
        return app.bytesReceived();
    }

    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        connectors.forEach(Connector::close);
        broker.close();
        app.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
