package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zenlab.report.OutputEstimate;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioLoader;

/**
 * Defaults that fit a disk: the README's own minimal scenario, run as a new user runs it, writes
 * a folder of a few MB that the estimate foresaw; asking for every mtunnel of that year is
 * refused before anything is written; a large journal is gzip-compressed and stays deterministic.
 */
class OutputBudgetTest {

    private static final Pattern README_SCENARIO = Pattern.compile("## A minimal scenario.*?```yaml\\n(.*?)```",
            Pattern.DOTALL);

    @TempDir
    Path dir;

    static String readmeScenario() throws IOException {
        Matcher m = README_SCENARIO.matcher(Files.readString(ScenarioFiles.root().resolve("README.md")));
        assertTrue(m.find(), "README has a yaml block under 'A minimal scenario'");
        return m.group(1);
    }

    @Test
    void shouldRunTheReadmeExampleWithinTheBudgetAndAsEstimated() throws Exception {
        Path scenario = dir.resolve("my-site.yaml");
        Files.writeString(scenario, readmeScenario());
        Scenario loaded = ScenarioLoader.load(scenario);
        assertEquals(365 * 86_400_000_000_000L, loaded.durationNs(), "the README's example is a year");
        long estimated = OutputEstimate.of(loaded).totalBytes();

        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", scenario.toString(), "--out", out.toString(), "-q");
        assertEquals(0, run.exitCode(), run.err());
        long written = folderBytes(out);
        assertTrue(written < OutputEstimate.DEFAULT_BUDGET_BYTES / 10, "the README's example wrote " + written + " bytes");
        assertTrue(written > estimated / 2 && written < estimated * 2,
                "estimated " + estimated + " bytes, written " + written);
        assertTrue(Files.exists(out.resolve("journal.jsonl")), "a milestone journal is small: not compressed");
        assertTrue(CliRun.of("validate", scenario.toString()).out().contains("journal: full would write ~"));
    }

    @Test
    void shouldRefuseAFullJournalOfAYearBeforeWritingAnything() throws Exception {
        Path scenario = dir.resolve("full.yaml");
        Files.writeString(scenario, readmeScenario().replace("duration: 365d", "duration: 365d\njournal: full"));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", scenario.toString(), "--out", out.toString(), "-q");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().matches("(?s)\\Q" + scenario + "\\E: the results would take about [0-9.]+ GB"
                + " \\(journal\\.jsonl\\.gz ~.*more than --max-output 500 MB; expected journal: milestones.*\\n"),
                run.err());
        assertEquals(1, run.err().lines().count());
        assertFalse(Files.exists(out), "nothing written");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "no staging folder left beside it");
        }

        CliRun badSize = CliRun.of("run", scenario.toString(), "--max-output", "lots");
        assertEquals(2, badSize.exitCode());
        assertTrue(badSize.err().startsWith("zenlab run: --max-output: expected a size with a unit"), badSize.err());
    }

    @Test
    void shouldCompressALargeFullJournalDeterministically() throws Exception {
        Path scenario = dir.resolve("month.yaml");
        Files.writeString(scenario, readmeScenario().replace("duration: 365d", "duration: 25d\njournal: full")
                .replace("at: 90d", "at: 20d"));
        assertTrue(OutputEstimate.of(ScenarioLoader.load(scenario)).journalCompressed());
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, CliRun.of("run", scenario.toString(), "--out", a.toString(), "-q").exitCode());
        assertEquals(0, CliRun.of("run", scenario.toString(), "--out", b.toString(), "-q").exitCode());
        assertFalse(Files.exists(a.resolve("journal.jsonl")));
        assertArrayEquals(Files.readAllBytes(a.resolve("journal.jsonl.gz")), Files.readAllBytes(b.resolve("journal.jsonl.gz")));

        JsonNode summary = new ObjectMapper().readTree(a.resolve("summary.json").toFile());
        long lines = 0;
        long requested = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(a.resolve("journal.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                if (line.contains("\"event\":\"mtunnel_requested\"")) {
                    requested++;
                }
            }
        }
        assertEquals(summary.path("journalLines").asLong(), lines);
        assertEquals(summary.path("mtunnels").path("requested").asLong(), requested);
        long onDisk = Files.size(a.resolve("journal.jsonl.gz"));
        long estimated = OutputEstimate.of(ScenarioLoader.load(scenario)).journalBytesOnDisk();
        assertTrue(onDisk > estimated / 2 && onDisk < estimated * 2, "estimated " + estimated + ", written " + onDisk);
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
