package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every scenario in scenarios/: it must start with a '# covers:' line, pass its own
 * assertions, and give the golden summary in sim/src/test/resources/golden/ (all but the
 * wall-clock engine section). After an intended change of results, regenerate the goldens
 * with {@code mvn -pl sim test -Dtest=BundledScenariosTest -Dzenlab.golden.update=true} and
 * review the diff.
 */
class BundledScenariosTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> shouldReplayEveryScenarioToItsGoldenSummary() throws IOException {
        List<Path> scenarios = ScenarioFiles.all();
        assertFalse(scenarios.isEmpty(), "no scenarios found under " + ScenarioFiles.root());
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.getFileName().toString(), () -> {
            List<String> head = Files.readAllLines(scenario, StandardCharsets.UTF_8).stream().limit(3).collect(Collectors.toList());
            assertTrue(head.stream().anyMatch(line -> line.startsWith("# covers:")), scenario + " must start with '# covers:'");
            Path out = dir.resolve(scenario.getFileName().toString().replace(".yaml", ""));
            CliRun run = CliRun.of("run", scenario.toString(), "--out", out.toString(), "--quiet");
            assertEquals(0, run.exitCode(), scenario + " failed its assertions or did not run:\n" + run.out() + run.err());
            String summary = RunCommandTest.withoutEngine(out) + "\n";
            Path golden = ScenarioFiles.root().resolve("sim/src/test/resources/golden")
                    .resolve(scenario.getFileName().toString().replace(".yaml", ".summary.json"));
            if (Boolean.getBoolean("zenlab.golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, summary);
            }
            assertTrue(Files.exists(golden), "no golden summary " + golden + "; create it with -Dzenlab.golden.update=true");
            assertEquals(Files.readString(golden), summary, "summary of " + scenario + " differs from " + golden);
        }));
    }
}
