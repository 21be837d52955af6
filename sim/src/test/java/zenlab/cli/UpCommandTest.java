package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import zenlab.net.NettyLeaks;
import zenlab.net.StreamCheck;

/** {@code zenlab up}: the bundled demo comes up, and real clients reach its apps through mtunnels. */
class UpCommandTest {

    /** A writer another thread can read while the command runs. */
    private static final class LiveText extends Writer {
        private final StringBuffer text = new StringBuffer();

        @Override
        public void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        String now() {
            return text.toString();
        }
    }

    private static InetSocketAddress addressOf(String output, String app) {
        Matcher m = Pattern.compile("(?m)^  " + app + "\\s+127\\.0\\.0\\.1:(\\d+)").matcher(output);
        assertTrue(m.find(), "no address for " + app + " in:\n" + output);
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
    }

    @Test
    void shouldServeCurlAndAnEchoThroughMtunnelsUntilStopped() throws Exception {
        LiveText out = new LiveText();
        StringWriter err = new StringWriter();
        Path scenario = ScenarioFiles.root().resolve("scenarios/up-demo.yaml");
        // Up until the test has done its checks, however slow the machine: then interrupted, as Ctrl-C stops it.
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread up = new Thread(() -> exit.complete(Main.execute(new String[] {"up", scenario.toString(), "--for", "10m"},
                new PrintWriter(out, true), new PrintWriter(err, true))), "up-under-test");
        up.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.now().contains("up for 10m")) {
            assertTrue(System.nanoTime() < deadline && !exit.isDone(), "not up: " + out.now() + err);
            Thread.sleep(20);
        }
        String printed = out.now();
        assertTrue(printed.contains("Demo-1") && printed.contains("Demo-2"), printed);
        if (System.getenv("CI") != null) {
            assertTrue(printed.contains("TLS BoringSSL"), "CI has netty-tcnative's BoringSSL; the lab used: " + printed);
        }
        InetSocketAddress web = addressOf(printed, "web");

        HttpResponse<String> page = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.getPort() + "/study.csv")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals(Files.readString(ScenarioFiles.root().resolve("results/pair-vs-single/study.csv")), page.body());

        Path curl = Path.of("/usr/bin/curl");
        // .ci/run installs curl: under CI its absence fails the test rather than skipping the check.
        assertTrue(Files.isExecutable(curl) || System.getenv("CI") == null, "curl is not installed");
        if (Files.isExecutable(curl)) {
            Process p = new ProcessBuilder(curl.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "http://127.0.0.1:" + web.getPort() + "/index.html").redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals("200", new String(p.getInputStream().readAllBytes()).trim(), "curl through the mtunnel");
        }
        assertTrue(StreamCheck.echo(addressOf(printed, "echo"), 2 << 20, 11, 10_000).intact());

        up.interrupt();
        assertEquals(0, exit.get(60, TimeUnit.SECONDS), err.toString());
        assertTrue(out.now().contains("stopping:"), out.now());
        NettyLeaks.assertNone();
    }
}
