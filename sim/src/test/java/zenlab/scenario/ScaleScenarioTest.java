package zenlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import zenlab.kernel.Journal;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Simulation;
import zenlab.model.Fleet;

class ScaleScenarioTest {

    private static Path root() {
        return Path.of(System.getProperty("zenlab.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void shouldKeepTheBundledScaleScenariosEqualToTheGenerator() throws IOException {
        assertEquals(ScaleScenario.yaml(10_000, 365), Files.readString(root().resolve("scenarios/scale-10k.yaml")),
                "regenerate scenarios/scale-10k.yaml from ScaleScenario.yaml(10000, 365)");
        assertEquals(ScaleScenario.yaml(20_000, 365), Files.readString(root().resolve("scenarios/scale-20k.yaml")),
                "regenerate scenarios/scale-20k.yaml from ScaleScenario.yaml(20000, 365)");
    }

    @Test
    void shouldDescribeTheFleetTheIssueAsksFor() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("scale-10k.yaml", ScaleScenario.yaml(10_000, 365));
        assertEquals(1000, s.fleet().groups().size());
        assertEquals(20, s.fleet().brokers().size());
        assertEquals(10_000, s.fleet().groups().stream().mapToInt(ConnectorGroupSpec::connectors).sum());
        assertEquals(365L * 86_400_000_000_000L, s.durationNs());
    }

    /** FleetScenarioBenchmark's largest row: 40,000 connectors written out are within the input limits. */
    @Test
    void shouldLoadAFleetOfFortyThousand() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("scale-40k.yaml", ScaleScenario.yaml(40_000, 365));
        assertEquals(40_000, s.fleet().groups().stream().mapToInt(ConnectorGroupSpec::connectors).sum());
    }

    /** Heap a connector costs once built and running, beyond the journal's buffers: under 2 KiB. */
    @Test
    void shouldCostUnderTwoKibibytesOfHeapPerConnector() throws ScenarioException {
        long small = retainedBytes(1_000);
        long large = retainedBytes(11_000);
        double perConnector = (large - small) / 10_000.0;
        assertTrue(perConnector < 2048, "heap per connector: " + perConnector + " bytes");
        System.out.printf("heap per connector: %.0f bytes%n", perConnector);
    }

    private static Fleet keep;

    private static long retainedBytes(int connectors) throws ScenarioException {
        keep = null;
        long before = usedAfterGc();
        Scenario s = ScenarioLoader.parse("scale.yaml", ScaleScenario.yaml(connectors, 14));
        Simulation sim = new Simulation();
        keep = new Fleet(s.fleet(), sim, new RandomStreams(1), Journal.NONE);
        keep.start();
        sim.run(Durations.parseNs("1d")); // enrolled, connected, mtunnels flowing
        s = null;
        return usedAfterGc() - before;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
