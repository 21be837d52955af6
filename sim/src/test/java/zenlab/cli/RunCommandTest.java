package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zenlab.report.SummaryJson;

class RunCommandTest {

    @TempDir
    Path dir;

    private Path scenario(String name, String yaml) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** A small run with a full journal: a few thousand customers. */
    private Path smallQueue(String assertion) throws IOException {
        return scenario("small", String.join("\n",
                "name: small",
                "seed: 3",
                "duration: 2000s",
                "journal: full",
                "queue: {arrival_rate_per_s: 2, service_rate_per_s: 1, servers: 3, capacity: 3}",
                "assertions:",
                "  - " + assertion,
                ""));
    }

    private List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void shouldWriteResultsAndPrintASummary() throws IOException {
        Path out = dir.resolve("results/small");
        CliRun run = CliRun.of("run", smallQueue("queue.blocked >= 1").toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("assertions.xml", "index.html", "journal.jsonl", "summary.json", "time-in-system.hgrm",
                "time-in-system.png", "time-in-system.svg"), filesIn(out));
        assertTrue(run.out().contains("scenario small  seed 3  mode virtual"), run.out());
        assertTrue(run.out().contains("PASS  queue.blocked >= 1"), run.out());
        JsonNode summary = SummaryJson.mapper().readTree(out.resolve("summary.json").toFile());
        long lines = Files.lines(out.resolve("journal.jsonl")).count();
        assertEquals(summary.path("journalLines").asLong(), lines);
        // arrived + blocked, and started + departed for each served: the journal is complete
        JsonNode q = summary.path("queue");
        assertTrue(lines >= 2 * q.path("arrivals").asLong(), "journal lines " + lines);
        assertTrue(Files.readString(out.resolve("time-in-system.hgrm")).contains("#[Mean"));
        assertEquals(List.of("small"), filesIn(out.getParent()), "no staging folder left behind");
    }

    @Test
    void shouldExitOneWhenAnAssertionFails() throws IOException {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", smallQueue("queue.blocked == 0").toString(), "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("FAIL  queue.blocked == 0"), run.out());
        JsonNode summary = SummaryJson.mapper().readTree(out.resolve("summary.json").toFile());
        assertFalse(summary.path("assertions").get(0).path("passed").asBoolean());
    }

    @Test
    void shouldRefuseBadInputInOneLineEachAndWriteNothing() throws IOException {
        Path bad = scenario("bad", "name: bad\nduration: 5 minutes\nqueue: {arrival_rate_per_s: 1}\n");
        Path out = dir.resolve("never");
        CliRun run = CliRun.of("run", bad.toString(), "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertEquals(List.of(
                bad + ":2:11: duration: expected a duration with a unit (ms, s, m, h or d), like 30s or 1.5h, found '5 minutes'",
                bad + ":3:8: queue: missing 'service_rate_per_s'; expected a number greater than 0, like 2.5"),
                run.err().lines().collect(Collectors.toList()));
        assertFalse(Files.exists(out));
        assertEquals(List.of("bad.yaml"), filesIn(dir));
    }

    @Test
    void shouldRefuseAnAssertionOnAFigureTheSummaryLacksAndWriteNothing() throws IOException {
        Path out = dir.resolve("never");
        CliRun run = CliRun.of("run", smallQueue("app.crm.availability >= 0.9").toString(), "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith(dir.resolve("small.yaml") + ":7:5: assertions: no figure 'app.crm.availability' in a summary of this scenario; expected one of: "),
                run.err());
        assertTrue(run.err().contains("queue.utilization"), "names the figures there are: " + run.err());
        assertEquals(1, run.err().lines().count());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldRefuseABadCommandLineInOneLine() {
        CliRun unknownOption = CliRun.of("run", "--speed", "11");
        assertEquals(2, unknownOption.exitCode());
        assertEquals(1, unknownOption.err().lines().count(), unknownOption.err());
        assertTrue(unknownOption.err().startsWith("zenlab run: "), unknownOption.err());
        CliRun badSeed = CliRun.of("run", "x.yaml", "--seed", "many");
        assertEquals(2, badSeed.exitCode());
        assertTrue(badSeed.err().contains("--seed"), badSeed.err());
    }

    @Test
    void shouldGiveAByteIdenticalJournalAndSummaryForTheSameSeed() throws IOException {
        Path scenario = smallQueue("queue.arrivals >= 1");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        assertEquals(0, CliRun.of("run", scenario.toString(), "--out", a.toString()).exitCode());
        assertEquals(0, CliRun.of("run", scenario.toString(), "--out", b.toString()).exitCode());
        assertEquals(0, CliRun.of("run", scenario.toString(), "--out", c.toString(), "--seed", "4").exitCode());
        assertArrayEquals(Files.readAllBytes(a.resolve("journal.jsonl")), Files.readAllBytes(b.resolve("journal.jsonl")));
        assertArrayEquals(Files.readAllBytes(a.resolve("time-in-system.hgrm")), Files.readAllBytes(b.resolve("time-in-system.hgrm")));
        assertEquals(withoutEngine(a), withoutEngine(b));
        assertTrue(Files.readString(a.resolve("summary.json")).indexOf("\"engine\"")
                > Files.readString(a.resolve("summary.json")).indexOf("\"assertions\""), "engine section last");
        assertNotEquals(Files.readString(a.resolve("journal.jsonl")), Files.readString(c.resolve("journal.jsonl")));
    }

    static String withoutEngine(Path results) throws IOException {
        ObjectNode summary = (ObjectNode) SummaryJson.mapper().readTree(results.resolve("summary.json").toFile());
        summary.remove("engine");
        return SummaryJson.mapper().writeValueAsString(summary);
    }

    @Test
    void shouldReplaceEarlierResultsAtomically() throws IOException {
        Path out = dir.resolve("results/small");
        Files.createDirectories(out);
        Files.writeString(out.resolve("stale.txt"), "from an earlier run");
        assertEquals(0, CliRun.of("run", smallQueue("queue.arrivals >= 1").toString(), "--out", out.toString()).exitCode());
        assertFalse(Files.exists(out.resolve("stale.txt")));
        assertEquals(List.of("small"), filesIn(out.getParent()));
    }

    @Test
    void shouldPrintTheVersionAndHelp() {
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("zenlab "), version.out());
        CliRun help = CliRun.of("run", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--seed=N"), help.out());
    }
}
