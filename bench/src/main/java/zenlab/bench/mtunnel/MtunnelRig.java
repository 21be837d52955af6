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
 * over the real data path. Clients connect to {@link #clientPort()}; the broker spreads their
 * mtunnels over the connectors round robin.
 *
 * <p>The {@code threads} event loops are split in two, as the two machines of a deployment
 * are: the broker's side (the broker, and the load clients, which reach it from outside) and
 * the connector's side (the connectors and the app beside them), each with half the loops.
 * Sharing one group left where a stream's channels landed to the order of connects and
 * accepts: on two cores the broker's and the connector's ends of a stream's tunnel fell on
 * one loop in some forks and on two in others, and one stream's goodput came out 0.59 or 1.14
 * GB/s from one fork to the next. Split, a byte costs each side the same (read plain, write
 * TLS; read TLS, write plain) and both cores carry every stream.
 */
public final class MtunnelRig implements AutoCloseable {

    private static final ProvisioningKey KEY = new ProvisioningKey("1|enroll.zenlab.local|YmVuY2htYXJrLWtleQ==");

    private final EventLoopGroup brokerSide;
    private final EventLoopGroup connectorSide;
    private final Broker broker;
    private final AppServer app;
    private final List<Connector> connectors = new ArrayList<>();
    private final InetSocketAddress clientPort;

    public MtunnelRig(int connectorCount, AppServer.Kind appKind, TlsProvider provider, int threads) throws Exception {
        Transport transport = Transport.preferred();
        int brokerThreads = Math.max(1, threads / 2);
        brokerSide = transport.group(brokerThreads, "rig-broker");
        connectorSide = transport.group(Math.max(1, threads - brokerThreads), "rig-connector");
        LabPki pki = LabPki.create(Instant.now());
        Tenant tenant = new Tenant(pki, Clock.systemUTC());
        tenant.addKey("Bench", KEY, connectorCount, "bench");
        tenant.addApp("app", List.of("bench"));
        broker = new Broker("broker1a.bench", tenant, pki.brokerIdentity("broker1a.bench", Instant.now()), provider,
                BrokerSettings.defaults(), transport, brokerSide, NetEvents.NONE);
        broker.start(0);
        EnrolmentService enrolment = new EnrolmentService(EnrolmentService.HOST, tenant,
                pki.brokerIdentity(EnrolmentService.HOST, Instant.now()), provider, BrokerSettings.defaults(), transport,
                brokerSide, NetEvents.NONE);
        enrolment.start(0);
        app = AppServer.start(appKind, transport, connectorSide, 0, null);
        clientPort = broker.openClientPort("app", 0);
        for (int i = 0; i < connectorCount; i++) {
            Connector c = new Connector(ConnectorSettings.of("bench-vm-" + i, String.format("02:00:00:00:01:%02x", i))
                    .withProvider(provider).withDataConnections(brokerThreads), Map.of("app", app.address()), pki.cloudRootCertificate(), transport,
                    connectorSide,
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

    /** Counts the broker's mtunnels and their bytes into {@code metrics}, as {@code zenlab up --metrics} does. */
    public void meter(zenlab.metrics.LabMetrics metrics) {
        broker.meterMtunnels(metrics.brokerMeter(true));
    }

    public InetSocketAddress clientPort() {
        return clientPort;
    }

    /** Bytes the sink app has received so far. */
    public long bytesAtApp() {
        return app.bytesReceived();
    }

    /** The broker side's loops, where load clients belong: a user's traffic arrives there. */
    public EventLoopGroup clientGroup() {
        return brokerSide;
    }

    @Override
    public void close() {
        connectors.forEach(Connector::close);
        broker.close();
        app.close();
        brokerSide.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        connectorSide.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
