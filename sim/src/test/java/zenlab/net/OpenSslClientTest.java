package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import zenlab.model.Cause;
import zenlab.net.broker.BrokerSettings;
import zenlab.net.pki.PemFiles;

/**
 * Strangers at a broker's connector port, played by {@code openssl s_client}: without a
 * certificate, and with a self-signed one (clientAuth usage) naming an enrolled connector. Each
 * gets a TLS alert at the handshake and no frame of theirs is parsed, with either TLS engine;
 * the enrolled connector is served throughout. CI installs openssl ({@code .ci/run}); elsewhere
 * the test is skipped if it is missing.
 */
class OpenSslClientTest {

    private static final long PROCESS_TIMEOUT_S = 20;
    private NetFixture net;

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        if (net != null) {
            net.close();
        }
        NettyLeaks.assertNone();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void shouldAlertAPeerWithoutACertificateAndAnImpostorAtTheHandshake(TlsProvider provider) throws Exception {
        Assumptions.assumeTrue(System.getenv("CI") != null || opensslAvailable(), "openssl is not installed");
        net = new NetFixture(provider, BrokerSettings.defaults());
        String enrolled = net.connected("vm-real").name();
        Path root = dir.resolve("cloud-root.pem");
        PemFiles.writeCertificates(root, List.of(net.pki.cloudRootCertificate()));

        String bare = sClient(root, null, null);
        assertTrue(bare.contains("alert"), "no alert without a certificate:\n" + bare);

        Path key = dir.resolve("impostor.key");
        Path cert = dir.resolve("impostor.pem");
        String made = run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=" + enrolled, "-addext", "extendedKeyUsage=clientAuth", "-days", "30",
                "-keyout", key.toString(), "-out", cert.toString()), null);
        assertTrue(Files.size(cert) > 0, made);
        String impostor = sClient(root, cert, key);
        assertTrue(impostor.contains("alert"), "no alert for a self-signed " + enrolled + ":\n" + impostor);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (net.events.count(NetEvents.Kind.CONNECTION_REFUSED) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, net.events.count(NetEvents.Kind.CONNECTION_REFUSED), net.events.lines().toString());
        assertEquals(1, net.events.count(NetEvents.Kind.CONNECTION_REFUSED, Cause.UNTRUSTED_CERTIFICATE),
                "the impostor's chain is not the tenant's: " + net.events.lines());
        assertEquals(0, net.events.count(NetEvents.Kind.CONNECTION_CUT), "no stranger's frame reached the parser");
        assertEquals(List.of(enrolled), net.broker.sessions().serving());
        assertTrue(StreamCheck.echo(net.crm, 64 * 1024, 5, 10_000).intact(), "the enrolled connector still serves");
    }

    /** s_client to the broker, TLS 1.3, a line written and then waiting (-ign_eof) until the broker ends it. */
    private String sClient(Path root, Path cert, Path key) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + net.broker.tunnelAddress().getPort(), "-tls1_3", "-CAfile", root.toString(),
                "-servername", NetFixture.BROKER, "-ign_eof"));
        if (cert != null) {
            command.addAll(List.of("-cert", cert.toString(), "-key", key.toString()));
        }
        return run(command, "hello\n");
    }

    private static String run(List<String> command, String input) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] output;
        try (var out = p.getInputStream()) {
            if (!p.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command.get(1) + " still running after " + PROCESS_TIMEOUT_S + " s");
            }
            output = out.readAllBytes();
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static boolean opensslAvailable() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
