package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import zenlab.model.Cause;
import zenlab.net.connector.Connector;

/**
 * AppHealth on the wire: a connector that cannot resolve an app refuses its mtunnels
 * (APP_UNREACHABLE); once it reports the app unreachable, the broker gives them to the others,
 * and once it reports it reachable again, to it too.
 */
class AppHealthTest {

    @Test
    void shouldSteerMtunnelsAwayFromAConnectorThatReportsTheAppUnreachable() throws Exception {
        try (NetFixture lab = new NetFixture()) {
            Connector blind = lab.connected("vm-blind");
            lab.connected("vm-sighted");
            blind.setAppAddress("crm", InetSocketAddress.createUnresolved("crm.corp.internal", 443));
            for (int i = 0; i < 4; i++) { // round robin: two of them go to the connector that cannot resolve crm
                try {
                    StreamCheck.echo(lab.crm, 1024, i, 5_000);
                } catch (java.io.IOException refused) {
                    // a refused mtunnel's client is closed, with a reset if its bytes were still unread
                }
            }
            assertEquals(2, refusedUnreachable(lab), lab.events.lines().toString());

            blind.reportAppHealth("crm", false);
            awaitReport(lab, blind, true); // the report travels on the control connection
            for (int i = 0; i < 10; i++) {
                assertTrue(StreamCheck.echo(lab.crm, 64 << 10, 10 + i, 5_000).intact(), "mtunnel " + i);
            }
            assertEquals(2, refusedUnreachable(lab), "no more refusals");

            blind.setAppAddress("crm", lab.echo.address());
            blind.reportAppHealth("crm", true);
            awaitReport(lab, blind, false);
            long before = lab.events.count(NetEvents.Kind.MTUNNEL_ESTABLISHED);
            for (int i = 0; i < 4; i++) {
                assertTrue(StreamCheck.echo(lab.crm, 1024, 30 + i, 5_000).intact());
            }
            assertEquals(before + 4, lab.events.count(NetEvents.Kind.MTUNNEL_ESTABLISHED));
            assertTrue(lab.events.lines().stream().filter(l -> l.contains("MTUNNEL_ESTABLISHED")).skip(before)
                    .anyMatch(l -> l.contains("via Sydney-1")), "the recovered connector serves again: " + lab.events.lines());
        }
        NettyLeaks.assertNone();
    }

    /** Waits until the broker has the connector's report, however slow the machine: for the event, not a time. */
    private static void awaitReport(NetFixture lab, Connector connector, boolean unreachable) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (lab.broker.sessions().reportedUnreachable(connector.name(), "crm") != unreachable) {
            assertTrue(System.nanoTime() < deadline, "the broker never took the AppHealth report");
            Thread.sleep(5);
        }
    }

    /** Refusals as the broker counts them (the connector records its own too). */
    private static long refusedUnreachable(NetFixture lab) {
        return lab.events.lines().stream()
                .filter(l -> l.startsWith("MTUNNEL_REFUSED " + NetFixture.BROKER + " " + Cause.APP_UNREACHABLE)).count();
    }
}
