package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code zenlab run --mode live} refuses before it opens a socket: one line, exit 2, nothing written. */
class LiveModeArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseTheQueueModelInLiveMode() {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", ScenarioFiles.root().resolve("scenarios/mm1.yaml").toString(), "--mode", "live",
                "--out", out.toString(), "--quiet");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("live mode runs fleet scenarios"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldAskForATimeScaleWhenTheScenarioHasNone() {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", ScenarioFiles.root().resolve("scenarios/mac-change.yaml").toString(), "--mode", "live",
                "--out", out.toString(), "--quiet");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected time_scale: X in the scenario"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldRefuseATimeScaleThatIsNotPositive() {
        CliRun run = CliRun.of("run", ScenarioFiles.root().resolve("scenarios/live-upgrades.yaml").toString(), "--mode",
                "live", "--time-scale", "0", "--out", dir.resolve("out").toString(), "--quiet");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--time-scale: expected a number greater than 0"), run.err());
    }

    @Test
    void shouldRefuseATimeScaleKeyThatIsNotANumber() throws Exception {
        Path scenario = dir.resolve("bad.yaml");
        Files.writeString(scenario, Files.readString(ScenarioFiles.root().resolve("scenarios/live-upgrades.yaml"))
                .replace("time_scale: 120", "time_scale: fast"));
        CliRun run = CliRun.of("run", scenario.toString(), "--mode", "live", "--out", dir.resolve("out").toString(), "--quiet");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().matches("(?s).*bad\\.yaml:\\d+:\\d+: .*time_scale.*"), run.err());
    }

    /** 0.4 mtunnels/s x 300 s x 0.005 Mbps x 120 = 72 Mbps fits; at 240x it is 144, over the 100 Mbps a live run may push. */
    @Test
    void shouldRefuseMoreDemandThanTheMachineCarriesOnTime() {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", ScenarioFiles.root().resolve("scenarios/live-upgrades.yaml").toString(), "--mode",
                "live", "--time-scale", "240", "--out", out.toString(), "--quiet");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("times time_scale 240 is 144 Mbps of real traffic; expected at most 100"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldRefuseAnAppThatIsNotAnEchoServer() throws Exception {
        Path scenario = dir.resolve("http.yaml");
        Files.writeString(scenario, Files.readString(ScenarioFiles.root().resolve("scenarios/live-upgrades.yaml"))
                .replace("groups: [single],", "groups: [single], server: http,"));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", scenario.toString(), "--mode", "live", "--out", out.toString(), "--quiet");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("app single-app: live mode carries each app's demand to the built-in echo server"),
                run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(out));
    }
}
