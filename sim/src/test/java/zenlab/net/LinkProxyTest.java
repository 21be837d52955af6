package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zenlab.model.Cause;
import zenlab.net.connector.Connector;
import zenlab.net.connector.ConnectorSettings;
import zenlab.net.fault.LinkProxy;
import zenlab.scenario.LinkToxic;

/**
 * Link faults on a connector's real path to its broker: latency keeps every byte in order, reset
 * and stall cut it, a bandwidth limit paces it, healing restores it.
 */
class LinkProxyTest {

    private final NetFixture lab;
    private final io.netty.channel.EventLoopGroup nio = Transport.preferred().group(1, "link-proxy");
    private final LinkProxy link;

    LinkProxyTest() throws Exception {
        lab = new NetFixture();
        link = new LinkProxy(lab.broker::tunnelAddress, lab.transport, nio, 7);
    }

    @AfterEach
    void close() {
        link.close();
        nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        lab.close();
        NettyLeaks.assertNone();
    }

    private Connector enrolled(String host) throws Exception {
        Connector c = lab.connector(ConnectorSettings.of(host, "02:00:00:00:00:07").withTimeouts(1_000, 2_000));
        c.enrol(lab.enrolment.address(), NetFixture.ENROL, NetFixture.KEY).get(10, TimeUnit.SECONDS);
        return c;
    }

    /** Clients that send their request and half-close at once, one after another on one data connection. */
    @Test
    void shouldCarryShortHalfClosedMtunnelsOneAfterAnother() throws Exception {
        lab.connected("direct-vm");
        for (int i = 0; i < 20; i++) {
            StreamCheck.Result r = StreamCheck.echo(lab.crm, 64 << 10, 90 + i, 5_000);
            assertTrue(r.intact(), "mtunnel " + i + ": " + r + "\n" + String.join("\n", lab.events.lines()));
        }
        for (int i = 0; i < 3; i++) { // beyond one window: bytes held for credit, answers larger than a socket buffer
            StreamCheck.Result r = StreamCheck.echo(lab.crm, 4 << 20, 200 + i, 20_000);
            assertTrue(r.intact(), "4 MiB mtunnel " + i + ": " + r);
        }
    }

    @Test
    void shouldRelayPlainBytesIntact() throws Exception {
        assertTrue(StreamCheck.echo(lab.echo.address(), 64 << 10, 69, 5_000).intact(), "the echo server itself");
        try (LinkProxy plain = new LinkProxy(lab.echo::address, lab.transport, nio, 3)) {
            for (int i = 0; i < 20; i++) {
                StreamCheck.Result r = StreamCheck.echo(plain.address(), 64 << 10, 70 + i, 5_000);
                assertTrue(r.intact(), "plain " + i + ": " + r);
            }
        }
    }

    @Test
    void shouldCarryVerifiedBytesUnderLatencyWithJitterAndAfterHealing() throws Exception {
        Connector c = enrolled("latency-vm");
        link.toxic(LinkToxic.LATENCY, TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.MILLISECONDS.toNanos(15), 0);
        c.connect(link.address(), NetFixture.BROKER).get(10, TimeUnit.SECONDS);
        long startNs = System.nanoTime();
        StreamCheck.Result slow = StreamCheck.echo(lab.crm, 256 << 10, 11, 20_000);
        long slowNs = System.nanoTime() - startNs;
        assertTrue(slow.intact(), "bytes reordered or lost under jitter: " + slow);
        assertTrue(slowNs >= TimeUnit.MILLISECONDS.toNanos(20), "latency was not applied: " + slowNs + " ns");
        link.toxic(null, 0, 0, 0);
        StreamCheck.Result healed = StreamCheck.echo(lab.crm, 4 << 20, 12, 20_000);
        assertTrue(healed.intact(), "bytes after healing: " + healed);
    }

    @Test
    void shouldResetTheConnectionsAndRefuseNewOnesUntilHealed() throws Exception {
        Connector c = enrolled("reset-vm");
        c.connect(link.address(), NetFixture.BROKER).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            StreamCheck.Result r = StreamCheck.echo(lab.crm, 64 << 10, 50 + i, 5_000);
            assertTrue(r.intact(), "mtunnel " + i + " before: " + r + "\n" + String.join("\n", lab.events.lines()));
        }
        AtomicReference<Cause> lost = new AtomicReference<>();
        c.onConnectionLost(lost::set);
        link.toxic(LinkToxic.RESET, 0, 0, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // a channel turns inactive before its close reaches the connector's listener: wait for both
        while ((c.openConnections() > 0 || lost.get() == null) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, c.openConnections());
        assertEquals(Cause.CONNECTION_LOST, lost.get());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> c.connect(link.address(), NetFixture.BROKER).get(10, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof NetFailure, String.valueOf(refused.getCause()));
        c.close();
        link.toxic(null, 0, 0, 0);
        c.connect(link.address(), NetFixture.BROKER).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            StreamCheck.Result r = StreamCheck.echo(lab.crm, 64 << 10, 20 + i, 5_000);
            assertTrue(r.intact(), "mtunnel " + i + " after healing: " + r + "\n" + String.join("\n", lab.events.lines()));
        }
    }

    @Test
    void shouldLimitTheRateEachWayWhileTheControlConnectionStaysUp() throws Exception {
        Connector c = enrolled("bandwidth-vm");
        c.connect(link.address(), NetFixture.BROKER).get(10, TimeUnit.SECONDS);
        AtomicReference<Cause> lost = new AtomicReference<>();
        c.onConnectionLost(lost::set);
        double bytesPerSecond = 2_000_000;
        link.toxic(LinkToxic.BANDWIDTH, 0, 0, bytesPerSecond);
        int bytes = 8 << 20;
        long startNs = System.nanoTime();
        StreamCheck.Result r = StreamCheck.echo(lab.crm, bytes, 41, 30_000);
        double seconds = (System.nanoTime() - startNs) / 1e9;
        assertTrue(r.intact(), "bytes under the bandwidth limit: " + r);
        double expectedSeconds = bytes / bytesPerSecond; // each way at once: the echo comes back as it goes out
        assertTrue(seconds >= 0.9 * expectedSeconds, "8 MiB each way took " + seconds + " s at 2 MB/s");
        // An upper bound a loaded machine could break is kept loose: a limiter stuck far below its rate, not a slow run.
        assertTrue(seconds <= 10 * expectedSeconds, "the limit throttled far below its rate: " + seconds + " s");
        assertEquals(null, lost.get(), "the control connection, idle timeout 2 s, must not starve behind the data");
        link.toxic(null, 0, 0, 0);
        assertTrue(StreamCheck.echo(lab.crm, 4 << 20, 42, 5_000).intact(), "bytes after healing");
    }

    @Test
    void shouldStallUntilTheIdleTimeoutCutsTheConnection() throws Exception {
        Connector c = enrolled("stall-vm");
        c.connect(link.address(), NetFixture.BROKER).get(10, TimeUnit.SECONDS);
        AtomicReference<Cause> lost = new AtomicReference<>();
        c.onConnectionLost(lost::set);
        link.toxic(LinkToxic.STALL, 0, 0, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lost.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Cause.PEER_STALLED, lost.get(), "the 2 s idle timeout should have noticed the stall");
        link.toxic(null, 0, 0, 0);
        c.close();
        c.connect(link.address(), NetFixture.BROKER).get(10, TimeUnit.SECONDS);
        assertTrue(StreamCheck.echo(lab.crm, 64 << 10, 31, 5_000).intact());
    }
}
