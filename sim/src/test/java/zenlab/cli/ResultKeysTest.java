package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zenlab.drive.ResultKeys;

/**
 * Every key of summary.json and study.json is documented with its unit: the catalogue in
 * {@link ResultKeys} holds every key the bundled scenarios' summaries, a fresh run and the
 * reference study have (and each of its keys is seen in one of them), and docs/results.md's
 * tables are generated from it. Live keys are checked by LiveAgreementTest on live runs.
 */
class ResultKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<Path> goldens() throws IOException {
        try (Stream<Path> files = Files.list(ScenarioFiles.root().resolve("sim/src/test/resources/golden"))) {
            return files.filter(f -> f.toString().endsWith(".summary.json")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void shouldCatalogueEveryKeyOfEverySummaryAndSeeEveryCataloguedKey() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (Path golden : goldens()) {
            JsonNode summary = JSON.readTree(golden.toFile());
            assertEquals(Set.of(), ResultKeys.uncatalogued(summary, false), golden.getFileName() + " has keys ResultKeys lacks");
            seen.addAll(ResultKeys.keysOf(summary, false));
        }
        // The goldens leave out the wall-clock engine section and a failed assertion's reason: a fresh run has both.
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "name: s\nduration: 1h\nqueue: {arrival_rate_per_s: 1, service_rate_per_s: 2}\n"
                + "assertions: [queue.arrivals >= 0]\n");
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("run", scenario.toString(), "--out", out.toString(), "-q").exitCode());
        JsonNode fresh = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(Set.of(), ResultKeys.uncatalogued(fresh, false));
        seen.addAll(ResultKeys.keysOf(fresh, false));
        seen.add("assertions[].reason"); // ShortenedScenariosTest writes and reads one

        Set<String> neverSeen = new TreeSet<>();
        for (ResultKeys.Key key : ResultKeys.SUMMARY) {
            if (!key.runs().equals("live") && !seen.contains(key.path())) {
                neverSeen.add(key.path());
            }
        }
        assertEquals(Set.of(), neverSeen, "catalogued keys no summary has: stale entries?");
    }

    @Test
    void shouldCatalogueEveryKeyOfAStudyOverAGrid() throws IOException {
        Path out = dir.resolve("grid");
        CliRun run = CliRun.of("study", ScenarioFiles.root().resolve("scenarios/pair-vs-single.yaml").toString(),
                "--replications", "2", "--vary", "group.connectors=1..2", "--vary", "failures.mtbf=20d",
                "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode grid = JSON.readTree(out.resolve("study.json").toFile());
        JsonNode reference = JSON.readTree(ScenarioFiles.root().resolve("results/pair-vs-single/study.json").toFile());
        Set<String> seen = new TreeSet<>();
        for (JsonNode study : List.of(grid, reference)) {
            assertEquals(Set.of(), ResultKeys.uncatalogued(study, true));
            seen.addAll(ResultKeys.keysOf(study, true));
        }
        Set<String> neverSeen = new TreeSet<>();
        ResultKeys.STUDY.forEach(k -> neverSeen.add(k.path()));
        neverSeen.removeAll(seen);
        assertEquals(Set.of(), neverSeen, "catalogued study keys no study has");
    }

    @Test
    void shouldDocumentTheCatalogueInResultsMd() throws IOException {
        Path doc = ScenarioFiles.root().resolve("docs/results.md");
        String text = Files.readString(doc);
        String expected = between(between(text, "summary-keys", ResultKeys.markdownTable(ResultKeys.SUMMARY)),
                "study-keys", ResultKeys.markdownTable(ResultKeys.STUDY));
        if (!expected.equals(text) && Boolean.getBoolean("zenlab.docs.update")) {
            Files.writeString(doc, expected);
            fail("docs/results.md rewritten from ResultKeys: review `git diff docs/results.md`");
        }
        assertEquals(expected, text, "docs/results.md's key tables differ from ResultKeys; regenerate them with"
                + " -Dzenlab.docs.update=true");
        assertTrue(text.contains("| `mtunnels.refusedByCause.<cause>` | mtunnels | fleet |"));
    }

    /** {@code text} with what stands between its {@code <!-- NAME:begin -->} and {@code :end -->} markers replaced. */
    private static String between(String text, String name, String content) {
        String begin = "<!-- " + name + ":begin -->\n";
        String end = "<!-- " + name + ":end -->";
        int a = text.indexOf(begin);
        int b = text.indexOf(end);
        assertTrue(a >= 0 && b > a, "docs/results.md lacks the " + name + " markers");
        return text.substring(0, a + begin.length()) + content + text.substring(b);
    }
}
