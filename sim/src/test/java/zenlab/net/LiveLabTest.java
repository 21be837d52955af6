package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zenlab.model.Cause;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioLoader;

/** A scenario up over the real data path: enrolment, and many mtunnels with every byte checked. */
class LiveLabTest {

    private LiveLab lab;

    @AfterEach
    void close() {
        if (lab != null) {
            lab.close();
        }
        NettyLeaks.assertNone();
    }

    static LiveLab start(String yaml, CountingNetEvents events) throws Exception {
        Scenario scenario = ScenarioLoader.parse("live.yaml", yaml);
        return LiveLab.start(scenario.fleet(), Path.of("."), LiveLab.Options.defaults(), events);
    }

    @Test
    void shouldEnrolByKeyRefuseBeyondMaxUsageAndCarryMtunnelsWithEveryByteIntact() throws Exception {
        CountingNetEvents events = new CountingNetEvents();
        lab = start(String.join("\n",
                "name: live",
                "duration: 1h",
                "brokers: [{name: broker1a.syd4}]",
                "provisioning_keys: [{name: Melbourne, max_usage: 2, group: melbourne}]",
                "connector_groups: [{name: melbourne, connectors: 3}]",
                "apps: [{name: crm, groups: [melbourne], server: echo}]"), events);
        List<LiveLab.ConnectorStatus> statuses = lab.connectorStatuses();
        assertEquals(3, statuses.size());
        assertEquals("Melbourne-1", statuses.get(0).name());
        assertEquals("Melbourne-2", statuses.get(1).name());
        assertNull(statuses.get(2).name());
        assertEquals(Cause.KEY_EXHAUSTED, statuses.get(2).refusal());
        assertEquals(2, lab.tenant().keyUsage("Melbourne"));
        assertEquals(2, events.count(NetEvents.Kind.ENROLL_REFUSED, Cause.KEY_EXHAUSTED), "seen by broker and connector");
        assertEquals(2, lab.brokers().get(0).sessions().serving().size());

        InetSocketAddress crm = lab.clientPorts().get("crm");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<StreamCheck.Result>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long seed = i;
                results.add(clients.submit(() -> StreamCheck.echo(crm, 4 << 20, seed, 20_000)));
            }
            for (Future<StreamCheck.Result> r : results) {
                StreamCheck.Result result = r.get();
                assertTrue(result.intact(), "bytes changed or lost: " + result);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(8, events.count(NetEvents.Kind.MTUNNEL_ESTABLISHED, Cause.NONE), events.lines().toString());
    }
}
