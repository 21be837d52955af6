package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheStudyAndPrintATableOfEachValue() throws IOException {
        Path out = dir.resolve("study");
        CliRun run = CliRun.of("study", ScenarioFiles.root().resolve("scenarios/upgrade-failure.yaml").toString(),
                "--replications", "3", "--vary", "group.connectors=1..2", "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(out.resolve("study.json")));
        assertTrue(Files.size(out.resolve("availability.png")) > 1000, "the availability chart");
        assertEquals(java.util.List.of("availability.svg", "upgrade-window.svg", "outage-duration.svg"),
                IndexPages.assertSelfContained(out));
        String csv = Files.readString(out.resolve("study.csv"));
        assertEquals(3, csv.lines().count(), csv); // header, 1 connector, 2 connectors
        assertTrue(run.out().contains("varying group.connectors"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("2 ") && l.contains("erp")), run.out());
    }

    @Test
    void shouldRunTheFullFactorialGridOfSeveralVariations() throws IOException {
        Path out = dir.resolve("grid");
        CliRun run = CliRun.of("study", ScenarioFiles.root().resolve("scenarios/pair-vs-single.yaml").toString(),
                "--replications", "3", "--vary", "group.connectors=1..2", "--vary", "failures.mtbf=20d,200d",
                "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode study = new ObjectMapper().readTree(out.resolve("study.json").toFile());
        assertEquals("group.connectors x failures.mtbf", study.path("varied").asText());
        assertEquals("[\"group.connectors\",\"failures.mtbf\"]", study.path("parameters").toString());
        assertEquals(4, study.path("results").size());
        double[][] availability = new double[2][2];
        String[] expected = {"group.connectors=1; failures.mtbf=20d", "group.connectors=1; failures.mtbf=200d",
            "group.connectors=2; failures.mtbf=20d", "group.connectors=2; failures.mtbf=200d"};
        for (int i = 0; i < 4; i++) {
            JsonNode result = study.path("results").get(i);
            assertEquals(expected[i], result.path("value").asText(), "the first --vary varies slowest");
            assertEquals(i < 2 ? "1" : "2", result.path("values").path("group.connectors").asText());
            availability[i / 2][i % 2] = result.path("apps").get(0).path("availability").path("mean").asDouble();
        }
        for (int m = 0; m < 2; m++) {
            assertTrue(availability[1][m] > availability[0][m], "a pair beats a single at either MTBF");
        }
        assertTrue(availability[0][1] > availability[0][0], "a single fails less often with a longer MTBF");
        assertEquals(5, Files.readString(out.resolve("study.csv")).lines().count());
        assertEquals(List.of("availability.svg", "availability-by-group-connectors.svg",
                "availability-by-failures-mtbf.svg", "upgrade-window.svg", "outage-duration.svg"),
                IndexPages.assertSelfContained(out));
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("App crm over the grid"), index);
        assertTrue(index.contains("reproduce: zenlab study "), index);
        assertTrue(index.contains("<td>this machine</td>"), index);

        CliRun twice = CliRun.of("study", ScenarioFiles.root().resolve("scenarios/pair-vs-single.yaml").toString(),
                "--vary", "group.connectors=1..2", "--vary", "group.connectors=3", "--out", dir.resolve("x").toString());
        assertEquals(2, twice.exitCode());
        assertTrue(twice.err().contains("expected each parameter once"), twice.err());
    }

    @Test
    void shouldRefuseABadVariationInOneLineAndWriteNothing() {
        Path out = dir.resolve("never");
        CliRun run = CliRun.of("study", ScenarioFiles.root().resolve("scenarios/upgrade-failure.yaml").toString(),
                "--vary", "group.connectors=many", "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("zenlab study: --vary: expected a whole number of connectors, found 'many'"), run.err());
        assertFalse(Files.exists(out));
        CliRun one = CliRun.of("study", ScenarioFiles.root().resolve("scenarios/upgrade-failure.yaml").toString(),
                "--replications", "1");
        assertEquals(2, one.exitCode());
        CliRun queue = CliRun.of("study", ScenarioFiles.root().resolve("scenarios/mm1.yaml").toString());
        assertEquals(2, queue.exitCode());
        assertTrue(queue.err().contains("queue test model"), queue.err());
    }
}
