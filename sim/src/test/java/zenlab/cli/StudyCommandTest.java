package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
