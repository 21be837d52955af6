package zenlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code zenlab worker} in a JVM of its own, on loopback with an ephemeral port, started from
 * the test's class path. It exits by itself if the test JVM dies ({@code zenlab.worker.exitWithPid}),
 * and {@link #close()} kills it in any case.
 */
final class WorkerProcess implements AutoCloseable {

    private static final Pattern MEMBER = Pattern.compile("member (\\S+:\\d+) of cluster");
    private static final long START_TIMEOUT_S = 90;

    private final Process process;
    private final String address;
    private final StringBuffer output;

    private WorkerProcess(Process process, String address, StringBuffer output) {
        this.process = process;
        this.address = address;
        this.output = output;
    }

    /** Starts a worker of {@code cluster} with one thread, joining {@code join} if not null. */
    static WorkerProcess start(String cluster, String join, String... systemProperties) throws IOException {
        return start(List.of(), "127.0.0.1", cluster, join, systemProperties);
    }

    /**
     * The same, bound to {@code bindHost}, its command run through {@code prefix} (such as
     * {@code ip netns exec NS}, which execs it: the process is the JVM itself).
     */
    static WorkerProcess start(List<String> prefix, String bindHost, String cluster, String join,
                               String... systemProperties) throws IOException {
        List<String> args = new ArrayList<>(List.of("worker", "--cluster", cluster, "--bind", bindHost + ":0",
                "--threads", "1"));
        if (join != null) {
            args.addAll(List.of("--join", join));
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(zenlabCommand(List.of(systemProperties), args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    Matcher m = MEMBER.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            address.complete(null);
        }, "worker-output");
        reader.setDaemon(true);
        reader.start();
        String bound;
        try {
            bound = address.get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            bound = null;
        }
        if (bound == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the worker did not start:\n" + output);
        }
        return new WorkerProcess(process, bound, output);
    }

    /**
     * The command line of zenlab in a JVM of its own, from the test's class path, with what
     * Hazelcast asks of the JDK, and told to exit if the test JVM goes.
     */
    static List<String> zenlabCommand(List<String> systemProperties, List<String> args) {
        return zenlabCommand("384m", systemProperties, args);
    }

    /** The same with a heap of {@code maxHeap} (a -Xmx value). */
    static List<String> zenlabCommand(String maxHeap, List<String> systemProperties, List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap, "-XX:+UseSerialGC",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "-D" + WorkerCommand.EXIT_WITH_PID_PROPERTY + "=" + ProcessHandle.current().pid()));
        for (String p : systemProperties) {
            command.add("-D" + p);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return command;
    }

    /** Its cluster address, 127.0.0.1:PORT. */
    String address() {
        return address;
    }

    /** What it printed so far. */
    String output() {
        return output.toString();
    }

    /** Waits until it has printed {@code text} after the first {@code from} characters; false after the timeout. */
    boolean awaitOutput(String text, int from, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (output.indexOf(text, from) < 0) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                return output.indexOf(text, from) >= 0;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** SIGSTOP: the member freezes, holding its sockets and its units, saying nothing (a paused VM, a long GC). */
    void freeze() throws Exception {
        signal("STOP");
    }

    /** SIGCONT: the frozen member wakes and carries on where it stopped. */
    void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
        kill.getInputStream().readAllBytes();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL: no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
