package zenlab.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code zenlab worker} of one thread in a JVM of its own on loopback, from this JVM's class
 * path; it exits with this JVM ({@code zenlab.worker.exitWithPid}) and on {@link #close()}.
 */
public final class WorkerFork implements AutoCloseable {

    private static final Pattern MEMBER = Pattern.compile("member (\\S+:\\d+) of cluster");

    private final Process process;
    private final String address;

    private WorkerFork(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    public static WorkerFork start(String cluster, int threads) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g", // as the benchmark fork's own heap: the same room for the same units
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "-Dzenlab.worker.exitWithPid=" + ProcessHandle.current().pid(),
                "-cp", System.getProperty("java.class.path"), "zenlab.cli.Main", "worker", "--cluster", cluster,
                "--bind", "127.0.0.1:0", "--threads", Integer.toString(threads)))
                .redirectErrorStream(true).start();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher m = MEMBER.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // gone
            }
            address.complete(null);
        }, "bench-worker-output");
        reader.setDaemon(true);
        reader.start();
        String bound;
        try {
            bound = address.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            bound = null;
        }
        if (bound == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the benchmark's worker did not start");
        }
        return new WorkerFork(process, bound);
    }

    public String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
