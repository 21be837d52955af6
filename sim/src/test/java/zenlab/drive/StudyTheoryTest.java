package zenlab.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;
import zenlab.scenario.Variation;

/** Studies against theory, as the issue asks: independent failures, and upgrade downtime exactly. */
class StudyTheoryTest {

    private static final Study STUDY = new Study(new PrintStream(OutputStream.nullOutputStream()), false, 2);

    private static ObjectNode study(String yaml, String vary, int replications) throws ScenarioException, InterruptedException {
        Scenario scenario = ScenarioLoader.parse("study.yaml", yaml);
        Variation variation = Variation.parse(vary);
        List<Study.Point> points = STUDY.run(scenario, variation, replications);
        return Study.summary(scenario, variation, replications, points);
    }

    @Test
    void shouldMatchOneMinusOneMinusAToTheNWithUpgradesOffAndIndependentFailures() throws Exception {
        ObjectNode study = study(String.join("\n",
                "name: theory",
                "seed: 17",
                "duration: 730d",
                "broker_rtt: 0ms",
                "brokers: [{name: b1}]",
                "provisioning_keys: [{name: K, max_usage: 1, group: g}]",
                "connector_groups: [{name: g, connectors: 1, upgrades_enabled: false, failures: {mtbf: 10d, mttr: 1d}}]",
                "apps: [{name: crm, groups: [g]}]"), "group.connectors=1..3", 24);
        double a = 10.0 / 11.0;
        for (JsonNode result : study.path("results")) {
            int n = result.path("value").asInt();
            double theory = 1 - Math.pow(1 - a, n);
            JsonNode availability = result.path("apps").get(0).path("availability");
            double low = availability.path("ciLow").asDouble();
            double high = availability.path("ciHigh").asDouble();
            assertTrue(theory >= low && theory <= high, n + " connectors: theory " + theory + " outside the 95% CI ["
                    + low + ", " + high + "] around " + availability.path("mean").asDouble());
        }
    }

    @Test
    void shouldCostASingleConnectorWindowsTimesRestartAndAPairNothingExactly() throws Exception {
        ObjectNode study = study(String.join("\n",
                "name: upgrades",
                "seed: 3",
                "duration: 365d",
                "broker_rtt: 0ms",
                "brokers: [{name: b1}]",
                "provisioning_keys: [{name: K, max_usage: 1, group: g}]",
                "connector_groups: [{name: g, connectors: 1, upgrade_pause: 0s, restart: {mean: 4m, sd: 0s}}]",
                "apps: [{name: crm, groups: [g]}]"), "group.connectors=1..2", 3);
        // Virtual time 0 is a Monday: 52 Sunday windows in 365 days, 240 s each.
        JsonNode single = study.path("results").get(0).path("apps").get(0);
        JsonNode pair = study.path("results").get(1).path("apps").get(0);
        assertEquals(52 * 240 / 60.0, single.path("downtimeMinutesPerYear").path("min").asDouble(), 1e-9);
        assertEquals(52 * 240 / 60.0, single.path("downtimeMinutesPerYear").path("max").asDouble(), 1e-9);
        assertEquals(0.0, pair.path("downtimeMinutesPerYear").path("max").asDouble(), 0.0);
        assertEquals(1.0, pair.path("availability").path("min").asDouble(), 0.0);
    }
}
