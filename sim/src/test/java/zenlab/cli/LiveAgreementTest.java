package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import zenlab.report.Figures;
import zenlab.report.SummaryJson;

/**
 * Runs every {@code scenarios/live-*.yaml} in both modes, virtual and live (real TLS on
 * loopback, paced by its time_scale), and checks that they agree. Each run must pass the
 * scenario's own assertions. Counts that do not depend on timing agree exactly: enrolments and
 * refusals, key uses, connectors listed with their states and blocked reasons, upgrade windows
 * and upgrades done, outages. Timing-based figures agree within the tolerances below, which the
 * docs/live.md explains. The live runs run in JVMs of their own with Netty's default sampling
 * leak detector (the paranoid one would distort their timing on two cores), and a leak it
 * reports fails the test.
 */
class LiveAgreementTest {

    /**
     * Downtime: within this many simulated seconds. A live run pays real time for each
     * enrolment and handshake after the start (whose clock is held at zero), times time_scale
     * (at 120x, each real millisecond is 0.12 s), and its connectors draw their backoff jitter in another order than
     * the model's: after a long refusal the next retry may come up to one 60 s backoff (+-20%)
     * earlier or later.
     */
    static final double DOWNTIME_TOLERANCE_S = 180;
    /**
     * Mtunnels established, freed and refused (in all and by cause): within this fraction of those
     * requested. Requested ones agree exactly (the same users); which of them a real broker sets up
     * in time depends on real handshakes and round robin.
     */
    static final double MTUNNEL_COUNT_TOLERANCE = 0.10;
    /**
     * Mtunnels broken: within this fraction. How many break depends on how many the failing
     * connector carries, and the real brokers pick round robin where the model picks at random.
     */
    static final double BROKEN_TOLERANCE = 0.60;
    /** ...or within this many, for the small counts of short scenarios (live-link-faults breaks a few dozen). */
    static final double BROKEN_TOLERANCE_COUNT = 20;
    /**
     * Bytes carried, per app and in all: within this fraction. The model's mtunnels carry their
     * Mbps from establishment to end (a limited link's share of it); live users' clients count
     * what their echo app returned, which misses what was still in flight at each end and what
     * the live start and handshakes delay.
     */
    static final double BYTES_TOLERANCE = 0.15;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyLiveScenarioAgreesInBothModes() throws IOException {
        List<Path> live = new ArrayList<>();
        for (Path p : ScenarioFiles.all()) {
            if (p.getFileName().toString().startsWith("live-")) {
                live.add(p);
            }
        }
        assertFalse(live.isEmpty(), "no scenarios/live-*.yaml");
        // The live runs are paced by the wall clock: they run LIVE_LANES at a time, longest first,
        // each in a JVM of its own (its footprint, CPU and open files, is its own), and each test
        // waits for its own. Five at once took more than two cores and fell behind their pace.
        ExecutorService lanes = Executors.newFixedThreadPool(LIVE_LANES);
        Map<Path, Future<ProcessRun>> liveRuns = new java.util.LinkedHashMap<>();
        List<Path> longestFirst = new ArrayList<>(live);
        longestFirst.sort(java.util.Comparator.comparingDouble(LiveAgreementTest::wallSeconds).reversed());
        for (Path scenario : longestFirst) {
            Path out = dir.resolve(name(scenario) + "-live");
            liveRuns.put(scenario, lanes.submit(() -> ProcessRun.of(out, "run", scenario.toString(), "--out", out.toString(),
                    "--quiet", "--mode", "live")));
        }
        lanes.shutdown();
        return live.stream().map(scenario -> DynamicTest.dynamicTest(scenario.getFileName().toString(), () -> {
            JsonNode virtual = run(scenario, dir.resolve(name(scenario) + "-virtual"), "virtual");
            ProcessRun liveRun = liveRuns.get(scenario).get(LIVE_RUN_TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(0, liveRun.exitCode(), scenario + " in live mode failed its assertions:\n" + liveRun.output());
            assertFalse(liveRun.output().contains("LEAK:"), "Netty reported a leaked buffer:\n" + liveRun.output());
            JsonNode live1 = summary(dir.resolve(name(scenario) + "-live"), "live");
            assertEquals("live", live1.path("mode").asText());
            assertAgree(virtual, live1);
            assertFootprint(live1);
            assertMetricsAgree(live1, liveRun);
        }));
    }

    /** Live runs at a time: two use about a core of this 2-core machine, and keep their pace. */
    private static final int LIVE_LANES = 2;

    private static double wallSeconds(Path scenario) {
        try {
            zenlab.scenario.Scenario s = zenlab.scenario.ScenarioLoader.load(scenario);
            return s.durationNs() / 1e9 / s.timeScale();
        } catch (zenlab.scenario.ScenarioException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Longest a live run may take: the longest scenario is paced over 120 s of wall clock. */
    private static final long LIVE_RUN_TIMEOUT_S = 600;

    private static String name(Path scenario) {
        return scenario.getFileName().toString().replace(".yaml", "");
    }

    /**
     * A live run in a JVM of its own, with {@code --metrics} on a free loopback port: its exit code,
     * what it printed, and what its metrics endpoint said while it ran: the scrape that first saw
     * an mtunnel, the last one (taken after the run finished, which its linger waits for), and
     * the status page as it was while mtunnels flowed.
     */
    record ProcessRun(int exitCode, String output, PrometheusText early, PrometheusText last, String statusPage) {
        private static final Pattern METRICS_URL = Pattern.compile("metrics +(http://\\S+)/metrics");

        static ProcessRun of(Path outFolder, String... args) throws IOException, InterruptedException {
            Files.createDirectories(outFolder.getParent());
            Path log = outFolder.getParent().resolve(outFolder.getFileName() + ".log");
            List<String> withMetrics = new ArrayList<>(List.of(args));
            withMetrics.addAll(List.of("--metrics", "127.0.0.1:0", "--metrics-linger", "60s"));
            Process p = new ProcessBuilder(WorkerProcess.zenlabCommand("1g", List.of(), withMetrics))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVE_RUN_TIMEOUT_S);
            String url = null;
            PrometheusText early = null;
            PrometheusText last = null;
            String statusPage = null;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            while (p.isAlive() && System.nanoTime() < deadline) {
                if (url == null) {
                    Matcher m = METRICS_URL.matcher(Files.readString(log));
                    url = m.find() ? m.group(1) : null;
                } else {
                    try {
                        PrometheusText scrape = PrometheusText.parse(get(http, url + "/metrics"));
                        if (early == null && scrape.sum("zenlab_mtunnels_established_total") > 0) {
                            early = scrape;
                            statusPage = get(http, url + "/");
                        }
                        last = scrape;
                        if (scrape.sum("zenlab_run_finished") == 1) {
                            break; // that scrape has the final counts; the run now stops lingering and exits
                        }
                    } catch (IOException closedAsWeAsked) {
                        // the run is ending
                    }
                }
                Thread.sleep(500);
            }
            if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
            return new ProcessRun(p.exitValue(), Files.readString(log), early, last, statusPage);
        }

        private static String get(HttpClient http, String url) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(url + ": HTTP " + r.statusCode());
            }
            return r.body();
        }
    }

