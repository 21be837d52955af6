package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import zenlab.net.connector.Connector;

/**
 * A connector that connects again (after a stall it noticed first, say) replaces its session at
 * the broker: the broker closes the older connections at once instead of sending mtunnels down
 * them until its own idle timeout.
 */
class SessionSupersedeTest {

    @Test
    void shouldCloseTheOlderSessionWhenTheConnectorConnectsAgain() throws Exception {
        try (NetFixture lab = new NetFixture()) {
            Connector c = lab.connected("vm-1");
            assertEquals(2, c.openConnections());
            c.connect(lab.broker.tunnelAddress(), NetFixture.BROKER).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (c.openConnections() > 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, c.openConnections(), "the broker closed the first session's control and data connections");
            assertEquals(java.util.List.of("Sydney-1"), lab.broker.sessions().serving());
            for (int i = 0; i < 10; i++) {
                assertTrue(StreamCheck.echo(lab.crm, 64 << 10, i, 5_000).intact(), "mtunnel " + i);
            }
        }
        NettyLeaks.assertNone();
    }
}
