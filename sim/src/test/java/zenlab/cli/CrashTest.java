package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL, where no shutdown hook runs: a killed run leaves no results folder that could pass
 * for finished, and the next run clears what it left; a killed {@code zenlab up} leaves its
 * private keys owner-only and restarts from its state folder without enrolling again. (A killed study: {@link StudyResumeTest}.)
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashTest {

    @TempDir
    Path dir;

    @Test
    void shouldLeaveNoFinishedLookingFolderAndClearTheLeftoversNextTime() throws Exception {
        Path out = dir.resolve("pair");
        String scenario = ScenarioFiles.root().resolve("scenarios/pair-vs-single.yaml").toString();
        Process run = new ProcessBuilder(WorkerProcess.zenlabCommand(List.of(),
                List.of("run", scenario, "--out", out.toString(), "--quiet")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
        try {
            waitFor(() -> !leftovers(out).isEmpty(), "the run's unfinished folder");
            Thread.sleep(500); // midway: journal and histograms being written
        } finally {
            run.destroyForcibly();
            run.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(out), "a killed run has no results folder");
        assertEquals(1, leftovers(out).size(), "only its hidden unfinished folder, named as unfinished");

        CliRun again = CliRun.of("run", scenario, "--out", out.toString(), "--quiet");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
        assertEquals(List.of(), leftovers(out), "the next run into the same folder clears the killed one's leftovers");
    }

    @Test
    void shouldKeepUpsPrivateKeysOwnerOnlyWhenKilled() throws Exception {
        Path state = dir.resolve("state");
        Path log = dir.resolve("up.log");
        Process up = new ProcessBuilder(WorkerProcess.zenlabCommand(List.of(), List.of("up",
                ScenarioFiles.root().resolve("scenarios/up-demo.yaml").toString(), "--state", state.toString(),
                "--for", "2m"))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            waitFor(() -> read(log).contains("up for 2m"), "zenlab up to say it is up");
        } finally {
            up.destroyForcibly();
            up.waitFor(30, TimeUnit.SECONDS);
        }
        List<Path> keys;
        try (Stream<Path> files = Files.walk(state)) {
            keys = files.filter(f -> f.toString().endsWith(".key")).toList();
        }
        assertTrue(keys.size() >= 3, "CA keys and enrolled connectors' keys: " + keys);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        for (Path key : keys) {
            assertEquals(ownerOnly, Files.getPosixFilePermissions(key), key.toString());
        }
        assertFalse(read(log).contains("PRIVATE KEY"), "no key printed");

        // Restarted on the same folder: the same CA and connectors, none enrolled again.
        CliRun again = CliRun.of("up", ScenarioFiles.root().resolve("scenarios/up-demo.yaml").toString(), "--state",
                state.toString(), "--for", "1s", "-v");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(2, again.out().split("enrolment kept in", -1).length - 1, again.out());
        assertTrue(again.out().contains("Demo-1") && again.out().contains("Demo-2"), again.out());
        assertFalse(again.err().contains("ENROLLED"), "no re-enrolment: " + again.err());
        assertFalse(again.out().contains("PRIVATE KEY") || again.err().contains("PRIVATE KEY"), "no key printed");
        for (Path key : keys) {
            assertEquals(ownerOnly, Files.getPosixFilePermissions(key), key + " after the restart");
        }
    }

    private static List<Path> leftovers(Path out) {
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith("." + out.getFileName() + ".tmp-")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 90 s for " + what);
            }
            Thread.sleep(20);
        }
    }
}
