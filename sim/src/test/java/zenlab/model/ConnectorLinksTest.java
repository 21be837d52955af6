package zenlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectorLinksTest {

    private static final long S = 1_000_000_000L;
    private final ConnectorLinks links = new ConnectorLinks(2);

    @Test
    void shouldServeFullTimeWhileTheLinkKeepsUp() {
        links.carry(0, 40, 0);
        assertEquals(10 * S, links.servedClockNs(0, 10 * S));
        links.limit(0, 40, 10 * S); // exactly what it carries: still full rate
        assertEquals(20 * S, links.servedClockNs(0, 20 * S));
    }

    @Test
    void shouldServeTheLimitsShareWhileTheLinkLimitsAndEachConnectorOnItsOwn() {
        links.carry(0, 100, 0);
        links.limit(0, 25, 4 * S);
        assertEquals(4 * S + 2 * S, links.servedClockNs(0, 12 * S), "a quarter of 8 s");
        links.carry(0, -50, 12 * S); // now 50 Mbps against 25
        assertEquals(6 * S + S, links.servedClockNs(0, 14 * S), "half of 2 s");
        links.limit(0, Double.POSITIVE_INFINITY, 14 * S);
        assertEquals(7 * S + 3 * S, links.servedClockNs(0, 17 * S));
        assertEquals(17 * S, links.servedClockNs(1, 17 * S), "the other link was never limited");
    }

    @Test
    void shouldKeepEachLinksExtraRoundTrip() {
        links.extraRttNs(1, 80_000_000);
        assertEquals(0, links.extraRttNs(0));
        assertEquals(80_000_000, links.extraRttNs(1));
    }
}
