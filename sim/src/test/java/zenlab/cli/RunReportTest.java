package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's report: the timeline behind its charts, the charts, and index.html with the assertions. */
class RunReportTest {

    @TempDir
    Path dir;

    @Test
    void shouldShowEveryWeeklyRestartEvenInAnHourlyTimeline() throws IOException {
        Path out = dir.resolve("melbourne");
        CliRun run = CliRun.of("run", ScenarioFiles.root().resolve("scenarios/melbourne-pair.yaml").toString(),
                "--out", out.toString(), "--quiet"); // hourly timeline rows, 4-minute restarts
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = Files.readAllLines(out.resolve("timeline.csv"));
        List<String> header = Arrays.asList(rows.get(0).split(","));
        int groups = (int) header.stream().filter(h -> h.startsWith("connectors_up_")).count();
        assertTrue(groups >= 1, rows.get(0));
        assertEquals("fewest_up_" + header.get(2).substring("connectors_up_".length()), header.get(2 + groups));
        int rowsWithADip = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            for (int g = 0; g < groups; g++) {
                int up = Integer.parseInt(cells[2 + g]);
                int fewest = Integer.parseInt(cells[2 + groups + g]);
                assertTrue(fewest <= up, "fewest up " + fewest + " above up " + up + " in " + row);
                if (fewest < up) {
                    rowsWithADip++;
                }
            }
        }
        assertTrue(rowsWithADip > 0, "restarts between samples show in the fewest-up column");
        List<String> charts = IndexPages.assertSelfContained(out);
        assertEquals(List.of("connectors-up.svg", "throughput.svg", "causes-over-time.svg", "mtunnel-setup-latency.svg"),
                charts);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<td class=\"pass\">PASS</td>"), "the assertions, passed");
        assertTrue(html.contains("<td>Melbourne-1</td><td>melbourne</td><td>BLOCKED</td>"), "the connectors table");
    }

    @Test
    void shouldCountEveryRefusalAndBreakByCauseOverTime() throws IOException {
        Path out = dir.resolve("melbourne");
        assertEquals(0, CliRun.of("run", ScenarioFiles.root().resolve("scenarios/melbourne-pair.yaml").toString(),
                "--out", out.toString(), "--quiet").exitCode());
        JsonNode mtunnels = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("mtunnels");
        Map<String, Long> counted = new TreeMap<>();
        List<String> rows = Files.readAllLines(out.resolve("causes.csv"));
        assertEquals("time_s,time,event,cause,mtunnels", rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            counted.merge(cells[2] + "." + cells[3], Long.parseLong(cells[4]), Long::sum);
        }
        Map<String, Long> expected = new TreeMap<>();
        mtunnels.path("refusedByCause").fields().forEachRemaining(f -> expected.put("refused." + f.getKey(), f.getValue().asLong()));
        mtunnels.path("brokenByCause").fields().forEachRemaining(f -> expected.put("broken." + f.getKey(), f.getValue().asLong()));
        expected.values().removeIf(v -> v == 0);
        // The last interval's events come after the last tick: at most those are missing from the file.
        for (var e : expected.entrySet()) {
            long got = counted.getOrDefault(e.getKey(), 0L);
            assertTrue(got <= e.getValue() && got >= e.getValue() * 0.95, e.getKey() + ": " + got + " of " + e.getValue());
        }
        assertEquals(expected.keySet(), counted.keySet());
    }

    @Test
    void shouldMarkAFailedAssertionOnThePage() throws IOException {
        Path scenario = dir.resolve("failing.yaml");
        Files.writeString(scenario, String.join("\n",
                "# covers: nothing; a test scenario",
                "name: failing",
                "duration: 1h",
                "queue: {arrival_rate_per_s: 1, service_rate_per_s: 2, servers: 1}",
                "assertions:",
                "  - queue.arrivals < 1"));
        Path out = dir.resolve("failing");
        CliRun run = CliRun.of("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(List.of("time-in-system.svg"), IndexPages.assertSelfContained(out));
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<td class=\"fail\">FAIL</td><td>queue.arrivals &lt; 1</td>"), html);
    }
}