    /**
     * What the live run's metrics said agrees with its summary.json: its last scrape, after the
     * end, counts the same mtunnels (requested, established, refused and broken by cause, in
     * flight), enrolments and connectors by state; an earlier one saw fewer (they move while the
     * run goes); the status page listed every connector; promtool accepts the text; no secret is
     * in it.
     */
    static void assertMetricsAgree(JsonNode summary, ProcessRun run) throws IOException, InterruptedException {
        PrometheusText last = run.last();
        assertTrue(last != null && last.sum("zenlab_run_finished") == 1, "a scrape after the end:\n" + run.output());
        JsonNode m = summary.path("mtunnels");
        assertEquals(m.path("requested").asDouble(), last.sum("zenlab_mtunnels_requested_total"), "requested");
        assertEquals(m.path("established").asDouble(), last.sum("zenlab_mtunnels_established_total"), "established");
        assertEquals(m.path("established").asDouble(), last.sum("zenlab_mtunnel_setup_seconds_count"), "setup latencies");
        assertEquals(m.path("refused").asDouble(), last.sum("zenlab_mtunnels_refused_total"), "refused");
        assertEquals(m.path("broken").asDouble(), last.sum("zenlab_mtunnels_broken_total"), "broken");
        assertEquals(m.path("established").asDouble() - m.path("freed").asDouble() - m.path("broken").asDouble(),
                last.sum("zenlab_mtunnels_in_flight"), "in flight at the end");
        m.path("refusedByCause").fields().forEachRemaining(c -> assertEquals(c.getValue().asDouble(),
                last.sum("zenlab_mtunnels_refused_total", "cause", c.getKey().toLowerCase(Locale.ROOT)), "refused " + c.getKey()));
        m.path("brokenByCause").fields().forEachRemaining(c -> assertEquals(c.getValue().asDouble(),
                last.sum("zenlab_mtunnels_broken_total", "cause", c.getKey().toLowerCase(Locale.ROOT)), "broken " + c.getKey()));
        JsonNode e = summary.path("enrolment");
        assertEquals(e.path("enrolled").asDouble(), last.sum("zenlab_enrolments_total", "outcome", "enrolled"), "enrolled");
        assertEquals(e.path("refusedKeyExhausted").asDouble(), last.sum("zenlab_enrolments_total", "outcome", "key_exhausted"),
                "refused: key exhausted");
        summary.path("connectorsByState").fields().forEachRemaining(c -> {
            if (c.getValue().asInt() > 0) {
                assertEquals(c.getValue().asDouble(), last.sum("zenlab_connectors", "state", c.getKey().toLowerCase(Locale.ROOT)),
                        "connectors " + c.getKey());
            }
        });
        JsonNode network = summary.path("live").path("network");
        for (zenlab.model.Cause cause : zenlab.metrics.MeteredNetEvents.HANDSHAKE_CAUSES) {
            assertEquals(network.path("AUTH_FAILED").path(cause.name()).asDouble()
                            + network.path("CONNECTION_REFUSED").path(cause.name()).asDouble(),
                    last.sum("zenlab_tls_handshakes_refused_total", "cause", cause.name().toLowerCase(Locale.ROOT)),
                    "handshakes refused " + cause + ", as the network counted them");
        }
        assertEquals(summary.path("scenario").asText(), last.values("zenlab_lab_info", "scenario").get(0));
        assertTrue(last.sum("jvm_threads_current") > 0, "the JVM's own metrics are there");
        assertTrue(run.early() != null && run.early().sum("zenlab_mtunnels_requested_total")
                < last.sum("zenlab_mtunnels_requested_total"), "the counts move while the run goes");
        for (JsonNode c : summary.path("connectors")) {
            assertTrue(run.statusPage().contains("<td>" + c.path("name").asText() + "</td>"),
                    "the status page lists " + c.path("name").asText() + ":\n" + run.statusPage());
        }
        assertFalse(last.text().contains("1|enroll") || last.text().contains("PRIVATE KEY"), "no key in the metrics");
        PromTool.checkMetrics(last.text());
    }

