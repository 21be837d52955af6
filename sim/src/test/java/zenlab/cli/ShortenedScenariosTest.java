package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import zenlab.scenario.Durations;

/**
 * What a new user does first: take a bundled scenario and shorten it. Every one, cut to at most
 * 7 days, validates and runs to a results folder in which every assertion was evaluated (it
 * may fail: a week has fewer upgrade windows than a year), never exit 2 with nothing written.
 */
class ShortenedScenariosTest {

    private static final Pattern DURATION = Pattern.compile("(?m)^duration: (\\S+)");
    private static final long WEEK_NS = Durations.parseNs("7d");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> shouldValidateAndRunEveryBundledScenarioCutToAWeek() throws Exception {
        return ScenarioFiles.all().stream().map(scenario -> DynamicTest.dynamicTest(scenario.getFileName().toString(), () -> {
            String text = Files.readString(scenario);
            Matcher m = DURATION.matcher(text);
            assertTrue(m.find(), scenario + " has a top-level duration");
            String week = Durations.parseNs(m.group(1)) > WEEK_NS ? "7d" : m.group(1);
            Path shortened = dir.resolve(scenario.getFileName());
            Files.writeString(shortened, m.replaceFirst("duration: " + week));

            CliRun validate = CliRun.of("validate", shortened.toString());
            assertEquals(0, validate.exitCode(), validate.err());

            Path out = dir.resolve(scenario.getFileName().toString().replace(".yaml", ""));
            CliRun run = CliRun.of("run", shortened.toString(), "--out", out.toString(), "-q");
            assertTrue(run.exitCode() == 0 || run.exitCode() == 1, "exit " + run.exitCode() + ": " + run.err());
            JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            for (JsonNode assertion : summary.path("assertions")) {
                assertTrue(assertion.path("value").isNumber(), "not evaluated: " + assertion);
                assertFalse(assertion.has("reason"), assertion.toString());
            }
            assertTrue(Files.exists(out.resolve("index.html")));
        }));
    }

    @Test
    void shouldWriteTheResultsAndExitOneWhenAFigureIsMissingFromTheRun() throws Exception {
        // Melbourne-3 can exist (a re-provisioning after a MAC change takes the key's third use),
        // so validate accepts it; in a week without the MAC change it never enrols.
        String text = Files.readString(ScenarioFiles.root().resolve("scenarios/mac-change.yaml"));
        Matcher name = Pattern.compile("(?m)^  - \\{name: (\\w+), max_usage: (\\d+)").matcher(text);
        assertTrue(name.find(), "mac-change.yaml names its key");
        String connector = name.group(1) + "-" + name.group(2);
        String shortened = text.replaceFirst("(?m)^duration: \\S+", "duration: 1h")
                .replaceFirst("(?m)^assertions:\\n", "assertions:\n  - connector." + connector + ".upgrades >= 0\n");
        Path file = dir.resolve("mac-change.yaml");
        Files.writeString(file, shortened);
        assertEquals(0, CliRun.of("validate", file.toString()).exitCode());

        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", file.toString(), "--out", out.toString(), "-q");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL  connector." + connector + ".upgrades >= 0  (no number 'connector."
                + connector + ".upgrades' in these results"), run.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode first = summary.path("assertions").get(0);
        assertFalse(first.path("passed").asBoolean());
        assertTrue(first.path("reason").asText().contains("no number"), first.toString());
        assertTrue(Files.readString(out.resolve("index.html")).contains("no number"));
    }
}
