package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped half-way (Ctrl-C, kill) leaves no unfinished results folder and the previous results intact. */
class InterruptedRunTest {

    @TempDir
    Path dir;

    @Test
    void shouldRemoveTheUnfinishedFolderWhenTerminated() throws IOException, InterruptedException {
        Path out = dir.resolve("results/scale-10k");
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.json"), "{\"from\": \"an earlier run\"}\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "zenlab.cli.Main", "run",
                ScenarioFiles.root().resolve("scenarios/scale-10k.yaml").toString(), "--out", out.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stagingFolders().isEmpty() && System.nanoTime() < deadline && run.isAlive()) {
            Thread.sleep(20);
        }
        assertEquals(1, stagingFolders().size(), "the run started writing");
        run.destroy(); // SIGTERM, as kill or a closing terminal sends
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the run stopped");
        assertEquals(List.of(), stagingFolders(), "no unfinished folder left behind");
        assertEquals("{\"from\": \"an earlier run\"}\n", Files.readString(out.resolve("summary.json")));
    }

    private List<String> stagingFolders() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).collect(Collectors.toList());
        }
    }

}
