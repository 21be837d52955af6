package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own checker, {@code promtool} (Debian package {@code prometheus}, which .ci/run
 * installs): under CI its absence fails the test, elsewhere the check is left to CI.
 */
final class PromTool {

    private PromTool() {
    }

    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** {@code promtool check metrics} accepts {@code text}: no error, no lint warning. */
    static void checkMetrics(String text) throws IOException, InterruptedException {
        Path promtool = find();
        assertTrue(promtool != null || System.getenv("CI") == null, "promtool is not installed (apt-get install prometheus)");
        if (promtool == null) {
            return;
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool hung");
        assertEquals(0, p.exitValue(), "promtool check metrics: " + said);
        assertEquals("", said.trim(), "promtool's lint");
    }
}
