package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zenlab.model.Cause;
import zenlab.net.broker.BrokerSettings;
import zenlab.net.connector.Connector;
import zenlab.net.tunnel.FrameType;

/**
 * Broken and hostile peers at a broker and at the enrolment service, each cut off with its cause within a bounded time, while
 * a well-behaved mtunnel keeps working. Timeouts are shortened: handshake 500 ms, idle 800 ms,
 * client stall 1 s.
 */
class HostilePeerTest {

    private static final BrokerSettings SHORT = new BrokerSettings(500, 800, 1_000, 5_000);
    private NetFixture net;
    private Connector good;

    @BeforeEach
    void start() throws Exception {
        net = new NetFixture(TlsProvider.preferred(), SHORT);
        good = net.connected("vm-good");
    }

    @AfterEach
    void close() throws Exception {
        assertTrue(StreamCheck.echo(net.crm, 512 * 1024, 99, 10_000).intact(), "everyone else is still served");
        net.close();
        NettyLeaks.assertNone();
    }

    private long await(NetEvents.Kind kind, Cause cause, long withinMs) throws InterruptedException {
        long startNs = System.nanoTime();
        while (net.events.count(kind, cause) == 0) {
            assertTrue(System.nanoTime() - startNs < TimeUnit.MILLISECONDS.toNanos(withinMs),
                    "no " + kind + " " + cause + " within " + withinMs + " ms: " + net.events.lines());
            Thread.sleep(10);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }

    @Test
    void shouldCutGarbageOnTheTlsPort() throws Exception {
        try (Socket s = new Socket(net.broker.tunnelAddress().getAddress(), net.broker.tunnelAddress().getPort())) {
            s.setSoTimeout(3_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: broker\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, readToEnd(s.getInputStream()), "closed");
        }
        await(NetEvents.Kind.CONNECTION_REFUSED, Cause.HANDSHAKE_FAILED, 2_000);
    }

    @Test
    void shouldCutAStalledHandshakeAtItsTimeout() throws Exception {
        long startNs = System.nanoTime();
        try (Socket s = new Socket(net.broker.tunnelAddress().getAddress(), net.broker.tunnelAddress().getPort())) {
            s.setSoTimeout(5_000);
            assertEquals(-1, readToEnd(s.getInputStream()), "closed");
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertTrue(ms >= 400 && ms < 3_000, "cut after " + ms + " ms, the timeout is 500 ms");
        await(NetEvents.Kind.CONNECTION_REFUSED, Cause.HANDSHAKE_FAILED, 2_000);
    }

    @Test
    void shouldCutATruncatedFrameWhenThePeerGoesQuiet() throws Exception {
        try (RawTlsClient raw = new RawTlsClient(net.broker.tunnelAddress(), net.pki.cloudRootCertificate(), good.identity(),
                5_000)) {
            raw.out.writeInt(1000); // a HELLO announced with 995 bytes of payload, 10 of them sent
            raw.out.writeByte(zenlab.net.tunnel.FrameType.HELLO);
            raw.out.writeInt(0);
            raw.out.write(new byte[10]);
            raw.out.flush();
            assertTrue(raw.closedByPeer());
        }
        await(NetEvents.Kind.CONNECTION_CUT, Cause.PEER_STALLED, 3_000);
    }

    @Test
    void shouldCutAnOversizedFrameAtOnce() throws Exception {
        try (RawTlsClient raw = new RawTlsClient(net.broker.tunnelAddress(), net.pki.cloudRootCertificate(), good.identity(),
                5_000)) {
            raw.out.writeInt(10_000_000);
            raw.out.write(new byte[64]);
            raw.out.flush();
            assertTrue(raw.closedByPeer());
        }
        await(NetEvents.Kind.CONNECTION_CUT, Cause.PROTOCOL_ERROR, 2_000);
        // At once, for what the length says, not at the idle timeout for want of the rest: a cut
        // that waited would be recorded as PEER_STALLED (shouldCutATruncatedFrameWhenThePeerGoesQuiet).
        assertEquals(0, net.events.count(NetEvents.Kind.CONNECTION_CUT, Cause.PEER_STALLED), net.events.lines().toString());
    }

    @Test
    void shouldRefuseAPeerWithoutACertificateAtTheHandshakeSoNoFrameIsParsed() throws Exception {
        try (RawTlsClient raw = new RawTlsClient(net.broker.tunnelAddress(), net.pki.cloudRootCertificate(), null, 5_000)) {
            raw.frame(FrameType.DATA, 1, new byte[100]); // TLS 1.3: the client's side is done before the server checks
            assertTrue(raw.closedByPeer());
        } catch (IOException alert) {
            // the alert arrived while writing: as good
        }
        await(NetEvents.Kind.CONNECTION_REFUSED, Cause.HANDSHAKE_FAILED, 2_000);
        assertEquals(0, net.events.count(NetEvents.Kind.CONNECTION_CUT), "no frame reached the parser: "
                + net.events.lines());
    }

    @Test
    void shouldTakeOnlyAnEnrollRequestAtTheEnrolmentService() throws Exception {
        try (RawTlsClient raw = new RawTlsClient(net.enrolment.address(), net.pki.cloudRootCertificate(), null, 5_000)) {
            raw.frame(FrameType.DATA, 1, new byte[100]);
            assertTrue(raw.closedByPeer());
        }
        await(NetEvents.Kind.CONNECTION_CUT, Cause.PROTOCOL_ERROR, 2_000);
        try (RawTlsClient raw = new RawTlsClient(net.enrolment.address(), net.pki.cloudRootCertificate(), null, 5_000)) {
            raw.frame(FrameType.ENROLL_REQUEST, 0, new byte[] {0, 50, 1, 2}); // a key said to be 50 bytes, 2 sent
            assertTrue(raw.closedByPeer());
        }
        assertEquals(2, net.events.count(NetEvents.Kind.CONNECTION_CUT, Cause.PROTOCOL_ERROR), net.events.lines().toString());
        assertEquals(0, net.tenant.keyUsage("Sydney") - 1, "only vm-good's enrolment used the key");
    }

    @Test
    void shouldCutASilentPeerAtTheEnrolmentService() throws Exception {
        try (RawTlsClient raw = new RawTlsClient(net.enrolment.address(), net.pki.cloudRootCertificate(), null, 5_000)) {
            assertTrue(raw.closedByPeer());
        }
        await(NetEvents.Kind.CONNECTION_CUT, Cause.PEER_STALLED, 3_000);
    }

    @Test
    void shouldAnswerAnUnknownMtunnelWithEndAndKeepTheConnection() throws Exception {
        Connector rawHost = net.connected("vm-raw"); // an identity of its own: its session is the one raw replaces
        try (RawTlsClient raw = new RawTlsClient(net.broker.tunnelAddress(), net.pki.cloudRootCertificate(),
                rawHost.identity(), 5_000)) {
            java.io.ByteArrayOutputStream hello = new java.io.ByteArrayOutputStream();
            hello.write(FrameType.ROLE_DATA);
            writeString(hello, rawHost.fingerprint());
            writeString(hello, "raw/1");
            hello.write(new byte[] {0x7f, -1, -1, -1, -1, -1, -1, -1}); // the newest session: it supersedes vm-raw's
            raw.frame(FrameType.HELLO, 0, hello.toByteArray());
            assertEquals(FrameType.AUTHENTICATED, raw.readFrame(null)[0]);
            raw.out.writeInt(5 + 10); // a DATA frame for no mtunnel, its payload in two records: answered once
            raw.out.writeByte(FrameType.DATA);
            raw.out.writeInt(999);
            raw.out.write(new byte[4]);
            raw.out.flush();
            Thread.sleep(100); // the broker decodes the first piece before the rest arrives
            raw.out.write(new byte[6]);
            raw.out.flush();
            byte[][] payload = new byte[1][];
            int[] end = raw.readFrame(payload);
            assertEquals(FrameType.END, end[0]);
            assertEquals(999, end[1]);
            assertEquals(Cause.UNKNOWN_MTUNNEL.ordinal(), payload[0][0]);
            raw.frame(FrameType.PING, 0, new byte[0]);
            assertEquals(FrameType.PONG, raw.readFrame(null)[0], "the connection still works");
        }
        assertEquals(1, net.events.count(NetEvents.Kind.MTUNNEL_ENDED, Cause.UNKNOWN_MTUNNEL));
    }

    @Test
    void shouldHoldAClientThatNeverReadsToBoundedBytesThenCutIt() throws Exception {
        AtomicLong written = new AtomicLong();
        try (Socket s = new Socket(net.crm.getAddress(), net.crm.getPort())) {
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    OutputStream out = s.getOutputStream();
                    while (true) {
                        out.write(chunk); // blocks once every buffer on the way is full
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException cut) {
                    // the broker closed the client, or the test did
                }
            }, "never-reading-client");
            writer.setDaemon(true);
            writer.start();
            long cutAfterMs = await(NetEvents.Kind.MTUNNEL_ENDED, Cause.CLIENT_NOT_READING, 10_000);
            assertTrue(cutAfterMs < 8_000, "cut after " + cutAfterMs + " ms");
        }
        // What got in sits in socket buffers and at most one window per direction in the relay.
        assertTrue(written.get() < 64L << 20, "the client got " + (written.get() >> 20) + " MiB in without reading");
    }

    private static void writeString(java.io.ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length);
        out.write(b, 0, b.length);
    }

    private static int readToEnd(InputStream in) {
        try {
            int last = 0;
            while (last >= 0) {
                last = in.read();
            }
            return last;
        } catch (IOException reset) {
            return -1;
        }
    }
}
