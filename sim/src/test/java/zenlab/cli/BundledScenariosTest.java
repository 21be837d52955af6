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
 * assertions, write a self-contained index.html with charts, and give the golden summary in
 * sim/src/test/resources/golden/ (all but the wall-clock engine section). For summaries over
 * 256 KB, such as the scale scenarios', the golden is a digest a person can still read: each list
 * of more than 20 elements stands as its count, its first and last elements and the SHA-256 of
 * the whole list. After an intended change of results, regenerate the goldens with
 * {@code mvn -pl sim test -Dtest=BundledScenariosTest -Dzenlab.golden.update=true}: that run
 * writes them and fails, so that nothing passes until the diff is reviewed and the test is run
 * again without the flag.
 */
class BundledScenariosTest {

    private static final int LARGE_SUMMARY_CHARS = 256 * 1024;
    private static final int LISTED_ELEMENTS = 20;

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

    /** The summary with each long list replaced by its count, first and last elements and SHA-256. */
    static String digest(String summaryJson) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = zenlab.report.SummaryJson.mapper();
        com.fasterxml.jackson.databind.node.ObjectNode summary =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(summaryJson);
        List<String> fields = new java.util.ArrayList<>();
        summary.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            com.fasterxml.jackson.databind.JsonNode value = summary.get(field);
            if (value.isArray() && value.size() > LISTED_ELEMENTS) {
                com.fasterxml.jackson.databind.node.ObjectNode list = summary.putObject(field);
                list.put("elements", value.size());
                list.set("first", value.get(0));
                list.set("last", value.get(value.size() - 1));
                list.put("sha256", sha256(json.writeValueAsString(value)));
            }
        }
        return json.writeValueAsString(summary);
    }

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
                summary = digest(summary) + "\n";
            }
            Path golden = ScenarioFiles.root().resolve("sim/src/test/resources/golden")
                    .resolve(scenario.getFileName().toString().replace(".yaml", large ? ".summary-digest.json" : ".summary.json"));
            if (Boolean.getBoolean("zenlab.golden.update")) {
                Files.createDirectories(golden.getParent());
                boolean changed = !Files.exists(golden) || !Files.readString(golden).equals(summary);
                Files.writeString(golden, summary);
                assertFalse(changed, "golden rewritten: review `git diff " + ScenarioFiles.root().relativize(golden)
                        + "`, then run the test again without -Dzenlab.golden.update");
            }
            assertTrue(Files.exists(golden), "no golden summary " + golden + "; create it with -Dzenlab.golden.update=true");
            assertEquals(Files.readString(golden), summary, "summary of " + scenario + " differs from " + golden);
        }));
    }
}
