package zenlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a new user writes by mistake, found on 2026-12-06: each gets a line that says how to fix it. */
class NewUserMistakesTest {

    private static String fleet(String top, String group, String app, String faults) {
        return "name: f\nduration: 7d\n" + top + "\nbrokers: [{name: b1}]\n"
                + "provisioning_keys: [{name: K, max_usage: 2, group: g}]\n"
                + "connector_groups: [{name: g" + group + "}]\n"
                + "apps: [{name: crm, groups: [g]" + app + "}]\n" + faults + "\n";
    }

    private static List<String> errors(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml", yaml));
        return e.errors().stream().map(ScenarioError::toString).collect(Collectors.toList());
    }

    private static void refused(String yaml, String expected) {
        List<String> errors = errors(yaml);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains(expected), errors.get(0) + "\n  should say: " + expected);
    }

    @Test
    void shouldRefuseZeroDurationsWhereTheDocsSayGreaterThanZero() {
        String zero = "expected a duration greater than 0, like 30s, found '0s'";
        refused(fleet("", ", failures: {mtbf: 0s, mttr: 2h}", "", ""), "failures.mtbf: " + zero);
        refused(fleet("", ", restart: {mean: 0s}", "", ""), "restart.mean: " + zero);
        refused(fleet("", "", ", demand: {duration: {mean: 0s}}", ""), "duration.mean: " + zero);
        refused(fleet("", "", "", "faults: [{at: 1d, broker_outage: {broker: b1, for: 0s}}]"), "for: " + zero);
        refused(fleet("status_log_interval: 0s", "", "", ""),
                "status_log_interval: expected a duration greater than 0, like 1h, or off, found '0s'");
    }

    @Test
    void shouldSayHowToWriteAMappingThatWasGivenAsAValue() {
        refused(fleet("", "", ", demand: {duration: 2m}", ""), "expected a mapping like {mean: 2m}, found '2m'");
        refused(fleet("", ", restart: 4m", "", ""), "expected a mapping like {mean: 4m}, found '4m'");
        refused(fleet("", ", failures: 90d", "", ""), "expected a mapping like {mtbf: 90d, mttr: 2h}");
        refused(fleet("seed: 1.5", "", "", ""), "seed: expected a whole number, like 42, found '1.5'");
    }

    @Test
    void shouldTellAQueueScenarioThatFleetSettingsAreNotItsOwn() {
        refused("name: q\nduration: 1h\ntimeline_interval: 1m\nqueue: {arrival_rate_per_s: 1, service_rate_per_s: 2}\n",
                "s.yaml:3:20: timeline_interval: only a fleet scenario has it");
    }

    @Test
    void shouldAcceptAZeroRoundTripAsTheDocsSay() throws ScenarioException {
        // The one duration documented as allowed to be 0: studies' theory checks use it for instant setups.
        assertEquals(0, ScenarioLoader.parse("s.yaml", fleet("broker_rtt: 0s", "", "", "")).fleet().brokerRttNs());
    }

    @Test
    void shouldAcceptWhatTheDocsShow() throws ScenarioException {
        Scenario erlang = ScenarioLoader.parse("s.yaml",
                "name: q\nduration: 1h\nqueue: {arrival_rate_per_s: 1, service_rate_per_s: 2, servers: 3, capacity: servers}\n");
        assertEquals(3, erlang.queue().capacity());
        Scenario lower = ScenarioLoader.parse("s.yaml", fleet("", ", upgrade_day: monday", ", health_reporting: none", ""));
        assertEquals("NONE", lower.fleet().apps().get(0).healthReporting());
        assertEquals(java.time.DayOfWeek.MONDAY, lower.fleet().groups().get(0).upgradeDay());
    }

    @Test
    void shouldRefuseSpacesInNamesAsInTheScenarioName() {
        refused(fleet("", "", "", "").replace("{name: crm,", "{name: my crm,"),
                "apps[0].name: expected a name of letters, digits, '.', '_' or '-' (at most 64)");
    }

    @Test
    void shouldWarnOfAFaultThatNeverFires() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("s.yaml", fleet("", "", "", "faults: [{at: 30d, broker_redirect: b1}]"));
        assertEquals(List.of("s.yaml:8:15: warning: faults[0].at: 30d is at or after the end of the run (7d): this fault"
                + " never fires"), s.warnings().stream().map(ScenarioError::toString).collect(Collectors.toList()));
        Scenario fires = ScenarioLoader.parse("s.yaml", fleet("", "", "", "faults: [{at: 6d, broker_redirect: b1}]"));
        assertEquals(List.of(), fires.warnings());
    }
}
