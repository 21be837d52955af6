package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import zenlab.report.SummaryJson;

/**
 * {@code zenlab plan} end to end on the bundled decision (plan-sydney): the answer docs/plan.md
 * gives, its files, the same plan.json byte for byte from the same seed, exit 1 when nothing is
 * feasible, and bad input refused in one line before anything runs.
 */
class PlanCommandTest {

    static final String SCENARIO = ScenarioFiles.root().resolve("scenarios/plan-sydney.yaml").toString();

    @TempDir
    Path dir;

    static String[] plan(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("plan", SCENARIO, "--require", "app.*.availability >= 0.9999",
                "--vary", "group.sydney.connectors=1..3", "--vary", "group.melbourne.upgrade_day=SUNDAY,WEDNESDAY",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void shouldPickMovingMelbournesWindowOverASecondSydneyConnector() throws Exception {
        Path out = dir.resolve("plan");
        CliRun run = CliRun.of(plan(out));
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("cheapest feasible: group.sydney.connectors=1; group.melbourne.upgrade_day=WEDNESDAY"
                + " (cost 2)"), run.out());
        JsonNode json = SummaryJson.mapper().readTree(out.resolve("plan.json").toFile());
        assertEquals(3, json.path("requirements").size(), "app.* is every app");
        List<String> verdicts = new ArrayList<>();
        json.path("configurations").forEach(c -> verdicts.add(c.path("verdict").asText()));
        assertEquals(List.of("infeasible", "feasible", "not examined", "not examined", "not examined", "not examined"),
                verdicts);
        JsonNode sundays = json.path("configurations").get(0).path("figures").get(0);
        assertTrue(sundays.path("ciHigh").asDouble() < 0.9999, "overlapping windows: every app below 99.99%: " + sundays);
        assertTrue(json.path("fixedGridReplications").asLong() > json.path("replications").asLong(), json.toString());
        assertEquals(List.of("plan.svg"), IndexPages.assertSelfContained(out));
        assertEquals(1 + 2 * 3, Files.readAllLines(out.resolve("plan.csv")).size(), "a row per examined configuration and app");
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(out.resolve("assertions.xml").toString());
        assertEquals(3, suites.get(0).getNumberOfTests());
        assertEquals(0, suites.get(0).getNumberOfFailures());

        Path again = dir.resolve("again");
        assertEquals(0, CliRun.of(plan(again)).exitCode());
        assertArrayEquals(Files.readAllBytes(out.resolve("plan.json")), Files.readAllBytes(again.resolve("plan.json")),
                "the same seed, the same plan");
        assertArrayEquals(Files.readAllBytes(out.resolve("assertions.xml")), Files.readAllBytes(again.resolve("assertions.xml")));
    }

    @Test
    void shouldResumeAPlanKilledMidwayToTheSamePlan() throws Exception {
        Path reference = dir.resolve("reference");
        assertEquals(0, CliRun.of(plan(reference, "--batch", "20", "--max-replications", "400")).exitCode());

        Path out = dir.resolve("resumed");
        List<String> args = new ArrayList<>(List.of(plan(out, "--batch", "20", "--max-replications", "400", "--threads", "1")));
        Process killed = new ProcessBuilder(WorkerProcess.zenlabCommand(List.of(), args))
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        try {
            ClusterStudyTest.waitForUnits(out, 40, null); // of the 400 it spends: killed while it decides
        } finally {
            killed.destroyForcibly();
            killed.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(out), "a killed plan leaves no results folder");
        args.add("--resume");
        CliRun resumed = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().matches("(?s).*zenlab plan: resuming: \\d+ replications already finished.*"), resumed.err());
        assertArrayEquals(Files.readAllBytes(reference.resolve("plan.json")), Files.readAllBytes(out.resolve("plan.json")));
    }

    @Test
    void shouldExitOneWhenNoConfigurationIsFeasible() throws Exception {
        Path out = dir.resolve("none");
        CliRun run = CliRun.of("plan", SCENARIO, "--require", "app.crm.availability >= 0.9999", "--vary",
                "group.sydney.connectors=1", "--out", out.toString());
        assertEquals(1, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("no configuration of the grid was declared feasible"), run.out());
        JsonNode json = SummaryJson.mapper().readTree(out.resolve("plan.json").toFile());
        assertTrue(json.path("chosen").isNull());
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(out.resolve("assertions.xml").toString());
        assertEquals(1, suites.get(0).getNumberOfFailures());
    }

    static Stream<List<String>> badInputs() {
        return Stream.of(
                List.of("--require", "app.crm.latency <= 3", "no figure 'app.crm.latency' that every replication yields;"
                        + " expected one of: app.NAME.availability, app.NAME.downtimeSeconds"),
                List.of("--require", "app.erp.availability >= 0.9", "no app 'erp' in the scenario; expected one of: crm, payroll, wiki"),
                List.of("--require", "app.crm.availability == 1", "a requirement is a bound: expected >=, >, <= or <"),
                List.of("--require", "availability is high", "expected 'figure >= number' or 'figure <= number'"),
                List.of("--cost", "connectors * price", "--cost: no 'price' in this scenario"),
                List.of("--cost", "connectors *", "--cost: 'connectors *' ends too soon"),
                List.of("--confidence", "1.5", "--confidence: expected a probability between 0.5 and 1"),
                List.of("--tolerance", "0", "--tolerance: expected a share between 0 and 1"),
                List.of("--max-replications", "52", "--max-replications: expected a multiple of --batch (5) from 50"),
                List.of("--vary", "group.perth.connectors=1..2", "--vary: no connector group 'perth' in the scenario"),
                List.of("--vary", "group.melbourne.upgrade_day=FUNDAY", "expected a day, MONDAY to SUNDAY, found 'FUNDAY'"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void shouldRefuseBadInputInOneLineBeforeRunning(List<String> input) {
        Path out = dir.resolve("bad");
        List<String> args = new ArrayList<>(List.of("plan", SCENARIO, "--out", out.toString()));
        args.addAll(input.subList(0, 2));
        if (!input.get(0).equals("--require")) {
            args.addAll(List.of("--require", "app.crm.availability >= 0.999"));
        }
        if (!input.get(0).equals("--vary")) {
            args.addAll(List.of("--vary", "group.sydney.connectors=1..2"));
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err() + run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("zenlab plan: ") && run.err().contains(input.get(2)), run.err());
        assertFalse(Files.exists(out));
    }
}
