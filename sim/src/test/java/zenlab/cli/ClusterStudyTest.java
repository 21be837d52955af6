package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import zenlab.drive.UnitStore;

/**
 * Studies on a Hazelcast cluster of real member processes on loopback: the same files as a
 * local run, with a member killed mid-study, a member joining late, a member of another version
 * refused, and a member whose units fail.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterStudyTest {

    private static final String SCENARIO = ScenarioFiles.root().resolve("scenarios/pair-vs-single.yaml").toString();
    private static final List<String> FILES = List.of("study.json", "study.csv", "outages.csv");
    private static final int REPLICATIONS_WITH_A_LATE_MEMBER = 24;
    /** 80 units of about half a second: the study is still running when the frozen member wakes. */
    private static final int FROZEN_REPLICATIONS = 40;

    @TempDir
    Path dir;

    @TempDir
    static Path references;

    private static final java.util.Map<Integer, Path> REFERENCES = new java.util.HashMap<>();

    /**
     * The local run of {@code replications} each cluster run must equal, run once per class: the
     * kill and the resume tests compare with the same one.
     */
    private static synchronized Path localReference(int replications) {
        return REFERENCES.computeIfAbsent(replications, r -> {
            Path out = references.resolve("local-" + r);
            CliRun run = CliRun.of(localStudy(out, r));
            assertEquals(0, run.exitCode(), run.err());
            return out;
        });
    }

    private final String cluster = "zenlab-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<WorkerProcess> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (WorkerProcess w : workers) {
            w.close();
        }
    }

    private WorkerProcess worker(String join, String... properties) throws IOException {
        WorkerProcess w = WorkerProcess.start(cluster, join, properties);
        workers.add(w);
        return w;
    }

    private static String[] study(Path out, int replications, String... more) {
        return study(out, replications, 1, more);
    }

    /** The reference run, on both cores: the files do not depend on how many threads ran the units. */
    private static String[] localStudy(Path out, int replications) {
        return study(out, replications, 2);
    }

    private static String[] study(Path out, int replications, int threads, String... more) {
        List<String> args = new ArrayList<>(List.of("study", SCENARIO, "--replications", Integer.toString(replications),
                "--vary", "group.connectors=1..2", "--out", out.toString(), "--quiet", "--threads", Integer.toString(threads)));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private void assertSameFiles(Path expected, Path actual) throws IOException {
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
        }
    }

    @Test
    void shouldWriteTheSameFilesAsALocalRunWhenTwoWorkersShareTheUnits() throws Exception {
        Path local = dir.resolve("local");
        CliRun localRun = CliRun.of(study(local, 4));
        assertEquals(0, localRun.exitCode(), localRun.err());

        WorkerProcess first = worker(null);
        WorkerProcess second = worker(first.address());
        Path clustered = dir.resolve("cluster");
        CliRun run = CliRun.of(study(clustered, 4, "--cluster", cluster, "--join", first.address()));
        assertEquals(0, run.exitCode(), run.err() + first.output());
        assertTrue(run.out().contains("on cluster " + cluster + ": 3 members"), run.out());
        assertSameFiles(local, clustered);
        String index = Files.readString(clustered.resolve("index.html"));
        assertTrue(index.contains("<td>" + first.address() + "</td>") && index.contains("<td>" + second.address() + "</td>"),
                "both workers ran units: " + index);
        assertFalse(Files.exists(UnitStore.folderOf(clustered)), "the units folder goes once the results are in place");
    }

    @Test
    void shouldPlanOnTheClusterAsLocally() throws Exception {
        Path local = dir.resolve("local-plan");
        assertEquals(0, CliRun.of(PlanCommandTest.plan(local)).exitCode());
        WorkerProcess first = worker(null);
        Path clustered = dir.resolve("cluster-plan");
        CliRun run = CliRun.of(PlanCommandTest.plan(clustered, "--cluster", cluster, "--join", first.address(),
                "--threads", "1"));
        assertEquals(0, run.exitCode(), run.err() + first.output());
        assertArrayEquals(Files.readAllBytes(local.resolve("plan.json")), Files.readAllBytes(clustered.resolve("plan.json")));
        assertTrue(Files.readString(clustered.resolve("index.html")).contains("<td>" + first.address() + "</td>"),
                "the worker ran replications of the plan");
    }

    @Test
    void shouldLoseNoWorkWhenAMemberIsKilledAndGiveWorkToOneThatJoinsLate() throws Exception {
        // 48 units of about half a second: a worker JVM takes seconds to start and join, and with
        // 12 units the two members left had finished them all before it did, now and then.
        Path local = localReference(REPLICATIONS_WITH_A_LATE_MEMBER);

        WorkerProcess first = worker(null);
        WorkerProcess doomed = worker(first.address());
        Path clustered = dir.resolve("cluster");
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(
                () -> CliRun.of(study(clustered, REPLICATIONS_WITH_A_LATE_MEMBER, "--cluster", cluster, "--join", first.address())));
        waitForUnitsOf(clustered, doomed.address(), running); // it is at work: it has saved a unit of its own
        doomed.kill(); // SIGKILL while it holds a unit: every member always has one while units wait
        WorkerProcess late = worker(first.address());
        long savedWhenLateJoined = savedUnits(clustered);
        CliRun run = running.get(180, TimeUnit.SECONDS);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("zenlab study: member " + doomed.address()
                + " left the cluster; its [1-9]\\d* units? in flight run again elsewhere")), run.err());
        // It held at least one (it always holds one while units wait, but for a microsecond between a
        // result and its next unit): the lost work ran again, and the files below are identical.
        assertSameFiles(local, clustered);
        assertTrue(Files.readString(clustered.resolve("index.html")).contains("<td>" + late.address() + "</td>"),
                "the member that joined late ran units (" + savedWhenLateJoined + " of "
                        + 2 * REPLICATIONS_WITH_A_LATE_MEMBER + " units were saved when it joined)");
    }

    @Test
    void shouldRunAFrozenMembersUnitsElsewhereAndIgnoreItsLateResults() throws Exception {
        Path local = localReference(FROZEN_REPLICATIONS);

        WorkerProcess first = worker(null);
        WorkerProcess frozen = worker(first.address());
        Path clustered = dir.resolve("cluster");
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(
                () -> CliRun.of(study(clustered, FROZEN_REPLICATIONS, "--cluster", cluster, "--join", first.address())));
        waitForUnitsOf(clustered, frozen.address(), running);
        frozen.freeze(); // SIGSTOP while it holds a unit, for longer than the cluster's 10 s failure timeout
        Thread.sleep(TimeUnit.SECONDS.toMillis(15)); // the point is a time: past the failure detector's
        frozen.thaw(); // it wakes with its unit's result, for a study that has moved on
        CliRun run = running.get(180, TimeUnit.SECONDS);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("zenlab study: member " + frozen.address()
                + " left the cluster; its [1-9]\\d* units? in flight run again elsewhere")), run.err());
        assertSameFiles(local, clustered); // its late results were not merged a second time
    }

    @Test
    void shouldResumeAStudyWhoseProcessWasKilledWithTheWorkersStillUp() throws Exception {
        Path local = localReference(REPLICATIONS_WITH_A_LATE_MEMBER);

        WorkerProcess first = worker(null);
        worker(first.address());
        Path clustered = dir.resolve("cluster");
        List<String> args = List.of(study(clustered, REPLICATIONS_WITH_A_LATE_MEMBER, "--cluster", cluster, "--join",
                first.address()));
        Process studyProcess = new ProcessBuilder(WorkerProcess.zenlabCommand(List.of(), args))
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed-study.log").toFile()).start();
        try {
            waitForUnits(clustered, 6, null);
        } finally {
            studyProcess.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the cluster
            studyProcess.waitFor(30, TimeUnit.SECONDS);
        }
        long saved = savedUnits(clustered);
        assertTrue(saved >= 6 && saved < 2L * REPLICATIONS_WITH_A_LATE_MEMBER, "killed midway: " + saved + " units saved");

        List<String> resume = new ArrayList<>(args);
        resume.add("--resume");
        CliRun resumed = CliRun.of(resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming: "), resumed.err());
        assertSameFiles(local, clustered);
    }

    @Test
    void shouldRefuseAMemberOfAnotherVersionByNameAndStillFinish() throws Exception {
        WorkerProcess other = worker(null, "zenlab.cluster.versionOverride=0.0.0-other");
        Path clustered = dir.resolve("cluster");
        CliRun run = CliRun.of(study(clustered, 2, "--cluster", cluster, "--join", other.address()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("member " + other.address() + " runs zenlab 0.0.0-other"), run.err());
        assertTrue(run.err().contains("refused, it gets no units"), run.err());
        assertFalse(Files.readString(clustered.resolve("index.html")).contains(other.address()));
        assertTrue(other.output().contains("refused, gets no units"), "the worker sees the study's member as another version: "
                + other.output());
    }

    @Test
    void shouldFailTheStudyNamingTheMemberWhoseUnitFailed() throws Exception {
        WorkerProcess broken = worker(null, "zenlab.cluster.failUnits=true");
        Path clustered = dir.resolve("cluster");
        CliRun run = CliRun.of(study(clustered, 4, "--cluster", cluster, "--join", broken.address()));
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("zenlab study: unit point ")
                && l.contains("failed on member " + broken.address())
                && l.contains("started with -Dzenlab.cluster.failUnits=true")), run.err());
        assertFalse(Files.exists(clustered), "no results folder");
    }

    @Test
    void shouldRefuseToJoinWithoutAClusterName() {
        CliRun run = CliRun.of(study(dir.resolve("never"), 2, "--join", "127.0.0.1:5701"));
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("the name is required to join"), run.err());
    }

    /** Waits until the study has saved {@code count} units (or finished, which fails the test's premise). */
    static void waitForUnits(Path out, int count, CompletableFuture<?> running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (running != null && running.isDone()) {
                throw new AssertionError("the study finished before " + count + " units were saved: " + running.get());
            }
            if (savedUnits(out) >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + count + " units saved in 120 s");
    }

    /** Waits until {@code member} has saved a unit of the study (or the study finished, which fails the premise). */
    static void waitForUnitsOf(Path out, String member, CompletableFuture<?> running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (running.isDone()) {
                throw new AssertionError("the study finished before " + member + " saved a unit: " + running.get());
            }
            Path units = UnitStore.folderOf(out);
            if (Files.isDirectory(units)) {
                try (Stream<Path> files = Files.list(units)) {
                    boolean saved = files.filter(f -> f.getFileName().toString().matches("p\\d+-r\\d+\\.json"))
                            .anyMatch(f -> {
                                try {
                                    return Files.readString(f).contains("\"" + member + "\"");
                                } catch (IOException gone) {
                                    return false; // renamed into place as we read
                                }
                            });
                    if (saved) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(member + " saved no unit in 120 s");
    }

    /** Units the study has saved so far (0 before its units folder exists or after it is gone). */
    static long savedUnits(Path out) throws IOException {
        Path units = UnitStore.folderOf(out);
        if (!Files.isDirectory(units)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(units)) {
            return files.filter(f -> f.getFileName().toString().matches("p\\d+-r\\d+\\.json")).count();
        }
    }
}
