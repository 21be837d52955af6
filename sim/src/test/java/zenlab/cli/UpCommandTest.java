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
    void shouldServeCurlAndAnEchoThroughMtunnelsUntilItsTimeIsUp() throws Exception {
        LiveText out = new LiveText();
        StringWriter err = new StringWriter();
        Path scenario = ScenarioFiles.root().resolve("scenarios/up-demo.yaml");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.execute(
                new String[] {"up", scenario.toString(), "--for", "8s"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.now().contains("up for 8s")) {
            assertTrue(System.nanoTime() < deadline && !exit.isDone(), "not up: " + out.now() + err);
            Thread.sleep(20);
        }
        String printed = out.now();
        assertTrue(printed.contains("Demo-1") && printed.contains("Demo-2"), printed);
        InetSocketAddress web = addressOf(printed, "web");

        HttpResponse<String> page = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.getPort() + "/study.csv")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals(Files.readString(ScenarioFiles.root().resolve("results/pair-vs-single/study.csv")), page.body());

        Path curl = Path.of("/usr/bin/curl");
        if (Files.isExecutable(curl)) {
            Process p = new ProcessBuilder(curl.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "http://127.0.0.1:" + web.getPort() + "/index.html").redirectErrorStream(true).start();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals("200", new String(p.getInputStream().readAllBytes()).trim(), "curl through the mtunnel");
        }
        assertTrue(StreamCheck.echo(addressOf(printed, "echo"), 2 << 20, 11, 10_000).intact());

        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString());
        assertTrue(out.now().contains("stopping:"), out.now());
        NettyLeaks.assertNone();
    }
}
