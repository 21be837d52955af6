package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import zenlab.model.Cause;
import zenlab.net.broker.BrokerSettings;
import zenlab.net.connector.Connector;
import zenlab.net.connector.ConnectorSettings;
import zenlab.net.fault.InspectingProxy;

/** Enrolment and mutual TLS over loopback: pinning, a man in the middle, clock skew, fingerprints, keys. */
class TlsPathTest {

    private NetFixture net;

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        if (net != null) {
            net.close();
        }
        NettyLeaks.assertNone();
    }

    private static Cause causeOf(ExecutionException e) {
        return assertInstanceOf(NetFailure.class, e.getCause(), String.valueOf(e.getCause())).failureCause();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void shouldEnrolConnectAndCarryAnMtunnelWithEitherTlsEngine(TlsProvider provider) throws Exception {
        net = new NetFixture(provider, BrokerSettings.defaults());
        Connector c = net.connected("vm-a");
        assertEquals("Sydney-1", c.name());
        assertEquals(364, c.certificateDaysLeft(), "a one-year certificate, counted on the connector's clock");
        StreamCheck.Result r = StreamCheck.echo(net.crm, 1 << 20, 7, 10_000);
        assertTrue(r.intact(), r.toString());
    }

    @Test
    void shouldRefuseAnInspectingProxyAndPassNoByteOfUserTraffic() throws Exception {
        net = new NetFixture();
        try (InspectingProxy proxy = new InspectingProxy(NetFixture.ENROL, net.enrolment.address(), net.provider,
                net.transport, net.group)) {
            Connector c = net.connector(ConnectorSettings.of("vm-behind-firewall", "02:00:00:00:00:01"));
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> c.enrol(proxy.address(), NetFixture.ENROL, NetFixture.KEY).get(10, TimeUnit.SECONDS));
            assertEquals(Cause.UNTRUSTED_CERTIFICATE, causeOf(refused));
            assertTrue(refused.getCause().getMessage().contains("self signed certificate in certificate chain"),
                    refused.getCause().getMessage());
            assertEquals(0, proxy.plaintextBytes(), "the proxy saw no plaintext");
            assertEquals(0, net.tenant.keyUsage("Sydney"), "the key was never sent, so never used");
        }
        assertEquals(1, net.events.count(NetEvents.Kind.CONNECTION_REFUSED, Cause.UNTRUSTED_CERTIFICATE));
        // The app is unreachable: no connector serves, and the user's client is closed without a byte.
        assertTrue(StreamCheck.closedWithoutAByte(net.crm, 5_000));
        assertEquals(1, net.events.count(NetEvents.Kind.MTUNNEL_REFUSED, Cause.NO_CONNECTOR_AVAILABLE));
    }

    @Test
    void shouldFailWithNotYetValidOnAClockBehindAndExpiredOnAClockAhead() throws Exception {
        net = new NetFixture();
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofDays(-2));
        Connector late = net.connector(ConnectorSettings.of("vm-late", "02:00:00:00:00:02").withClock(behind));
        ExecutionException notYet = assertThrows(ExecutionException.class,
                () -> late.enrol(net.enrolment.address(), NetFixture.ENROL, NetFixture.KEY).get(10, TimeUnit.SECONDS));
        assertEquals(Cause.CERT_NOT_YET_VALID, causeOf(notYet));
        assertTrue(notYet.getCause().getMessage().contains("certificate is not yet valid"), notYet.getCause().getMessage());

        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofDays(400));
        Connector early = net.connector(ConnectorSettings.of("vm-early", "02:00:00:00:00:03").withClock(ahead));
        ExecutionException expired = assertThrows(ExecutionException.class,
                () -> early.enrol(net.enrolment.address(), NetFixture.ENROL, NetFixture.KEY).get(10, TimeUnit.SECONDS));
        assertEquals(Cause.CERT_EXPIRED, causeOf(expired));
        assertEquals(0, net.tenant.keyUsage("Sydney"));

        Connector synced = net.connector(ConnectorSettings.of("vm-synced", "02:00:00:00:00:04"));
        assertEquals("Sydney-1", synced.enrol(net.enrolment.address(), NetFixture.ENROL, NetFixture.KEY)
                .get(10, TimeUnit.SECONDS), "with its clock synchronised, the same host enrols");
    }

    @Test
    void shouldRefuseAConnectorWhoseMacChangedAndKeepServingTheOthers() throws Exception {
        net = new NetFixture();
        Connector moved = net.connected("vm-moved");
        Connector steady = net.connected("vm-steady");
        moved.close();
        moved.changeMacAddress("02:00:00:00:99:99");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> moved.connect(net.broker.tunnelAddress(), NetFixture.BROKER).get(10, TimeUnit.SECONDS));
        assertEquals(Cause.FINGERPRINT_MISMATCH, causeOf(refused));
        assertTrue(refused.getCause().getMessage().contains("Cannot get instance id"), refused.getCause().getMessage());
        assertEquals(java.util.List.of(steady.name()), net.broker.sessions().serving());
        assertTrue(StreamCheck.echo(net.crm, 256 * 1024, 3, 10_000).intact());
    }

    @Test
    void shouldRefuseAnUnknownKeyAndNeverPrintAKey() throws Exception {
        net = new NetFixture();
        Connector c = net.connector(ConnectorSettings.of("vm-typo", "02:00:00:00:00:05"));
        zenlab.net.pki.ProvisioningKey typo = new zenlab.net.pki.ProvisioningKey("1|enroll.zenlab.local|bWlzLWNvcGllZA==");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> c.enrol(net.enrolment.address(), NetFixture.ENROL, typo).get(10, TimeUnit.SECONDS));
        assertEquals(Cause.KEY_INVALID, causeOf(refused));
        assertTrue(refused.getCause().getMessage().contains("http status(401)"));
        for (String line : net.events.lines()) {
            assertFalse(line.contains("bWlzLWNvcGllZA"), "a key in " + line);
        }
        assertFalse(typo.toString().contains("bWlzLWNvcGllZA"), typo.toString());
        assertTrue(typo.toString().startsWith("1|enroll.zenlab.local|bWlz…"), typo.toString());
    }

    @Test
    void shouldRefuseAClientCertificateOfAnotherCa() throws Exception {
        net = new NetFixture();
        zenlab.net.pki.CertificateAuthority rogue = zenlab.net.pki.CertificateAuthority.root("Rogue CA",
                java.time.Instant.now(), Duration.ofDays(30));
        java.security.KeyPair keys = zenlab.net.pki.CertificateAuthority.newKeyPair();
        java.security.cert.X509Certificate cert = rogue.issueClient(
                zenlab.net.pki.CertificateRequests.create(keys, "impostor"), "Sydney-1", java.time.Instant.now(),
                Duration.ofDays(30));
        zenlab.net.pki.Identity impostor = new zenlab.net.pki.Identity(keys.getPrivate(), java.util.List.of(cert));
        try (RawTlsClient raw = new RawTlsClient(net.broker.tunnelAddress(), net.pki.cloudRootCertificate(), impostor, 5_000)) {
            raw.frame(zenlab.net.tunnel.FrameType.PING, 0, new byte[0]);
            assertTrue(raw.closedByPeer(), "the broker closes a connection with a foreign client certificate");
        } catch (javax.net.ssl.SSLException refusedInHandshake) {
            // as good: the handshake itself failed
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (net.events.count(NetEvents.Kind.CONNECTION_REFUSED, Cause.UNTRUSTED_CERTIFICATE) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, net.events.count(NetEvents.Kind.CONNECTION_REFUSED, Cause.UNTRUSTED_CERTIFICATE), net.events.lines().toString());
        assertTrue(net.broker.sessions().serving().isEmpty());
    }

    @Test
    void shouldKeepTheEnrolledKeyReadableByItsOwnerOnly() throws Exception {
        net = new NetFixture();
        Path state = dir.resolve("state");
        Connector c = net.connector(ConnectorSettings.of("vm-disk", "02:00:00:00:00:06").withStateDir(state));
        String name = c.enrol(net.enrolment.address(), NetFixture.ENROL, NetFixture.KEY).get(10, TimeUnit.SECONDS);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(name + ".key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        assertTrue(Files.readString(state.resolve(name + ".pem")).contains("BEGIN CERTIFICATE"));
        net.pki.writeTo(dir.resolve("pki"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pki/connector-ca.key"))));
    }
}
