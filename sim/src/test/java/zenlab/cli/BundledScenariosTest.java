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
 * assertions, write a self-contained index.html with charts, and give the golden summary in sim/src/test/resources/golden/ (all but the
 * wall-clock engine section; for summaries over 256 KB, such as the scale scenarios', the golden
 * is their SHA-256). After an intended change of results, regenerate the goldens
 * with {@code mvn -pl sim test -Dtest=BundledScenariosTest -Dzenlab.golden.update=true} and
 * review the diff.
 */
class BundledScenariosTest {

    private static final int LARGE_SUMMARY_CHARS = 256 * 1024;

    static String sha256(String text) throws java.security.NoSuchAlgorithmException {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

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
            List<String> charts = IndexPages.assertSelfContained(out);
            assertFalse(charts.isEmpty(), "every bundled scenario's run draws its charts");
            String summary = RunCommandTest.withoutEngine(out) + "\n";
            boolean large = summary.length() > LARGE_SUMMARY_CHARS;
            if (large) {
                summary = sha256(summary) + "\n";
            }
            Path golden = ScenarioFiles.root().resolve("sim/src/test/resources/golden")
                    .resolve(scenario.getFileName().toString().replace(".yaml", large ? ".summary.sha256" : ".summary.json"));
            if (Boolean.getBoolean("zenlab.golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, summary);
            }
            assertTrue(Files.exists(golden), "no golden summary " + golden + "; create it with -Dzenlab.golden.update=true");
            assertEquals(Files.readString(golden), summary, "summary of " + scenario + " differs from " + golden);
        }));
    }
}
