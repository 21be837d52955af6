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
        return start(yaml, events, null);
    }

    static LiveLab start(String yaml, CountingNetEvents events, Path stateDir) throws Exception {
        Scenario scenario = ScenarioLoader.parse("live.yaml", yaml);
        LiveLab.Options d = LiveLab.Options.defaults();
        return LiveLab.start(scenario.fleet(), Path.of("."), new LiveLab.Options(d.provider(), d.transport(), d.threads(),
                stateDir, d.broker()), events);
    }

    private static final String THREE_VMS_TWO_USES = String.join("\n",
            "name: live",
            "duration: 1h",
            "brokers: [{name: broker1a.syd4}, {name: broker1b.syd4}]",
            "provisioning_keys: [{name: Melbourne, max_usage: 2, group: melbourne}]",
            "connector_groups: [{name: melbourne, connectors: 3}]",
            "apps: [{name: crm, groups: [melbourne], server: echo}]");

    @Test
    void shouldRestartFromItsStateFolderWithTheSameCaKeysAndConnectorsWithoutEnrollingAgain(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        CountingNetEvents first = new CountingNetEvents();
        lab = start(THREE_VMS_TWO_USES, first, state);
        java.security.cert.X509Certificate root = lab.tenant().pki().cloudRootCertificate();
        assertEquals(2, first.count(NetEvents.Kind.ENROLLED));
        lab.close();
        lab = null;
        // What a kill between an enrolment and the save after it leaves: a key nobody recorded.
        java.nio.file.Files.writeString(state.resolve("connectors/Melbourne-7.key"), "orphan");

        CountingNetEvents second = new CountingNetEvents();
        lab = start(THREE_VMS_TWO_USES, second, state);
        List<LiveLab.ConnectorStatus> statuses = lab.connectorStatuses();
        assertEquals(List.of("Melbourne-1", "Melbourne-2"), List.of(statuses.get(0).name(), statuses.get(1).name()));
        assertTrue(statuses.get(0).kept() && statuses.get(1).kept(), statuses.toString());
        assertEquals(Cause.KEY_EXHAUSTED, statuses.get(2).refusal(), "the key's two uses were kept: " + statuses);
        assertEquals(0, second.count(NetEvents.Kind.ENROLLED), "no re-enrolment: " + second.lines());
        assertEquals(2, lab.tenant().keyUsage("Melbourne"));
        assertEquals(root, lab.tenant().pki().cloudRootCertificate(), "the same cloud root CA");
        assertEquals(2, lab.brokers().get(1).sessions().serving().size());
        assertTrue(StreamCheck.echo(lab.clientPorts().get("crm"), 1 << 20, 3, 10_000).intact());
        assertTrue(!java.nio.file.Files.exists(state.resolve("connectors/Melbourne-7.key")), "the orphan key went");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> ownerOnly =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        for (String file : List.of("lab.json", "pki/cloud-root-ca.key", "pki/connector-ca.key", "connectors/Melbourne-1.key",
                "connectors/Melbourne-2.key")) {
            assertEquals(ownerOnly, java.nio.file.Files.getPosixFilePermissions(state.resolve(file)), file);
        }
        String kept = java.nio.file.Files.readString(state.resolve("lab.json"));
        assertTrue(kept.contains("\"usage\" : 2") && kept.contains("Melbourne-2") && kept.contains("melbourne-vm-3"), kept);
        lab.close();
        lab = null;

        java.nio.file.Files.setPosixFilePermissions(state.resolve("connectors/Melbourne-1.key"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        java.io.IOException refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> start(THREE_VMS_TWO_USES, new CountingNetEvents(), state));
        assertTrue(refused.getMessage().contains("readable by others"), refused.getMessage());
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
        assertEquals(2, events.count(NetEvents.Kind.ENROLL_REFUSED, Cause.KEY_EXHAUSTED), "seen by the enrolment service and the connector");
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
