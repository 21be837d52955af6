package zenlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

    private static List<String> errors(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse("s.yaml", yaml));
        return e.errors().stream().map(ScenarioError::toString).collect(Collectors.toList());
    }

    @Test
    void shouldReadAValidScenario() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("s.yaml", String.join("\n",
                "name: mm1",
                "seed: 42",
                "duration: 1.5h",
                "journal: milestones",
                "queue:",
                "  arrival_rate_per_s: 0.9",
                "  service_rate_per_s: 1",
                "  servers: 2",
                "  capacity: 5",
                "  warmup: 500ms",
                "assertions:",
                "  - queue.utilization >= 0.4"));
        assertEquals("mm1", s.name());
        assertEquals(42, s.seed());
        assertEquals(5_400_000_000_000L, s.durationNs());
        assertEquals(JournalLevel.MILESTONES, s.journal());
        assertEquals(new QueueSection(0.9, 1.0, 2, 5, 500_000_000L), s.queue());
        assertEquals(1, s.assertions().size());
        assertEquals("queue.utilization", s.assertions().get(0).path());
        assertEquals(0.4, s.assertions().get(0).threshold());
        assertEquals("s.yaml:12:5", s.assertions().get(0).location());
    }

    @Test
    void shouldApplyDefaults() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("s.yaml",
                "name: q\nduration: 10s\nqueue: {arrival_rate_per_s: 1, service_rate_per_s: 2}\n");
        assertEquals(ScenarioLoader.DEFAULT_SEED, s.seed());
        assertEquals(JournalLevel.MILESTONES, s.journal());
        assertEquals(1, s.queue().servers());
        assertEquals(Integer.MAX_VALUE, s.queue().capacity());
        assertEquals(0, s.queue().warmupNs());
        assertEquals(List.of(), s.assertions());
    }

    @Test
    void shouldReportEveryProblemWithLineColumnAndWhatIsExpected() {
        List<String> errors = errors(String.join("\n",
                "name: bad name!",
                "duration: 10",
                "jornal: full",
                "queue:",
                "  arrival_rate_per_s: fast",
                "  service_rate_per_s: -1",
                "  servers: two",
                "  capacity: 0",
                "assertions:",
                "  - availability is great"));
        assertEquals(List.of(
                "s.yaml:1:7: name: expected a name of letters, digits, '.', '_' or '-' (at most 64), like melbourne-pair, found 'bad name!'",
                "s.yaml:2:11: duration: expected a duration with a unit (ms, s, m, h or d), like 30s or 1.5h, found '10'",
                "s.yaml:3:1: unknown key 'jornal'; expected one of: name, description, seed, duration, journal, time_scale, brokers, provisioning_keys, connector_groups, apps, faults, queue, status_log_interval, timeline_interval, skew_tolerance, time_sync_delay, broker_rtt, assertions",
                "s.yaml:5:23: queue.arrival_rate_per_s: expected a number greater than 0, like 2.5, found 'fast'",
                "s.yaml:6:23: queue.service_rate_per_s: expected a number greater than 0, like 2.5, found '-1'",
                "s.yaml:7:12: queue.servers: expected a whole number from 1 to 1000000, found 'two'",
                "s.yaml:8:13: queue.capacity: expected a whole number of customers >= servers, servers, or unlimited (1), found 0",
                "s.yaml:10:5: assertions: expected an assertion 'figure comparison number', like app.crm.availability >= 0.9999, found 'availability is great'"),
                errors);
    }

    @Test
    void shouldReportMissingFieldsAndSections() {
        assertEquals(List.of(
                "s.yaml:1:1: missing 'duration'; expected a duration with a unit (ms, s, m, h or d), like 30s or 1.5h",
                "s.yaml:1:1: missing a model section; expected a fleet (brokers, provisioning_keys, connector_groups, apps, faults) or 'queue:' (the kernel's M/M/c/K test model)"),
                errors("name: x\n"));
    }

    @Test
    void shouldReportWrongShapesAndDuplicates() {
        assertEquals(List.of(
                "s.yaml:3:8: queue: expected a mapping of keys to values, found a list",
                "s.yaml:4:1: duplicate key 'name'; expected each key once"),
                errors("name: x\nduration: 1s\nqueue: [1, 2]\nname: y\n"));
    }

    @Test
    void shouldReportBrokenYamlAtItsPosition() {
        List<String> errors = errors("name: x\nqueue: {arrival_rate_per_s: 1\nduration: 1s\n");
        assertEquals(1, errors.size());
        assertEquals(true, errors.get(0).startsWith("s.yaml:3:"), errors.get(0));
        assertEquals(true, errors.get(0).contains("not valid YAML"), errors.get(0));
    }

    @Test
    void shouldReportAMissingFileInOneLine() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(Path.of("no/such/scenario.yaml")));
        assertEquals("no/such/scenario.yaml:1:1: no such file; expected the path of a scenario .yaml file",
                e.errors().get(0).toString());
    }

    @Test
    void shouldParseDurationsWithUnits() {
        assertEquals(250_000_000L, Durations.parseNs("250ms"));
        assertEquals(30_000_000_000L, Durations.parseNs("30s"));
        assertEquals(240_000_000_000L, Durations.parseNs("4m"));
        assertEquals(5_400_000_000_000L, Durations.parseNs("1.5h"));
        assertEquals(365L * 86_400_000_000_000L, Durations.parseNs("365d"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNs("10"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNs("10 weeks"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNs("-1s"));
        assertEquals("231d", Durations.format(Durations.parseNs("231d")));
        assertEquals("1h 30m", Durations.format(Durations.parseNs("90m")));
    }

    @Test
    void shouldRefuseTypographicQuotesInAKeyAndReferencesToNothing() {
        List<String> errors = errors(String.join("\n",
                "name: fleet",
                "duration: 1d",
                "brokers: [{name: b1}]",
                "provisioning_keys:",
                "  - {name: K, max_usage: 2, group: nowhere, value: \"\u201C1|enroll.example|abc\u201D\"}",
                "connector_groups:",
                "  - {name: g, connectors: 2, upgrade_day: FUNDAY, upgrade_time_in_secs: 100}",
                "apps:",
                "  - {name: crm, host: crm.example, groups: [g, h]}",
                "faults:",
                "  - {at: 1d, mac_change: K-3}",
                "  - {at: 2d, broker_outage: {broker: b2, for: 5 min}}",
                "  - {at: 3d}"));
        assertEquals(List.of(
                "s.yaml:5:36: provisioning_keys[0].group: no connector group 'nowhere'; expected one of: g",
                "s.yaml:5:52: provisioning_keys[0].value: the key contains typographic quotes (U+201C or U+201D), as an editor"
                        + " that 'smartens' quotes pastes it, and enrolment would fail; expected the key between plain double"
                        + " quotes (U+0022) or none",
                "s.yaml:7:43: connector_groups[0].upgrade_day: expected MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY or"
                        + " SUNDAY, found 'FUNDAY'",
                "s.yaml:7:73: connector_groups[0].upgrade_time_in_secs: expected a multiple of 900 (15-minute steps), found 100",
                "s.yaml:9:48: apps[0].groups: no connector group 'h'; expected one of: g",
                "s.yaml:11:26: faults[0].mac_change: no connector 'K-3'; expected a connector of the scenario, but it has none",
                "s.yaml:12:38: faults[1].broker_outage.broker: no broker 'b2'; expected one of: b1",
                "s.yaml:12:47: faults[1].broker_outage.for: expected a duration with a unit (ms, s, m, h or d), like 30s or"
                        + " 1.5h, found '5 min'",
                "s.yaml:13:5: faults[2]: expected exactly one of mac_change, clock_skew, broker_outage, broker_redirect,"
                        + " ssl_inspection, dns_failure, connector_crash, link_fault, found none"),
                errors);
    }

    @Test
    void shouldCheckLinkFaults() {
        List<String> errors = errors(String.join("\n",
                "name: links",
                "duration: 1d",
                "brokers: [{name: b1}]",
                "provisioning_keys: [{name: K, max_usage: 1, group: g}]",
                "connector_groups: [{name: g, connectors: 1}]",
                "apps: [{name: crm, host: crm.example, groups: [g]}]",
                "faults:",
                "  - {at: 1h, link_fault: {connector: K-1, toxic: slow, for: 1m}}",
                "  - {at: 2h, link_fault: {connector: K-1, toxic: latency, jitter: 5ms, for: 1m}}",
                "  - {at: 3h, link_fault: {connector: K-1, toxic: latency, latency: 10ms, jitter: 20ms, for: 1m}}",
                "  - {at: 4h, link_fault: {connector: K-1, toxic: reset, latency: 10ms, for: 1m}}",
                "  - {at: 5h, link_fault: {connector: K-1, toxic: bandwidth, for: 1m}}",
                "  - {at: 6h, link_fault: {connector: K-1, toxic: bandwidth, rate_mbps: 0, for: 1m}}",
                "  - {at: 7h, link_fault: {connector: K-1, toxic: stall, rate_mbps: 2, for: 1m}}"));
        assertEquals(List.of(
                "s.yaml:8:50: faults[0].link_fault.toxic: expected latency, reset, stall or bandwidth, found 'slow'",
                "s.yaml:9:26: faults[1].link_fault: missing 'latency'; expected a duration with a unit (ms, s, m, h or d),"
                        + " like 30s or 1.5h",
                "s.yaml:10:82: faults[2].link_fault.jitter: expected at most the latency (10ms), so no byte arrives"
                        + " before it was sent",
                "s.yaml:11:26: faults[3].link_fault: latency and jitter belong to toxic: latency; expected neither with"
                        + " reset",
                "s.yaml:12:26: faults[4].link_fault: missing 'rate_mbps'; expected a number greater than 0, like 2.5",
                "s.yaml:13:72: faults[5].link_fault.rate_mbps: expected a number greater than 0, like 2.5, found '0'",
                "s.yaml:14:26: faults[6].link_fault: rate_mbps belongs to toxic: bandwidth; expected none with stall"),
                errors);
    }

    @Test
    void shouldReadAFleetWithTheModelsDefaults() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("s.yaml", String.join("\n",
                "name: fleet",
                "duration: 1d",
                "brokers: [{name: b1}]",
                "provisioning_keys: [{name: K, max_usage: 2, group: g}]",
                "connector_groups: [{name: g}]",
                "apps: [{name: crm, groups: [g], double_encrypt: true}]"));
        FleetSection f = s.fleet();
        ConnectorGroupSpec g = f.groups().get(0);
        assertEquals(java.time.DayOfWeek.SUNDAY, g.upgradeDay());
        assertEquals(66_600, g.upgradeTimeInSecs());
        assertEquals(2, g.connectors());
        assertEquals(500, g.capacityMbps());
        assertEquals(Durations.parseNs("4m"), g.restartMeanNs());
        assertEquals(Durations.parseNs("1m"), g.restartSdNs());
        assertEquals(Durations.parseNs("30s"), g.upgradePauseNs());
        assertEquals(0, g.mtbfNs());
        assertEquals(Durations.parseNs("1h"), f.statusLogIntervalNs());
        assertEquals(Durations.parseNs("1h"), f.timelineIntervalNs());
        assertEquals(Durations.parseNs("5s"), f.skewToleranceNs());
        assertEquals(Durations.parseNs("2m"), f.timeSyncDelayNs());
        assertEquals(Durations.parseNs("80ms"), f.brokerRttNs());
        assertEquals("crm", f.apps().get(0).host());
        assertEquals("ON_ACCESS", f.apps().get(0).healthReporting());
        assertEquals(true, f.apps().get(0).doubleEncrypt());
    }
}
