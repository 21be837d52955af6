package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long run: melbourne-pair replayed for ten years against one, each in a JVM of its own with
 * the same heap limit. The heap the ten-year run keeps (in use after a full collection at its end)
 * is no more than the one-year run's: the model keeps no state that grows with time. (The peak,
 * garbage included, is higher: a longer run lets G1 grow its young generation.) Its journal
 * holds about ten times the lines, and
 * the status log shows each connected connector's certificate renewed every year. About two
 * minutes on a 2-core machine: tagged {@code long}, outside {@code mvn -B verify}; run it with
 * {@code mvn -B -pl sim test -Dtest=TenYearRunTest -Dzenlab.excludedGroups=none}.
 */
@Tag("long")
class TenYearRunTest {

    private static final Pattern BLOCK = Pattern.compile(
            "-------- Connector Status:ID=\\d+:Name=([^:]+):Ver=[^ ]+ --------\\nCertificate will expire in (\\d+) days");

    @TempDir
    Path dir;

    private JsonNode run(String duration, Path out) throws Exception {
        String text = Files.readString(ScenarioFiles.root().resolve("scenarios/melbourne-pair.yaml"))
                .replaceFirst("(?m)^duration: \\S+", "duration: " + duration);
        Path scenario = dir.resolve("melbourne-" + duration + ".yaml");
        Files.writeString(scenario, text);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), "zenlab.cli.Main",
                "run", scenario.toString(), "--out", out.toString(), "-q", "--max-output", "unlimited")
                .redirectErrorStream(true).redirectOutput(dir.resolve(duration + ".log").toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the " + duration + " run finished");
        // The shortened year's assertions may fail on counts made for a year; the run itself must finish.
        assertTrue(p.exitValue() == 0 || p.exitValue() == 1, Files.readString(dir.resolve(duration + ".log")));
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void shouldRunTenYearsInTheHeapOfOneWithACertificateRenewedEveryYear() throws Exception {
        JsonNode year = run("365d", dir.resolve("one"));
        JsonNode decade = run("3650d", dir.resolve("ten"));
        long yearHeap = year.path("engine").path("liveHeapBytesAtEnd").asLong();
        long decadeHeap = decade.path("engine").path("liveHeapBytesAtEnd").asLong();
        System.out.printf("heap kept: one year %d MB, ten years %d MB; peak heap %d and %d MB; journal lines %d and %d%n",
                yearHeap >> 20, decadeHeap >> 20, year.path("engine").path("peakHeapBytes").asLong() >> 20,
                decade.path("engine").path("peakHeapBytes").asLong() >> 20, year.path("journalLines").asLong(),
                decade.path("journalLines").asLong());
        // A few MB of slack (histograms fill their buckets); growth with time would be tens of MB.
        assertTrue(decadeHeap <= yearHeap + (4L << 20), "ten years kept " + decadeHeap + " bytes, one " + yearHeap);
        double lines = decade.path("journalLines").asDouble() / year.path("journalLines").asDouble();
        assertTrue(lines > 8 && lines < 12, "ten years' journal is " + lines + " times a year's");

        String log = Files.readString(dir.resolve("ten").resolve("connector-status.log"));
        Map<String, Integer> lastDays = new HashMap<>();
        Map<String, Integer> renewals = new HashMap<>();
        Matcher m = BLOCK.matcher(log);
        while (m.find()) {
            int days = Integer.parseInt(m.group(2));
            Integer before = lastDays.put(m.group(1), days);
            if (before != null && days > before) {
                renewals.merge(m.group(1), 1, Integer::sum);
            }
        }
        assertTrue(!lastDays.isEmpty(), "the status log has blocks");
        for (JsonNode c : decade.path("connectors")) {
            if (c.path("state").asText().equals("CONNECTED")) {
                String name = c.path("name").asText();
                assertTrue(renewals.getOrDefault(name, 0) >= 9, name + " renewed " + renewals.get(name) + " times in ten years");
                assertTrue(c.path("certificateExpiresInDays").asDouble() > 0, name + "'s certificate is valid at the end");
            }
        }
    }
}
