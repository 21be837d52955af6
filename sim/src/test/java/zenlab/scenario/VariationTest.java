package zenlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariationTest {

    private static final String FLEET = String.join("\n",
            "name: v",
            "duration: 1d",
            "brokers: [{name: b1}]",
            "provisioning_keys: [{name: K, max_usage: 2, group: g}, {name: L, max_usage: 1, group: h}]",
            "connector_groups: [{name: g, connectors: 2, failures: {mtbf: 30d, mttr: 2h}}, {name: h, connectors: 1}]",
            "apps: [{name: crm, groups: [g], demand: {mtunnels_per_s: 1}}]");

    @Test
    void shouldParseRangesAndLists() {
        assertEquals(new Variation("group.connectors", List.of("1", "2", "3", "4")), Variation.parse("group.connectors=1..4"));
        assertEquals(new Variation("failures.mtbf", List.of("30d", "90d")), Variation.parse("failures.mtbf=30d, 90d"));
    }

    @Test
    void shouldVaryConnectorsOfEveryGroupOrOneAndRaiseTheKeysLimit() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("v.yaml", FLEET);
        Scenario four = Variation.parse("group.connectors=4").apply(s, "4");
        assertEquals(4, four.fleet().groups().get(0).connectors());
        assertEquals(4, four.fleet().groups().get(1).connectors());
        assertEquals(4, four.fleet().keys().get(0).maxUsage());
        Scenario onlyH = Variation.parse("group.h.connectors=3").apply(s, "3");
        assertEquals(2, onlyH.fleet().groups().get(0).connectors());
        assertEquals(3, onlyH.fleet().groups().get(1).connectors());
        Scenario mtbf = Variation.parse("failures.mtbf=90d").apply(s, "90d");
        assertEquals(Durations.parseNs("90d"), mtbf.fleet().groups().get(0).mtbfNs());
        Scenario demand = Variation.parse("demand.mtunnels_per_s=5").apply(s, "5");
        assertEquals(5.0, demand.fleet().apps().get(0).mtunnelsPerS());
    }

    @Test
    void shouldRefuseWhatItCannotVaryWithWhatItExpects() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("v.yaml", FLEET);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Variation.parse("colour=red"))
                .getMessage().contains("unknown parameter 'colour'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Variation.parse("group.connectors"))
                .getMessage().startsWith("expected PATH=VALUES"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Variation.parse("failures.mtbf=soon").apply(s, "soon"))
                .getMessage().contains("found 'soon'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Variation.parse("group.x.connectors=2").apply(s, "2"))
                .getMessage().contains("no connector group 'x'"));
    }
}
