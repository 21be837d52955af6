package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network partition between hosts: a worker in a network namespace of its own, joined to the
 * study's namespace by a veth pair, and the link cut mid-study for longer than the cluster's
 * 10 s failure timeout, then restored. The study must give the local run's files, and the worker
 * must come back into the cluster once the link returns. The namespace and the pair are created
 * here (root, as CI runs) and removed afterwards; the addresses are a /30 on that private link
 * only, reachable from nowhere else.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NetworkPartitionTest {

    private static final String SCENARIO = ScenarioFiles.root().resolve("scenarios/pair-vs-single.yaml").toString();
    private static final List<String> FILES = List.of("study.json", "study.csv", "outages.csv");
    /** 48 units of about half a second: the cut-off worker holds one when the link goes, so the study waits for the detection. */
    private static final int REPLICATIONS = 24;
    /** Past the 10 s failure timeout, so that both sides declare the other gone. */
    private static final long CUT_MS = 15_000;

    @TempDir
    Path dir;

    private final String cluster = "zenlab-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String namespace = "zl-" + suffix;
    private final String hostSide = "zlh" + suffix;
    private final String namespaceSide = "zln" + suffix;
    private final int subnet = ThreadLocalRandom.current().nextInt(256);
    private final String hostIp = "10.251." + subnet + ".1";
    private final String namespaceIp = "10.251." + subnet + ".2";
    private final List<WorkerProcess> workers = new ArrayList<>();
    private boolean created;

    @BeforeEach
    void createLink() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to create a network namespace and a veth pair (CI runs as root)");
        int exit = ip("netns", "add", namespace);
        Assumptions.assumeTrue(exit == 0, "cannot create a network namespace here (ip netns add: exit " + exit + ")");
        created = true;
        must("link", "add", hostSide, "type", "veth", "peer", "name", namespaceSide);
        must("link", "set", namespaceSide, "netns", namespace);
        must("addr", "add", hostIp + "/30", "dev", hostSide);
        must("link", "set", hostSide, "up");
        must("netns", "exec", namespace, "ip", "link", "set", "lo", "up");
        must("netns", "exec", namespace, "ip", "addr", "add", namespaceIp + "/30", "dev", namespaceSide);
        must("netns", "exec", namespace, "ip", "link", "set", namespaceSide, "up");
    }

    @AfterEach
    void removeLink() throws Exception {
        for (WorkerProcess w : workers) {
            w.close();
        }
        if (created) {
            ip("netns", "del", namespace); // takes the pair with it
            ip("link", "del", hostSide); // in case the pair was made but not moved
        }
    }

    @Test
    void shouldGiveTheLocalFilesThroughAPartitionAndTakeTheWorkerBackWhenItHeals() throws Exception {
        Path local = dir.resolve("local");
        assertEquals(0, CliRun.of(study(local, "--threads", "2")).exitCode());

        WorkerProcess first = worker(List.of(), hostIp, null);
        WorkerProcess cutOff = worker(List.of("ip", "netns", "exec", namespace), namespaceIp, first.address());
        assertTrue(cutOff.awaitOutput("members 2: ", 0, 30_000), "the two workers meet over the link: " + cutOff.output());
        Path clustered = dir.resolve("cluster");
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.of(study(clustered,
                "--threads", "1", "--cluster", cluster, "--join", first.address(), "--bind", hostIp + ":0")));
        ClusterStudyTest.waitForUnitsOf(clustered, cutOff.address(), running); // it is at work, holding a unit

        int beforeCut = cutOff.output().length();
        must("link", "set", hostSide, "down"); // both ends lose carrier: packets go nowhere, nothing is reset
        assertTrue(cutOff.awaitOutput("members 1: " + cutOff.address() + " (this worker)", beforeCut, 30_000),
                "the cut-off worker finds itself alone past the failure timeout: " + cutOff.output());
        Thread.sleep(Math.max(0, CUT_MS - 10_000)); // the point is a time: a cut that lasts past the detection
        must("link", "set", hostSide, "up");

        CliRun run = running.get(180, TimeUnit.SECONDS);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("zenlab study: member " + cutOff.address()
                + " left the cluster; its [1-9]\\d* units? in flight run again elsewhere")), run.err());
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(clustered.resolve(f)), f);
        }
        // Hazelcast's split-brain merge, looked for every 5 s: the smaller side (the worker) joins the larger.
        assertTrue(cutOff.awaitOutput("back in cluster " + cluster, beforeCut, 60_000),
                "the worker comes back once the link returns: " + cutOff.output());
        assertTrue(cutOff.awaitOutput("members 2: ", beforeCut, 10_000), cutOff.output());
        // The worker may merge back before the study's own member has left: then the first worker
        // lists three members until the study's member goes, a moment later.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!lastMembers(first).startsWith("members 2: ") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(lastMembers(first).startsWith("members 2: "), first.output());
    }

    /** The worker's latest member list (Hazelcast's own log lines may come after it). */
    private static String lastMembers(WorkerProcess w) {
        return w.output().lines().filter(l -> l.startsWith("members ")).reduce((a, b) -> b).orElse("");
    }

    private String[] study(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("study", SCENARIO, "--replications", Integer.toString(REPLICATIONS),
                "--vary", "group.connectors=1..2", "--out", out.toString(), "--quiet"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private WorkerProcess worker(List<String> prefix, String bindHost, String join) throws IOException {
        WorkerProcess w = WorkerProcess.start(prefix, bindHost, cluster, join);
        workers.add(w);
        return w;
    }

    private static void must(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + output);
    }

    private static int ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
