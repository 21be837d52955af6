package zenlab.net;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import zenlab.net.app.AppServer;
import zenlab.net.broker.Broker;
import zenlab.net.broker.BrokerSettings;
import zenlab.net.broker.EnrolmentService;
import zenlab.net.broker.Tenant;
import zenlab.net.connector.Connector;
import zenlab.net.connector.ConnectorSettings;
import zenlab.net.pki.LabPki;
import zenlab.net.pki.ProvisioningKey;

/** A broker, the enrolment service, an echo app and a tenant with one key, on loopback, for tests that build connectors by hand. */
final class NetFixture implements AutoCloseable {

    static final String BROKER = "broker1a.syd4";
    static final String ENROL = EnrolmentService.HOST;
    static final ProvisioningKey KEY = new ProvisioningKey("1|enroll.zenlab.local|c2VjcmV0LXN5ZG5leS1rZXk=");

    final CountingNetEvents events = new CountingNetEvents();
    final LabPki pki = LabPki.create(Instant.now());
    final Tenant tenant = new Tenant(pki, Clock.systemUTC());
    final Transport transport = Transport.preferred();
    final TlsProvider provider;
    final EventLoopGroup group;
    final Broker broker;
    final EnrolmentService enrolment;
    final AppServer echo;
    final InetSocketAddress crm;

    NetFixture(TlsProvider provider, BrokerSettings settings) throws Exception {
        this.provider = provider;
        tenant.addKey("Sydney", KEY, 10, "sydney");
        tenant.addApp("crm", List.of("sydney"));
        group = transport.group(2, "test-net");
        broker = new Broker(BROKER, tenant, pki.brokerIdentity(BROKER, Instant.now()), provider, settings, transport, group,
                events);
        broker.start(0);
        enrolment = new EnrolmentService(ENROL, tenant, pki.brokerIdentity(ENROL, Instant.now()), provider, settings, transport,
                group, events);
        enrolment.start(0);
        echo = AppServer.start(AppServer.Kind.ECHO, transport, group, 0, null);
        crm = broker.openClientPort("crm", 0);
    }

    NetFixture() throws Exception {
        this(TlsProvider.preferred(), BrokerSettings.defaults());
    }

    private final java.util.List<Connector> connectors = new java.util.ArrayList<>();

    Connector connector(ConnectorSettings settings) {
        Connector c = new Connector(settings.withProvider(provider), Map.of("crm", echo.address()), pki.cloudRootCertificate(),
                transport, group, events);
        connectors.add(c);
        return c;
    }

    /** A connector enrolled with the fixture's key and connected to the broker. */
    Connector connected(String host) throws Exception {
        Connector c = connector(ConnectorSettings.of(host, "02:00:00:00:00:0" + (host.length() % 10)));
        c.enrol(enrolment.address(), ENROL, KEY).get(10, TimeUnit.SECONDS);
        c.connect(broker.tunnelAddress(), BROKER).get(10, TimeUnit.SECONDS);
        return c;
    }

    @Override
    public void close() {
        connectors.forEach(Connector::close);
        broker.close();
        enrolment.close();
        echo.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
