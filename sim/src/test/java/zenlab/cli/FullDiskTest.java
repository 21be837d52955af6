package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zenlab.drive.UnitStore;

/**
 * A disk that fills up midway: a small tmpfs mounted for the test (it needs root, as CI has;
 * elsewhere it is skipped, saying why). A run and a study that cannot write their results exit
 * 3 with one line naming the path and the cause, and leave no half-written folder; the study's
 * saved units stay, and --resume once space is freed gives the files of an uninterrupted study,
 * byte for byte.
 */
class FullDiskTest {

    private static final String SCENARIO = ScenarioFiles.root().resolve("scenarios/pair-vs-single.yaml").toString();
    private static final List<String> STUDY_FILES = List.of("study.json", "study.csv", "outages.csv");

    @TempDir
    Path dir;
    private Path disk;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root, "needs root to mount a small tmpfs (CI runs as root)");
        disk = dir.resolve("disk");
        Files.createDirectories(disk);
        int exit = run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk.toString());
        Assumptions.assumeTrue(exit == 0, "cannot mount a tmpfs here (exit " + exit + ")");
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk == null || !Files.exists(disk)) {
            return;
        }
        List<String> held = filesHeldOpenOn(disk);
        if (run("umount", disk.toString()) != 0) {
            run("umount", "-l", disk.toString()); // detach it anyway, so the temporary folder goes
        }
        assertEquals(List.of(), held, "files a failed run left open on the full disk");
    }

    /** The files this process holds open under {@code folder} (Linux's /proc/self/fd). */
    private static List<String> filesHeldOpenOn(Path folder) throws IOException {
        List<String> held = new java.util.ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.collect(Collectors.toList())) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(folder)) {
                        held.add(target.toString());
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, gone by now
                }
            }
        }
        return held;
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** Fills the disk but for {@code keepBytes}: the ballast file, to delete when space is to come back. */
    private Path fillAllBut(long keepBytes) throws IOException {
        Path ballast = disk.resolve("ballast");
        long free = Files.getFileStore(disk).getUsableSpace();
        try (OutputStream out = Files.newOutputStream(ballast)) {
            byte[] block = new byte[64 * 1024];
            for (long left = free - keepBytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return ballast;
    }

    private List<String> onDisk() throws IOException {
        try (Stream<Path> files = Files.list(disk)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void shouldExitThreeNamingThePathAndLeaveNoHalfWrittenRun() throws Exception {
        fillAllBut(256 * 1024); // a year's status log and charts are megabytes
        Path out = disk.resolve("melbourne");
        CliRun run = CliRun.of("run", ScenarioFiles.root().resolve("scenarios/melbourne-pair.yaml").toString(),
                "--out", out.toString(), "-q");
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(out.toString()) && run.err().contains("No space left on device"), run.err());
        assertEquals(List.of("ballast"), onDisk(), "no results folder, finished or not");
    }

    @Test
    void shouldKeepAStudysSavedUnitsAndResumeToTheSameFilesOnceSpaceIsFreed() throws Exception {
        Path reference = dir.resolve("reference");
        String[] args = {"study", SCENARIO, "--replications", "3", "--vary", "group.connectors=1..2", "--quiet",
            "--threads", "1", "--out"};
        assertEquals(0, CliRun.of(concat(args, reference.toString())).exitCode());

        Path ballast = fillAllBut(64 * 1024); // room for the units (about a kB each), not for the charts
        Path out = disk.resolve("study");
        CliRun full = CliRun.of(concat(args, out.toString()));
        assertEquals(3, full.exitCode(), full.out() + full.err());
        assertEquals(1, full.err().lines().count(), full.err());
        assertTrue(full.err().contains(disk.toString()) && full.err().contains("No space left on device"), full.err());
        assertTrue(Files.notExists(out), "no half-written results");
        try (Stream<Path> units = Files.list(UnitStore.folderOf(out))) {
            assertEquals(6, units.filter(f -> f.getFileName().toString().matches("p\\d+-r\\d+\\.json")).count(),
                    "every unit's result was saved before the disk filled");
        }

        Files.delete(ballast);
        CliRun resumed = CliRun.of(concat(concat(args, out.toString()), "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("6 of 6 units already finished"), resumed.err());
        for (String f : STUDY_FILES) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