    private static JsonNode run(Path scenario, Path out, String mode) throws IOException {
        CliRun run = CliRun.of("run", scenario.toString(), "--out", out.toString(), "--quiet", "--mode", mode);
        assertEquals(0, run.exitCode(), scenario + " in " + mode + " mode failed its assertions:\n" + run.out() + run.err());
        return summary(out, mode);
    }

    private static JsonNode summary(Path out, String mode) throws IOException {
        JsonNode summary = SummaryJson.mapper().readTree(Files.readString(out.resolve("summary.json")));
        assertEquals(java.util.Set.of(), zenlab.drive.ResultKeys.uncatalogued(summary, false),
                "keys of a " + mode + " summary that docs/results.md does not list");
        if (mode.equals("live") && System.getenv("CI") != null) {
            assertEquals("openssl", summary.path("live").path("tls").asText(), "CI has BoringSSL: the live run used it");
        }
        return summary;
    }

    /** The lab's cost per connector is reported, and plausible: some CPU, never more than the cores, sockets held. */
    private static void assertFootprint(JsonNode live) {
        JsonNode f = live.path("live").path("footprint");
        int vms = 0;
        for (JsonNode g : live.path("groups")) {
            vms += g.path("connectors").asInt();
        }
        assertEquals(vms, f.path("connectors").asInt(), f.toString());
        double cpu = f.path("cpuSeconds").asDouble();
        assertTrue(cpu > 0 && cpu <= f.path("wallSeconds").asDouble() * Runtime.getRuntime().availableProcessors() * 1.5,
                "CPU seconds within what the cores can give: " + f);
        assertTrue(f.path("cpuShareOfACorePerConnector").asDouble() > 0, f.toString());
        assertTrue(f.path("openFdsPerConnector").asDouble() >= 1, "each connector's connections hold sockets: " + f);
        assertTrue(f.path("heapBytesAtEnd").asLong() > 0 && f.path("threads").asInt() > 0, f.toString());
    }

