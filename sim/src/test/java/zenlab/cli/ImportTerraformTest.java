package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import zenlab.scenario.AppSpec;
import zenlab.scenario.ConnectorGroupSpec;
import zenlab.scenario.FleetSection;
import zenlab.scenario.ProvisioningKeySpec;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioLoader;

/**
 * {@code zenlab import terraform} on fixtures written from the ZPA provider's documented schema
 * (sim/src/test/resources/terraform): every field lands, links resolve across modules and
 * {@code for_each}, the provisioning key's secret appears nowhere, bad input gets one line and
 * writes nothing, an overlay merges by name, and an imported scenario replays exactly as its
 * hand-written equivalent.
 */
class ImportTerraformTest {

    private static final Path FIXTURES = ScenarioFiles.root().resolve("sim/src/test/resources/terraform");
    /** The secrets the fixtures hold in their provisioning_key attributes, as Terraform prints them. */
    private static final List<String> SECRETS = List.of("SECRETxKEYxMELBOURNExDoNotLeakx7a9f2c",
            "SECRETxKEYxSYDNEYxDoNotLeakx11aa", "SECRETxKEYxHQxDoNotLeakxff00", "SECRETxKEYxEDGExDoNotLeakxff01");

    @TempDir
    Path dir;

    private CliRun importFile(String fixture, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("import", "terraform", FIXTURES.resolve(fixture).toString(),
                "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static FleetSection fleet(Path scenario) throws Exception {
        return ScenarioLoader.load(scenario).fleet();
    }

    private static ConnectorGroupSpec group(FleetSection fleet, String name) {
        return fleet.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no group " + name + " in " + fleet.groups()));
    }

    private static AppSpec app(FleetSection fleet, String name) {
        return fleet.apps().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no app " + name + " in " + fleet.apps()));
    }

    private static void assertNoSecret(String where, String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret) || text.contains(secret.substring(0, 20)), "the key's secret in " + where);
        }
    }

    /** Every file under {@code folder} and the console: no secret anywhere. */
    private static void assertNoSecretWritten(Path folder, CliRun run) throws IOException {
        assertNoSecret("stdout", run.out());
        assertNoSecret("stderr", run.err());
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                assertNoSecret(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void shouldLandEveryFieldOfASmallStateInTheScenario() throws Exception {
        Path out = dir.resolve("small.yaml");
        CliRun run = importFile("small-state.json", out);
        assertEquals(0, run.exitCode(), run.err());
        FleetSection fleet = fleet(out);
        ConnectorGroupSpec g = group(fleet, "Melbourne-DC");
        assertEquals("Melbourne VIC, Australia", g.location());
        assertEquals(DayOfWeek.TUESDAY, g.upgradeDay());
        assertEquals(7200, g.upgradeTimeInSecs());
        assertEquals(3, g.connectors(), "the key's usage_count");
        assertEquals(List.of(new ProvisioningKeySpec("Melbourne-key", 4, "Melbourne-DC", null)), fleet.keys());
        AppSpec crm = app(fleet, "CRM");
        assertEquals("crm.corp.internal", crm.host());
        assertEquals(List.of("Melbourne-DC"), crm.groups());
        assertEquals("CONTINUOUS", crm.healthReporting());
        assertTrue(crm.doubleEncrypt());
        String text = Files.readString(out);
        assertTrue(text.startsWith("# covers: small-state.json (terraform show -json of a state)"), text);
        for (String shown : List.of("zpa_app_connector_group.melbourne (id 216196257331370181)",
                "at Melbourne, AU (-37.8136, 144.9631)", "version profile New Release (overridden); DNS IPV4_IPV6",
                "named \"Melbourne DC\" in ZPA", "domains crm.corp.internal, crm-api.corp.internal; TCP ports 443, 8000-8080",
                "server groups: CRM servers", "# assumed: 3 connectors (the key's usage_count",
                "# assumed: two brokers")) {
            assertTrue(text.contains(shown), shown + " in\n" + text);
        }
        assertTrue(run.out().contains("1 connector group, 1 provisioning key, 1 app"), run.out());
        assertTrue(run.out().contains("assumed: 4 values Terraform does not know"), run.out());
        assertNoSecretWritten(dir, run);
    }

    @Test
    void shouldResolveLinksAcrossModulesAndForEachInASavedPlan() throws Exception {
        Path out = dir.resolve("plan.yaml");
        CliRun run = importFile("plan-modules.json", out);
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("not in the file"), run.out());
        FleetSection fleet = fleet(out);
        assertEquals(List.of("Perth", "Brisbane", "Sydney"), fleet.groups().stream().map(ConnectorGroupSpec::name).toList());
        // Brisbane and Perth are still to be created: their ids, and their keys' zcomponent_id, are unknown
        // until apply, so the links come from the configuration's references (module instance, for_each key).
        assertEquals(Map.of("Perth-key", "Perth", "Brisbane-key", "Brisbane", "Sydney-key", "Sydney"),
                fleet.keys().stream().collect(Collectors.toMap(ProvisioningKeySpec::name, ProvisioningKeySpec::group)));
        assertEquals(List.of("Brisbane", "Sydney"), app(fleet, "ERP").groups(), "a server group naming a module's groups");
        assertEquals(List.of("Brisbane", "Sydney"), app(fleet, "Wiki").groups());
        assertEquals(List.of("Perth"), app(fleet, "Perth-intranet").groups(), "a browser-access segment");
        assertEquals(DayOfWeek.WEDNESDAY, group(fleet, "Brisbane").upgradeDay());
        assertEquals(3600, group(fleet, "Brisbane").upgradeTimeInSecs());
        assertEquals(2, group(fleet, "Brisbane").connectors(), "no usage_count before apply: the key's max_usage");
        assertEquals(2, group(fleet, "Sydney").connectors(), "the key's usage_count");
        assertEquals("NONE", app(fleet, "Wiki").healthReporting());
        assertTrue(Files.readString(out).contains("TCP ports 80, 443"), "tcp_port_range blocks");
        assertTrue(Files.readString(out).contains("(id known after apply)"));
        assertNoSecretWritten(dir, run);
    }

    @Test
    void shouldSkipWhatConcernsNoConnectorAndSayWhy() throws Exception {
        Path out = dir.resolve("edge.yaml");
        CliRun run = importFile("service-edge-state.json", out);
        assertEquals(0, run.exitCode(), run.err());
        for (String said : List.of("2 connector groups, 1 provisioning key, 2 apps",
                "2 resources of provider hashicorp/aws", "1 zpa_app_connector_group (disabled)",
                "1 zpa_application_segment (bypass_type ALWAYS", "1 zpa_application_segment (disabled)",
                "1 zpa_provisioning_key (association_type SERVICE_EDGE_GRP", "1 zpa_provisioning_key (disabled)",
                "1 zpa_segment_group (not modelled)",
                "zpa_provisioning_key.elsewhere: zcomponent_id 555 is not in the file",
                "zpa_server_group.hq: app_connector_groups 777 is not in the file")) {
            assertTrue(run.out().contains(said), said + " in\n" + run.out());
        }
        FleetSection fleet = fleet(out);
        ConnectorGroupSpec hq = group(fleet, "HQ-connectors");
        assertEquals(DayOfWeek.SATURDAY, hq.upgradeDay(), "a data source's group, its day in lower case");
        assertEquals(900, hq.upgradeTimeInSecs(), "1000 s rounded down to the quarter hour");
        assertEquals(5000, fleet.keys().get(0).maxUsage(), "max_usage 6000 capped at the format's 5000");
        assertEquals(2, group(fleet, "Lab").connectors(), "no key: 2 assumed");
        assertEquals(List.of("Payroll", "Lab-tools"), fleet.apps().stream().map(AppSpec::name).toList());
        assertEquals("ON_ACCESS", app(fleet, "Payroll").healthReporting());
        assertTrue(app(fleet, "Lab-tools").doubleEncrypt());
        String text = Files.readString(out);
        assertTrue(text.contains("# assumed: 900 (1000 in the file"), text);
        assertFalse(text.contains("Old DC") || text.contains("Retired") || text.contains("Public site"), text);
        assertNoSecretWritten(dir, run);
    }

    @Test
    void shouldImportTwoHundredGroupsQuickly() throws Exception {
        Path json = dir.resolve("big.json");
        Files.writeString(json, generatedState(200));
        Path out = dir.resolve("big.yaml");
        long startNs = System.nanoTime();
        CliRun run = CliRun.of("import", "terraform", json.toString(), "--out", out.toString());
        double seconds = (System.nanoTime() - startNs) / 1e9;
        assertEquals(0, run.exitCode(), run.err());
        FleetSection fleet = fleet(out);
        assertEquals(200, fleet.groups().size());
        assertEquals(200, fleet.keys().size());
        assertEquals(200, fleet.apps().size());
        assertEquals(List.of("site-007"), app(fleet, "app-007").groups());
        // A bound for a hung import, not a benchmark: it takes about 0.1 s here once warm.
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    /** A state of {@code n} sites, each a group, its key, its server group and one segment. */
    static String generatedState(int n) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("format_version", "1.0").put("terraform_version", "1.9.8");
        ArrayNode resources = root.putObject("values").putObject("root_module").putArray("resources");
        for (int i = 0; i < n; i++) {
            String site = String.format("site-%03d", i);
            String days = "MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY";
            resource(resources, "zpa_app_connector_group.site[\"" + site + "\"]", "zpa_app_connector_group")
                    .put("id", "g" + i).put("name", site).put("enabled", true)
                    .put("upgrade_day", days.split(" ")[i % 7]).put("upgrade_time_in_secs", Integer.toString(900 * (i % 96)));
            resource(resources, "zpa_provisioning_key.site[\"" + site + "\"]", "zpa_provisioning_key")
                    .put("id", "k" + i).put("name", site + "-key").put("association_type", "CONNECTOR_GRP")
                    .put("max_usage", "2").put("usage_count", "2").put("zcomponent_id", "g" + i)
                    .put("provisioning_key", "2|api.private.zscaler.com|" + SECRETS.get(0));
            ObjectNode sg = resource(resources, "zpa_server_group.site[\"" + site + "\"]", "zpa_server_group")
                    .put("id", "s" + i).put("name", site + " servers").put("enabled", true);
            sg.putArray("app_connector_groups").addObject().putArray("id").add("g" + i);
            ObjectNode app = resource(resources, "zpa_application_segment.site[\"" + site + "\"]", "zpa_application_segment")
                    .put("id", "a" + i).put("name", String.format("app-%03d", i)).put("enabled", true);
            app.putArray("domain_names").add(String.format("app%03d.corp.internal", i));
            app.putArray("server_groups").addObject().putArray("id").add("s" + i);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static ObjectNode resource(ArrayNode resources, String address, String type) {
        ObjectNode r = resources.addObject().put("address", address).put("mode", "managed").put("type", type)
                .put("name", "site").put("provider_name", "registry.terraform.io/zscaler/zpa");
        return r.putObject("values");
    }

    static Stream<List<String>> badInputs() {
        return Stream.of(
                List.of("not json {", ":1:", "not JSON"),
                List.of("[1, 2]", "", "not a JSON object"),
                List.of("{\"format_version\": \"2.0\", \"values\": {}}", "", "format_version 2.0; expected 1.x"),
                List.of("{\"terraform_version\": \"1.9\"}", "", "no format_version"),
                List.of("{\"format_version\": \"1.0\"}", "", "the state holds no resources"),
                List.of("{\"format_version\": \"1.0\", \"values\": {\"root_module\": {\"resources\": [{\"address\": \"aws_instance.a\","
                        + " \"mode\": \"managed\", \"type\": \"aws_instance\", \"provider_name\": \"registry.terraform.io/hashicorp/aws\","
                        + " \"values\": {}}]}}}", "", "no resource of provider registry.terraform.io/zscaler/zpa (found 1 of hashicorp/aws)"),
                List.of("{\"format_version\": \"1.0\", \"values\": {\"root_module\": {\"resources\": 7}}}", "",
                        "'resources' is not a list"),
                List.of("{\"format_version\": \"1.0\", \"a\": 1, \"a\": 2}", ":1:", "Duplicate field 'a'"),
                List.of("[".repeat(5000), "", "nesting depth (65) exceeds the maximum allowed (64"),
                List.of("{\"format_version\": \"1.0\", \"values\": {\"root_module\": {\"resources\": [{\"address\": \"zpa_server_group.x\","
                        + " \"mode\": \"managed\", \"type\": \"zpa_server_group\", \"provider_name\": \"registry.terraform.io/zscaler/zpa\","
                        + " \"values\": {\"id\": \"1\"}}]}}}", "", "no enabled zpa_app_connector_group"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void shouldRefuseBadInputInOneLineAndWriteNothing(List<String> input) throws Exception {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, input.get(0));
        Path out = dir.resolve("bad.yaml");
        CliRun run = CliRun.of("import", "terraform", json.toString(), "--out", out.toString());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("zenlab import terraform: " + json + input.get(1)), run.err());
        assertTrue(run.err().contains(input.get(2)), run.err());
        assertFalse(Files.exists(out));
        assertEquals("", run.out());
    }

    @Test
    void shouldRefuseAHugeFileWithoutReadingIt() throws Exception {
        Path json = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(json.toFile(), "rw")) {
            f.setLength((64L << 20) + 1); // sparse: nothing is written, and nothing must be read
        }
        CliRun run = CliRun.of("import", "terraform", json.toString(), "--out", dir.resolve("huge.yaml").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("the file has 67108865 bytes; expected the output of terraform show -json of at"
                + " most 64 MiB"), run.err());
        assertFalse(Files.exists(dir.resolve("huge.yaml")));
    }

    @Test
    void shouldMergeAnOverlayByNameAndAddAssertions() throws Exception {
        Path overlay = dir.resolve("load.yaml");
        Files.writeString(overlay, String.join("\n",
                "# what Terraform cannot know",
                "duration: 30d",
                "brokers: [{name: broker1a.syd4}, {name: broker1b.syd4}, {name: broker2a.mel1}]",
                "connector_groups:",
                "  - name: Melbourne-DC",
                "    failures: {mtbf: 90d, mttr: 2h}",
                "apps:",
                "  - name: CRM",
                "    demand: {mtunnels_per_s: 0.5, duration: {mean: 2m}, mbps: 0.5, users: 200}",
                "faults:",
                "  - {at: 10d, connector_crash: Melbourne-key-1}",
                "assertions:",
                "  - group.Melbourne-DC.upgradeWindows >= 4",
                ""));
        Path out = dir.resolve("merged.yaml");
        CliRun run = importFile("small-state.json", out, "--with", overlay.toString(),
                "--assert", "app.CRM.availability >= 0.99");
        assertEquals(0, run.exitCode(), run.err());
        Scenario s = ScenarioLoader.load(out);
        assertEquals(30L * 86_400_000_000_000L, s.durationNs());
        assertEquals(List.of("broker1a.syd4", "broker1b.syd4", "broker2a.mel1"),
                s.fleet().brokers().stream().map(b -> b.name()).toList());
        ConnectorGroupSpec g = group(s.fleet(), "Melbourne-DC");
        assertEquals(90L * 86_400_000_000_000L, g.mtbfNs());
        assertEquals(DayOfWeek.TUESDAY, g.upgradeDay(), "imported fields the overlay does not name stay");
        assertEquals(0.5, app(s.fleet(), "CRM").mtunnelsPerS());
        assertEquals(200, app(s.fleet(), "CRM").users());
        assertEquals(1, s.fleet().faults().size());
        assertEquals(List.of("group.Melbourne-DC.upgradeWindows >= 4", "app.CRM.availability >= 0.99"),
                s.assertions().stream().map(a -> a.expression()).toList());

        Path results = dir.resolve("results");
        CliRun replay = CliRun.of("run", out.toString(), "--out", results.toString(), "--quiet");
        assertEquals(0, replay.exitCode(), replay.err() + replay.out());
        assertNoSecretWritten(dir, replay);
    }

    @Test
    void shouldRefuseAnOverlayEntryThatNamesNothingImported() throws Exception {
        Path overlay = dir.resolve("load.yaml");
        Files.writeString(overlay, "apps:\n  - name: CRM\n    demand: {mtunnels_per_s: 1}\n  - name: ERP\n    demand: {mtunnels_per_s: 1}\n");
        Path out = dir.resolve("merged.yaml");
        CliRun run = importFile("small-state.json", out, "--with", overlay.toString());
        assertEquals(2, run.exitCode());
        assertEquals("zenlab import terraform: " + overlay + ":4:11: apps[1].name: no imported app 'ERP'; expected one of: CRM",
                run.err().strip());
        assertFalse(Files.exists(out));

        Files.writeString(overlay, "apps:\n  - name: CRM\n    demand: {mtunnels_per_s: lots}\n");
        run = importFile("small-state.json", out, "--with", overlay.toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("mtunnels_per_s") && run.err().contains("check " + overlay), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldReplayAsTheHandWrittenEquivalentDoes() throws Exception {
        Path out = dir.resolve("imported.yaml");
        assertEquals(0, importFile("small-state.json", out, "--name", "melbourne-dc").exitCode());
        Path imported = dir.resolve("imported-results");
        Path handWritten = dir.resolve("hand-results");
        CliRun a = CliRun.of("run", out.toString(), "--out", imported.toString(), "--quiet");
        CliRun b = CliRun.of("run", FIXTURES.resolve("small-state.equivalent.yaml").toString(), "--out",
                handWritten.toString(), "--quiet");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, b.exitCode(), b.err());
        String summaryA = withoutEngine(imported.resolve("summary.json"));
        String summaryB = withoutEngine(handWritten.resolve("summary.json"));
        assertEquals(summaryB, summaryA);
        assertArrayEquals(Files.readAllBytes(handWritten.resolve("causes.csv")),
                Files.readAllBytes(imported.resolve("causes.csv")));
    }

    @Test
    void shouldWriteAssertionsAsJUnitXmlForCiToReadFromARunAndAStudy() throws Exception {
        Path scenario = dir.resolve("gate.yaml");
        assertEquals(0, importFile("small-state.json", scenario, "--duration", "30d", "--name", "gate",
                "--assert", "app.CRM.availability >= 0.99",
                "--assert", "connectorsByState.CONNECTED >= 4",
                "--assert", "app.CRM.downtimeSeconds <= 600").exitCode());

        Path results = dir.resolve("run");
        CliRun run = CliRun.of("run", scenario.toString(), "--out", results.toString(), "--quiet");
        assertEquals(1, run.exitCode(), "an assertion failed: " + run.out() + run.err());
        List<ReportTestSuite> suites = junitXml(results.resolve("assertions.xml"));
        assertEquals(1, suites.size());
        ReportTestSuite suite = suites.get(0);
        assertEquals("zenlab run gate (virtual)", suite.getFullClassName());
        assertEquals(3, suite.getNumberOfTests());
        assertEquals(1, suite.getNumberOfFailures());
        List<ReportTestCase> cases = suite.getTestCases();
        assertEquals(List.of("app.CRM.availability >= 0.99", "connectorsByState.CONNECTED >= 4",
                "app.CRM.downtimeSeconds <= 600"), cases.stream().map(ReportTestCase::getName).toList());
        assertTrue(cases.get(0).isSuccessful());
        assertTrue(cases.get(1).hasFailure());
        assertEquals("AssertionFailed", cases.get(1).getFailureType());
        assertEquals("was 3.00000, expected connectorsByState.CONNECTED >= 4", cases.get(1).getFailureMessage());
        assertTrue(cases.get(2).isSuccessful());

        Path study = dir.resolve("study");
        CliRun studyRun = CliRun.of("study", scenario.toString(), "--replications", "2", "--vary", "group.connectors=1..2",
                "--out", study.toString(), "--quiet");
        assertEquals(0, studyRun.exitCode(), studyRun.err());
        List<ReportTestSuite> points = junitXml(study.resolve("assertions.xml"));
        assertEquals(List.of("zenlab study gate at group.connectors=1 (means of 2 replications)",
                "zenlab study gate at group.connectors=2 (means of 2 replications)"),
                points.stream().map(ReportTestSuite::getFullClassName).toList());
        for (ReportTestSuite point : points) {
            assertEquals(3, point.getNumberOfTests());
            ReportTestCase figureAStudyLacks = point.getTestCases().get(1);
            assertEquals("FigureMissing", figureAStudyLacks.getFailureType(), "a study keeps no connector states");
            assertTrue(point.getTestCases().get(0).isSuccessful(), "a month of a group with upgrades: above 99%");
        }
    }

    /** assertions.xml as CI tools read it: with Surefire's own JUnit XML parser. */
    private static List<ReportTestSuite> junitXml(Path file) throws Exception {
        assertTrue(Files.isRegularFile(file), file + " written");
        return new TestSuiteXmlParser(new NullConsoleLogger()).parse(file.toString());
    }

    /** The summary without its wall-clock figures (the engine block), which no two runs share. */
    private static String withoutEngine(Path summary) throws IOException {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(summary.toFile());
        json.remove("engine");
        return json.toPrettyString();
    }
}
