package zenlab.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import zenlab.kernel.RandomStreams;
import zenlab.scenario.ScenarioLoader;

class StudyPlanTest {

    private static final String YAML = String.join("\n",
            "name: plan",
            "seed: 7",
            "duration: 10d",
            "brokers: [{name: b1}]",
            "provisioning_keys: [{name: K, max_usage: 2, group: g}]",
            "connector_groups: [{name: g, connectors: 2}]",
            "apps: [{name: crm, groups: [g], demand: {mtunnels_per_s: 0.1, duration: {mean: 5m}}}]");

    @Test
    void shouldEnumerateTheGridFirstParameterSlowestAndSeedByReplicationOnly() throws Exception {
        StudyPlan plan = StudyPlan.of("plan.yaml", YAML, 7, List.of("group.connectors=1..3", "failures.mtbf=30d,90d"), 4);
        assertEquals(List.of(List.of("1", "30d"), List.of("1", "90d"), List.of("2", "30d"), List.of("2", "90d"),
                List.of("3", "30d"), List.of("3", "90d")), plan.points());
        assertEquals("group.connectors=2; failures.mtbf=90d", plan.label(List.of("2", "90d")));
        assertEquals(24, plan.units().size());
        StudyUnit last = plan.units().get(23);
        assertEquals(new StudyUnit(5, 3, RandomStreams.replicationSeed(7, 3)), last);
        assertEquals(plan.units().get(3).seed(), last.seed(), "common random numbers across points");
        assertEquals(3, plan.scenarioAt(List.of("3", "30d")).fleet().groups().get(0).connectors());
    }

    @Test
    void shouldRebuildTheSamePlanFromItsTextAndTellPlansApart() throws Exception {
        StudyPlan plan = new StudyPlan("plan.yaml", YAML, ScenarioLoader.parse("plan.yaml", YAML).withSeed(9),
                List.of(zenlab.scenario.Variation.parse("group.connectors=1..2")), 3);
        StudyPlan rebuilt = StudyPlan.of(plan.scenarioFile(), plan.scenarioText(), plan.scenario().seed(),
                plan.variationTexts(), plan.replications());
        assertEquals(plan.units(), rebuilt.units());
        assertEquals(plan.fingerprint("1.0"), rebuilt.fingerprint("1.0"));
        assertNotEquals(plan.fingerprint("1.0"), plan.fingerprint("1.1"), "another version never resumes");
        assertEquals("as written", StudyPlan.of("plan.yaml", YAML, 1, List.of(), 2).label(List.of()));
    }
}