    /**
     * Every figure of the summary is compared, exactly or within its argued tolerance, or named
     * here as not compared with the reason; a figure in neither list fails the test, so the test
     * and docs/live.md ("Agreement") say the same thing.
     */
    static void assertAgree(JsonNode virtual, JsonNode live) {
        Map<String, Double> a = Figures.of(virtual);
        Map<String, Double> b = Figures.of(live);
        double durationS = virtual.path("simulatedSeconds").asDouble();
        double requested = virtual.path("mtunnels").path("requested").asDouble();
        int exact = 0;
        List<String> unaccounted = new ArrayList<>();
        for (Map.Entry<String, Double> figure : a.entrySet()) {
            String path = figure.getKey();
            double v = figure.getValue();
            if (timingFree(path)) {
                assertEquals(v, b.get(path), path + " must agree exactly between virtual and live");
                exact++;
            } else if (path.endsWith(".downtimeSeconds") || path.endsWith(".longestOutageSeconds")) {
                assertEquals(v, b.get(path), DOWNTIME_TOLERANCE_S, path);
            } else if (path.endsWith(".availability")) {
                assertEquals(v, b.get(path), DOWNTIME_TOLERANCE_S / durationS, path + ": the downtime's tolerance");
            } else if (path.equals("mtunnels.established") || path.equals("mtunnels.freed") || path.equals("mtunnels.refused")
                    || path.startsWith("mtunnels.refusedByCause.")) {
                // What is not established is refused: both move by the same mtunnels, out of those requested.
                assertEquals(v, b.get(path), MTUNNEL_COUNT_TOLERANCE * requested, path);
            } else if (path.equals("mtunnels.broken") || path.startsWith("mtunnels.brokenByCause.")) {
                assertEquals(v, b.get(path), Math.max(BROKEN_TOLERANCE * v, BROKEN_TOLERANCE_COUNT), path);
            } else if (path.endsWith("bytesCarried")) {
                assertEquals(v, b.get(path), BYTES_TOLERANCE * v, path);
            } else if (!NOT_COMPARED.matcher(path).matches()) {
                unaccounted.add(path);
            }
        }
        assertEquals(List.of(), unaccounted, "figures neither compared nor listed as not compared");
        assertTrue(exact >= 10, "too few timing-free figures compared: " + exact);
        assertEquals(listed(virtual), listed(live), "the connectors listed, their states and blocked reasons");
    }

    /**
     * Figures not compared, each for a reason docs/live.md gives: setup latency is two modelled
     * round trips virtual and real handshakes and frames live; which mtunnels reuse a sticky
     * connector depends on the brokers' round robin against the model's random pick; the journal's
     * lines and the wall-clock engine differ by construction; a certificate's days left and a clock's
     * skew are read off the real clock live.
     */
    private static final java.util.regex.Pattern NOT_COMPARED = java.util.regex.Pattern.compile(
            "mtunnels\\.setupLatencyMs\\..*|mtunnels\\.stickyReused|journalLines|engine\\..*|seed|simulatedSeconds"
                    + "|connector\\..*\\.(certificateExpiresInDays|clockSkewSeconds)");

    private static boolean timingFree(String path) {
        return path.startsWith("enrolment.") || path.startsWith("connectorsByState.") || path.startsWith("key.")
                || path.endsWith(".upgradesDone") || path.endsWith(".upgradeWindows") || path.endsWith(".upgradesFailed")
                || path.endsWith(".outages") || path.endsWith(".connectors") || path.endsWith(".upgrades")
                || path.endsWith(".version") || path.endsWith(".capacityMbpsPerConnector")
                || path.equals("mtunnels.requested"); // the same users draw the same requests: docs/live.md
    }

    private static List<String> listed(JsonNode summary) {
        List<String> connectors = new ArrayList<>();
        for (JsonNode c : summary.path("connectors")) {
            connectors.add(c.path("name").asText() + " " + c.path("group").asText() + " " + c.path("state").asText() + " "
                    + c.path("blockedReason").asText());
        }
        connectors.sort(null);
        return connectors;
    }
}
