package zenlab.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioLoader;
import zenlab.scenario.Variation;

/** What a study keeps beside its averages: each outage, and one upgrade window minute by minute. */
class StudyResultsTest {

    @TempDir
    Path dir;

    /** Upgrades only, a fixed 4-minute restart: every outage of a single connector is exactly one restart. */
    private static final String UPGRADES_ONLY = String.join("\n",
            "name: upgrades",
            "seed: 3",
            "duration: 91d",
            "broker_rtt: 0ms",
            "brokers: [{name: b1}]",
            "provisioning_keys: [{name: K, max_usage: 1, group: g}]",
            "connector_groups: [{name: g, connectors: 1, upgrade_pause: 0s, restart: {mean: 4m, sd: 0s}}]",
            "apps: [{name: crm, groups: [g], demand: {mtunnels_per_s: 0.2, duration: {mean: 5m}}}]");

    private static List<Study.Point> run(String yaml, String vary, int replications) throws Exception {
        Scenario scenario = ScenarioLoader.parse("study.yaml", yaml);
        return new Study(new PrintStream(OutputStream.nullOutputStream()), false, 2)
                .run(scenario, Variation.parse(vary), replications);
    }

    @Test
    void shouldKeepEveryOutageSoThatTheirDurationsAddUpToTheDowntime() throws Exception {
        List<Study.Point> points = run(UPGRADES_ONLY, "group.connectors=1..2", 2);
        Study.Point single = points.get(0);
        for (Replication r : single.replications()) {
            double[] durations = r.outageDurationsS()[0];
            assertEquals(13, durations.length, "13 Sunday windows in 91 days"); // 91 d from a Monday
            assertEquals(r.outages()[0], durations.length);
            assertEquals(r.downtimeS()[0], Arrays.stream(durations).sum(), 1e-6);
            for (double d : durations) {
                assertEquals(240.0, d, 1e-6, "one restart");
            }
        }
        assertEquals(0, points.get(1).replications().get(0).outageDurationsS()[0].length, "a pair never goes down");
        String csv = Study.outagesCsv(points);
        assertEquals(1 + 2 * 13, csv.lines().count(), csv);
        assertTrue(csv.lines().skip(1).allMatch(l -> l.startsWith("1,crm,") && l.endsWith(",4.00000000")), csv);
    }

    @Test
    void shouldReplayTheFirstUpgradeWindowMinuteByMinute() throws Exception {
        List<Study.Point> points = run(UPGRADES_ONLY, "group.connectors=1..2", 2);
        UpgradeWindowReplay.Trace single = points.get(0).upgradeWindow().orElseThrow();
        UpgradeWindowReplay.Trace pair = points.get(1).upgradeWindow().orElseThrow();
        // The first Sunday at the default upgrade time, 66600 s (18:30); virtual time 0 is a Monday.
        assertEquals((6L * 86_400 + 66_600) * 1_000_000_000L, single.opensAtNs());
        assertEquals(-UpgradeWindowReplay.BEFORE_MINUTES, single.minutesFromOpening()[0], 1e-9);
        assertEquals(1.0, single.connectorsUp()[0], "up before the window");
        long singleDownMinutes = Arrays.stream(single.connectorsUp()).filter(up -> up == 0).count();
        assertTrue(singleDownMinutes >= 3 && singleDownMinutes <= 5, "a 4-minute restart: " + singleDownMinutes);
        assertEquals(0.0, Arrays.stream(single.activeMtunnels()).min().orElseThrow(), "the single's mtunnels all end");
        assertEquals(1.0, Arrays.stream(pair.connectorsUp()).min().orElseThrow(), "one of the pair always serves");
        assertEquals(2.0, pair.connectorsUp()[pair.connectorsUp().length - 1], "both back at the end");
        // A restart breaks the mtunnels of the connector restarting (a sample can catch that instant), but only
        // the single stays without any for the whole restart.
        long singleEmptyMinutes = Arrays.stream(single.activeMtunnels()).filter(m -> m == 0).count();
        long pairEmptyMinutes = Arrays.stream(pair.activeMtunnels()).filter(m -> m == 0).count();
        assertTrue(singleEmptyMinutes >= 3, "no mtunnel while the single restarts: " + singleEmptyMinutes);
        assertTrue(pairEmptyMinutes <= 1, "the pair carries new mtunnels at once: " + pairEmptyMinutes);
    }

    @Test
    void shouldWriteTheChartsDataAndIndexPage() throws Exception {
        Scenario scenario = ScenarioLoader.parse("study.yaml", UPGRADES_ONLY);
        Variation variation = Variation.parse("group.connectors=1..2");
        List<Study.Point> points = run(UPGRADES_ONLY, "group.connectors=1..2", 2);
        Path out = Study.write(Study.summary(scenario, variation, 2, points), points, dir.resolve("study"));
        for (String file : List.of("study.json", "study.csv", "outages.csv", "upgrade-window.csv", "index.html",
                "availability.png", "availability.svg", "upgrade-window.png", "upgrade-window.svg",
                "outage-duration.png", "outage-duration.svg")) {
            assertTrue(Files.exists(out.resolve(file)), file);
        }
        List<String> window = Files.readAllLines(out.resolve("upgrade-window.csv"));
        assertEquals("minutes_since_opening,connectors_up_1_connector,active_mtunnels_1_connector,"
                + "connectors_up_2_connectors,active_mtunnels_2_connectors", window.get(0));
        assertEquals(1 + UpgradeWindowReplay.BEFORE_MINUTES + 240 + 1, window.size(), "one row a minute");
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<td>1</td><td>crm</td>"), html);
        assertTrue(html.contains("no downtime"), "the pair's nines");
    }
}
