package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldPrintTheFiguresThatDifferWithTheirDifference() throws Exception {
        Path scenario = ScenarioFiles.root().resolve("scenarios/upgrades-pair-vs-single.yaml");
        assertEquals(0, CliRun.of("run", scenario.toString(), "--out", dir.resolve("a").toString(), "--quiet").exitCode());
        assertEquals(0, CliRun.of("run", scenario.toString(), "--out", dir.resolve("b").toString(), "--quiet",
                "--seed", "12").exitCode());
        CliRun same = CliRun.of("compare", dir.resolve("a").toString(), dir.resolve("a/summary.json").toString());
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(same.out().lines().anyMatch(l -> l.matches("0 of \\d+ figures differ")), same.out());

        CliRun diff = CliRun.of("compare", dir.resolve("a").toString(), dir.resolve("b").toString());
        assertEquals(0, diff.exitCode(), diff.err());
        assertTrue(diff.out().contains("seed 11") && diff.out().contains("seed 12"), diff.out());
        // The seed differs; upgrade windows are fixed by the calendar and do not.
        assertTrue(diff.out().lines().anyMatch(l -> l.matches("seed +11 +12 +1 +\\+9.09%")), diff.out());
        assertTrue(diff.out().lines().noneMatch(l -> l.startsWith("group.pair.upgradeWindows ")), diff.out());
        CliRun all = CliRun.of("compare", "--all", dir.resolve("a").toString(), dir.resolve("b").toString());
        assertTrue(all.out().lines().anyMatch(l -> l.startsWith("group.pair.upgradeWindows ")), all.out());
    }

    @Test
    void shouldRefuseAFolderWithoutASummaryInOneLine() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("compare", dir.resolve("empty").toString(), dir.resolve("empty").toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("no such summary"), run.err());
    }
}
