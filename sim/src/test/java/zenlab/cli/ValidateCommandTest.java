package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldListEveryErrorOfAFileOneLineEach() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: x\nduration: soon\nqueue: {arrival_rate_per_s: 0, service_rate_per_s: 1, colour: red}\n");
        CliRun run = CliRun.of("validate", file.toString());
        assertEquals(2, run.exitCode());
        assertEquals(3, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(file + ":2:11: duration:"), run.err());
        assertTrue(run.err().contains(file + ":3:29: queue.arrival_rate_per_s:"), run.err());
        assertTrue(run.err().contains("unknown key 'colour'"), run.err());
    }

    @Test
    void shouldAcceptEveryBundledScenario() throws IOException {
        for (Path scenario : ScenarioFiles.all()) {
            CliRun run = CliRun.of("validate", scenario.toString());
            assertEquals(0, run.exitCode(), scenario + ": " + run.err());
        }
    }
}
