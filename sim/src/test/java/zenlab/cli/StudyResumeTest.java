package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import zenlab.drive.UnitStore;

/** A study killed with SIGKILL leaves no results folder, and --resume runs only the units it did not finish. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StudyResumeTest {

    private static final String SCENARIO = ScenarioFiles.root().resolve("scenarios/pair-vs-single.yaml").toString();

    @TempDir
    Path dir;

    private static List<String> study(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("study", SCENARIO, "--replications", "5", "--vary",
                "group.connectors=1..2", "--out", out.toString(), "--quiet", "--threads", "1"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void shouldRunOnlyTheMissingUnitsOfAStudyKilledMidway() throws Exception {
        Path reference = dir.resolve("reference");
        CliRun whole = CliRun.of(study(reference).toArray(String[]::new));
        assertEquals(0, whole.exitCode(), whole.err());

        Path out = dir.resolve("resumed");
        Process killed = new ProcessBuilder(WorkerProcess.zenlabCommand(List.of(), study(out)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        try {
            ClusterStudyTest.waitForUnits(out, 3, null);
        } finally {
            killed.destroyForcibly();
            killed.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(out), "a killed study leaves no results folder that could pass for finished");

        CliRun resumed = CliRun.of(study(out, "--resume").toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        Matcher m = Pattern.compile("resuming: (\\d+) of 10 units already finished").matcher(resumed.err());
        assertTrue(m.find(), resumed.err());
        int kept = Integer.parseInt(m.group(1));
        assertTrue(kept >= 3 && kept < 10, "kept " + kept);
        for (String f : List.of("study.json", "study.csv", "outages.csv")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
        assertFalse(Files.exists(UnitStore.folderOf(out)));
    }

    @Test
    void shouldRefuseToResumeAnotherStudyOrNothing() throws Exception {
        Path out = dir.resolve("nothing");
        CliRun nothing = CliRun.of(study(out, "--resume").toArray(String[]::new));
        assertEquals(2, nothing.exitCode());
        assertEquals(1, nothing.err().lines().count(), nothing.err());
        assertTrue(nothing.err().startsWith("zenlab study: --resume: nothing to resume"), nothing.err());

        // A study that stopped on a failing unit keeps its units; resuming it with another --vary is refused.
        Files.createDirectories(UnitStore.folderOf(out));
        Files.writeString(UnitStore.folderOf(out).resolve("plan.sha256"), "0123\n");
        CliRun other = CliRun.of(study(out, "--resume").toArray(String[]::new));
        assertEquals(2, other.exitCode());
        assertTrue(other.err().contains("ran another scenario, seed, --vary, --replications or zenlab version"), other.err());
        assertFalse(Files.exists(out));
    }
}
