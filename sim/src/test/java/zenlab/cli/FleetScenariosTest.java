package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zenlab.report.SummaryJson;

/**
 * What the bundled fleet scenarios show beyond their own assertions: causes in the journal,
 * the status log's text, connector names, and secrets kept out of every result file.
 */
class FleetScenariosTest {

    @TempDir
    Path dir;

    private Path run(String scenario) {
        Path out = dir.resolve(scenario);
        CliRun run = CliRun.of("run", ScenarioFiles.root().resolve("scenarios/" + scenario + ".yaml").toString(),
                "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        return out;
    }

    private static List<JsonNode> journal(Path out) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("journal.jsonl"))) {
            entries.add(SummaryJson.mapper().readTree(line));
        }
        return entries;
    }

    private static JsonNode summary(Path out) throws IOException {
        return SummaryJson.mapper().readTree(out.resolve("summary.json").toFile());
    }

    private static List<String> connectorNames(Path out) throws IOException {
        List<String> names = new ArrayList<>();
        summary(out).path("connectors").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    @Test
    void shouldNameConnectorsAfterTheirKeyRefuseTheThirdAndNeverWriteTheKey() throws IOException {
        Path out = run("provisioning-keys");
        assertEquals(List.of("Sydney-1", "Sydney-2", "Perth-1"), connectorNames(out));
        List<JsonNode> refusals = journal(out).stream().filter(e -> e.path("event").asText().equals("enroll_refused"))
                .collect(Collectors.toList());
        assertEquals(1, refusals.size());
        assertEquals("sydney/vm-3", refusals.get(0).path("connector").asText());
        assertEquals("KEY_EXHAUSTED", refusals.get(0).path("cause").asText());
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.collect(Collectors.toList())) {
                String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains("c2VjcmV0LXBlcnRoLWtleQ"), file + " contains the key");
            }
        }
        // The Perth key appeared after 2 h; the connector found it at the 24-hour re-check.
        JsonNode perthEnrolled = journal(out).stream()
                .filter(e -> e.path("event").asText().equals("enrolled") && e.path("connector").asText().equals("Perth-1"))
                .findFirst().orElseThrow();
        assertTrue(perthEnrolled.path("timeNs").asLong() >= 86_400_000_000_000L, perthEnrolled.toString());
    }

    @Test
    void shouldUpgradeOneConnectorAtATimePausingBeforeRestarting() throws IOException {
        Path out = run("upgrades-pair-vs-single");
        Map<String, String> lastState = new HashMap<>();
        String upgrading = null;
        int upgradesSeen = 0;
        for (JsonNode e : journal(out)) {
            String event = e.path("event").asText();
            String connector = e.path("connector").asText();
            if (event.equals("upgrade_started") && e.path("group").asText().equals("pair")) {
                assertEquals(null, upgrading, "a second upgrade in the pair started while " + upgrading + " upgraded");
                upgrading = connector;
                upgradesSeen++;
            }
            if (event.equals("connector_state")) {
                String state = e.path("state").asText();
                if (state.equals("RESTARTING")) {
                    assertEquals("PAUSED", lastState.get(connector), connector + " restarted without pausing first");
                }
                if (state.equals("CONNECTED") && connector.equals(upgrading)) {
                    upgrading = null;
                }
                lastState.put(connector, state);
            }
        }
        assertEquals(16, upgradesSeen);
    }

    @Test
    void shouldPickTheConnectorToUpgradeAtRandom() throws IOException {
        Path out = run("upgrades-pair-vs-single");
        List<String> firstOfEachWindow = new ArrayList<>();
        boolean windowOpen = false;
        for (JsonNode e : journal(out)) {
            String event = e.path("event").asText();
            if (event.equals("upgrade_window_opened") && e.path("group").asText().equals("pair")) {
                windowOpen = true;
            } else if (windowOpen && event.equals("upgrade_started") && e.path("group").asText().equals("pair")) {
                firstOfEachWindow.add(e.path("connector").asText());
                windowOpen = false;
            }
        }
        assertEquals(8, firstOfEachWindow.size());
        assertTrue(firstOfEachWindow.contains("Pair-1") && firstOfEachWindow.contains("Pair-2"),
                "each connector went first in some window: " + firstOfEachWindow);
    }

    @Test
    void shouldWaitForTimeSyncWhileTheCertificateIsNotYetValidAndPrintTheSkew() throws IOException {
        Path out = run("clock-skew");
        assertTrue(journal(out).stream().anyMatch(e -> e.path("state").asText().equals("WAITING_FOR_TIME_SYNC")
                && e.path("cause").asText().equals("CERT_NOT_YET_VALID")));
        String status = Files.readString(out.resolve("connector-status.log"));
        assertTrue(status.contains("Time skew: + 3.000000s"), "the status log prints the small skew");
        assertTrue(status.contains("Time skew: + 0.000000s"));
        assertTrue(status.contains("Certificate will expire in 364 days"), "the certificate countdown");
        assertTrue(status.contains("Control connection state: fohh_connection_connected, remote:broker1a.dar1:443"));
    }

    /** The status blocks' counters are rebuilt from the journal: they add up, and to the run's own totals. */
    @Test
    void shouldCountEachConnectorsMtunnelsInItsStatusBlocks() throws IOException {
        Path out = run("broker-outage");
        Pattern block = Pattern.compile("Name=([^:]+):.*?BrkRq = (\\d+), BrkRqAck = (\\d+)\\|(\\d+)"
                + ".*?Mtunnels: Total Created = (\\d+), Total Freed = (\\d+), Current Active = (-?\\d+)", Pattern.DOTALL);
        Map<String, Long> lastCreated = new HashMap<>();
        Matcher m = block.matcher(Files.readString(out.resolve("connector-status.log")));
        int blocks = 0;
        while (m.find()) {
            blocks++;
            long brkRq = Long.parseLong(m.group(2));
            long created = Long.parseLong(m.group(5));
            long freed = Long.parseLong(m.group(6));
            assertEquals(brkRq, Long.parseLong(m.group(3)) + Long.parseLong(m.group(4)), "acks and failures make the requests");
            assertTrue(brkRq >= created && created >= freed, m.group());
            assertEquals(created - freed, Long.parseLong(m.group(7)), "current active");
            lastCreated.put(m.group(1), created);
        }
        assertTrue(blocks >= 24, "hourly blocks of a day: " + blocks);
        long established = summary(out).path("mtunnels").path("established").asLong();
        long counted = lastCreated.values().stream().mapToLong(Long::longValue).sum();
        // The last block is at most an hour before the end: it has counted most of the day's mtunnels.
        assertTrue(counted <= established && counted > established * 0.8, counted + " of " + established);
    }

    @Test
    void shouldLeaveTheStatusLogEmptyWhenItIsOff() throws IOException {
        Path out = run("upgrade-failure");
        assertEquals(0, Files.size(out.resolve("connector-status.log")));
    }

    @Test
    void shouldRefuseTheInterceptingProxysCertificate() throws IOException {
        Path out = run("ssl-inspection");
        List<JsonNode> refused = journal(out).stream()
                .filter(e -> e.path("cause").asText().equals("UNTRUSTED_CERTIFICATE")).collect(Collectors.toList());
        assertFalse(refused.isEmpty());
        assertTrue(refused.stream().allMatch(e -> e.path("connector").asText().startsWith("Canberra-")));
    }

    @Test
    void shouldBlockAChangedFingerprintUntilReprovisionedWithANewKeyUse() throws IOException {
        Path out = run("mac-change");
        assertTrue(journal(out).stream().anyMatch(e -> e.path("cause").asText().equals("FINGERPRINT_MISMATCH")
                && e.path("state").asText().equals("BLOCKED")));
        assertTrue(connectorNames(out).contains("Adelaide-3"), "re-provisioned under the key's third use: " + connectorNames(out));
    }

    /** One app on one connector whose link is limited to 1 Mbps from 3m to 7m; the same demand with and without. */
    @Test
    void shouldServeAtMostALimitedLinksRateAndCarryFewerBytes() throws IOException {
        String scenario = String.join("\n",
                "name: limited",
                "seed: 5",
                "duration: 10m",
                "timeline_interval: 10s",
                "brokers: [ {name: b1} ]",
                "provisioning_keys: [ {name: K, max_usage: 1, group: g} ]",
                "connector_groups: [ {name: g, connectors: 1, upgrades_enabled: false} ]",
                "apps: [ {name: bulk, groups: [g], demand: {mtunnels_per_s: 0.2, duration: {mean: 1m}, mbps: 0.5}} ]",
                "");
        Path limitedFile = dir.resolve("limited.yaml");
        Files.writeString(limitedFile, scenario
                + "faults: [ {at: 3m, link_fault: {connector: K-1, toxic: bandwidth, rate_mbps: 1, for: 4m}} ]\n");
        Path freeFile = dir.resolve("free.yaml");
        Files.writeString(freeFile, scenario);
        Path limited = dir.resolve("limited");
        Path free = dir.resolve("free");
        assertEquals(0, CliRun.of("run", limitedFile.toString(), "--out", limited.toString(), "--quiet").exitCode());
        assertEquals(0, CliRun.of("run", freeFile.toString(), "--out", free.toString(), "--quiet").exitCode());

        List<String> rows = Files.readAllLines(limited.resolve("timeline.csv"));
        List<String> freeRows = Files.readAllLines(free.resolve("timeline.csv"));
        assertEquals(freeRows.size(), rows.size());
        int throttledRows = 0;
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r).split(",");
            long timeS = Long.parseLong(row[0]);
            double asked = Integer.parseInt(row[row.length - 4]) * 0.5;
            double served = Double.parseDouble(row[row.length - 3]);
            boolean limitHolds = timeS >= 180 && timeS < 420;
            assertEquals(limitHolds ? Math.min(asked, 1.0) : asked, served, 1e-9, rows.get(r));
            assertEquals(freeRows.get(r).split(",")[row.length - 4], row[row.length - 4], "the same demand: " + r);
            throttledRows += limitHolds && asked > 1.0 ? 1 : 0;
        }
        assertTrue(throttledRows >= 10, "the demand should exceed the limit most of the window: " + throttledRows);

        long bytesLimited = summary(limited).path("mtunnels").path("bytesCarried").asLong();
        long bytesFree = summary(free).path("mtunnels").path("bytesCarried").asLong();
        assertTrue(bytesLimited < 0.9 * bytesFree, bytesLimited + " of " + bytesFree + " bytes");
        assertEquals(summary(free).path("mtunnels").path("requested"), summary(limited).path("mtunnels").path("requested"));
        assertEquals(0, summary(limited).path("mtunnels").path("broken").asLong(), "a limit breaks nothing");
        JsonNode fault = journal(limited).stream().filter(e -> e.path("fault").asText().equals("link_fault"))
                .findFirst().orElseThrow();
        assertEquals(1.0, fault.path("rateMbps").asDouble(), fault.toString());
    }

    @Test
    void shouldGiveAByteIdenticalJournalForTheSameSeed() throws IOException {
        Path a = run("broker-outage");
        byte[] first = Files.readAllBytes(a.resolve("journal.jsonl"));
        byte[] status = Files.readAllBytes(a.resolve("connector-status.log"));
        byte[] timeline = Files.readAllBytes(a.resolve("timeline.csv"));
        String summary = RunCommandTest.withoutEngine(a);
        Path b = dir.resolve("again");
        assertEquals(0, CliRun.of("run", ScenarioFiles.root().resolve("scenarios/broker-outage.yaml").toString(),
                "--out", b.toString(), "--quiet").exitCode());
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(b.resolve("journal.jsonl"))));
        assertTrue(java.util.Arrays.equals(status, Files.readAllBytes(b.resolve("connector-status.log"))));
        assertTrue(java.util.Arrays.equals(timeline, Files.readAllBytes(b.resolve("timeline.csv"))));
        assertEquals(summary, RunCommandTest.withoutEngine(b));
    }
}
