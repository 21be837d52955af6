package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import zenlab.model.Cause;
import zenlab.net.connector.Connector;
import zenlab.net.connector.ConnectorSettings;
import zenlab.net.load.ConnectionStorm;
import zenlab.net.load.ResourceSample;
import zenlab.scenario.FleetSection;
import zenlab.scenario.ScenarioLoader;

/**
 * Storms at {@code zenlab up}'s fabric (the bundled demo): 5,000 clients connecting at once to the
 * echo app's client port, from a process of their own, and 500 connectors' worth of enrolments at
 * once. The lab stays up; each client is answered or refused, never left hanging; the users
 * already connected are not cut; once the storm is over, threads, open files and memory are back
 * where they were.
 */
class StormTest {

    private static final int CLIENTS = 5_000;
    private static final int ENROLMENTS = 500;

    /** A well-behaved user connected before the storm: it echoes a little every round, and must never be cut. */
    private static final class SteadyUser implements AutoCloseable {
        final Socket socket = new Socket();
        final byte[] round = new byte[512];

        SteadyUser(InetSocketAddress echo, int seed) throws Exception {
            socket.setSoTimeout(30_000);
            socket.connect(echo, 10_000);
            Arrays.fill(round, (byte) seed);
            echoOnce();
        }

        void echoOnce() throws Exception {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(round);
            out.flush();
            byte[] back = in.readNBytes(round.length);
            assertTrue(Arrays.equals(round, back), "a steady user's echo came back short or wrong");
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private static ResourceSample settled() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ResourceSample.now();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldAnswerOrRefuseEveryClientOfAStormAndComeBackToWhereItWas() throws Exception {
        // 5,000 mtunnels hold three sockets each in this process: broker, connector, echo app.
        long limit = openFilesLimit();
        org.junit.jupiter.api.Assumptions.assumeTrue(limit >= 4 * CLIENTS || System.getenv("CI") != null,
                "needs an open-files limit of " + 4 * CLIENTS + " (ulimit -n), this process has " + limit);
        FleetSection demo = ScenarioLoader.load(Path.of(System.getProperty("zenlab.root", ".."))
                .resolve("scenarios/up-demo.yaml")).fleet();
        CountingNetEvents events = new CountingNetEvents();
        try (LiveLab lab = LiveLab.start(demo, Path.of("."), LiveLab.Options.defaults(), events)) {
            InetSocketAddress echo = lab.clientPorts().get("echo");
            ConnectionStorm.run(echo, 200, 1024, 20_000); // warm-up: pools and JIT at their working size
            List<SteadyUser> steady = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                steady.add(new SteadyUser(echo, i));
            }
            ResourceSample before = settled();

            ConnectionStorm.Outcome storm = stormFromAnotherProcess(echo);
            System.out.println("storm: " + storm + " broker: " + events.count(NetEvents.Kind.MTUNNEL_ESTABLISHED)
                    + " established, " + events.count(NetEvents.Kind.MTUNNEL_REFUSED) + " refused");
            assertEquals(0, storm.hung(), "clients neither answered nor refused: " + storm);
            assertEquals(0, storm.wrong(), "echoes that came back other than sent: " + storm);
            assertEquals(CLIENTS, storm.answered() + storm.refused());
            for (SteadyUser user : steady) {
                user.echoOnce(); // still connected, still served
            }

            enrolmentStorm(lab);
            for (SteadyUser user : steady) {
                user.echoOnce();
            }

            ResourceSample after = settled();
            long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (after.openFds() > before.openFds() + 8 && System.nanoTime() < deadlineNs) {
                Thread.sleep(250); // the storm's last sockets may still be closing
                after = ResourceSample.now();
            }
            System.out.println("storm: " + before + " -> " + after);
            assertTrue(after.threads() <= before.threads() + 2, "threads: " + before + " -> " + after);
            if (before.openFds() >= 0) {
                assertTrue(after.openFds() <= before.openFds() + 8, "open files: " + before + " -> " + after);
            }
            assertTrue(after.heapUsedBytes() <= before.heapUsedBytes() + 64L * 1024 * 1024, "heap: " + before + " -> " + after);
            assertTrue(after.directBytes() <= before.directBytes() + 64L * 1024 * 1024, "direct: " + before + " -> " + after);
            for (SteadyUser user : steady) {
                user.close();
            }
        }
    }

    /** The soft limit of open files of this process (Linux), or Long.MAX_VALUE where it cannot be read. */
    private static long openFilesLimit() throws java.io.IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!java.nio.file.Files.exists(limits)) {
            return Long.MAX_VALUE;
        }
        for (String line : java.nio.file.Files.readAllLines(limits)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return Long.MAX_VALUE;
    }

    /** 5,000 clients at once, from a JVM of their own: this one keeps only the lab's sockets. */
    private static ConnectionStorm.Outcome stormFromAnotherProcess(InetSocketAddress echo) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConnectionStorm.class.getName(), "127.0.0.1:" + echo.getPort(), Integer.toString(CLIENTS), "1024", "90")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the storm's process ended by itself");
        assertEquals(0, p.exitValue(), output);
        String line = output.lines().filter(l -> l.startsWith("storm ")).findFirst().orElseThrow(() -> new AssertionError(output));
        return ConnectionStorm.Outcome.parse(line);
    }

    /**
     * 500 VMs enrol at once with a key that allows 250: every one is answered, enrolled or
     * refused KEY_EXHAUSTED, within the bound; none hangs.
     */
    private static void enrolmentStorm(LiveLab lab) throws Exception {
        // A key of its own for half the storm: 250 enrol (a certificate signed each), 250 are refused.
        String group = lab.tenant().keyRecords().get(0).group();
        zenlab.net.pki.ProvisioningKey stormKey = new zenlab.net.pki.ProvisioningKey("1|enroll.zenlab.local|"
                + java.util.Base64.getEncoder().encodeToString("storm-of-enrolments".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        lab.tenant().addKey("Storm", stormKey, ENROLMENTS / 2, group);
        zenlab.net.broker.Tenant.KeyRecord key = lab.tenant().keyRecords().stream()
                .filter(k -> k.name().equals("Storm")).findFirst().orElseThrow();
        Transport transport = Transport.preferred();
        io.netty.channel.EventLoopGroup vmLoops = transport.group(2, "storm-vms");
        List<Connector> vms = new ArrayList<>();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < ENROLMENTS; i++) {
                Connector vm = new Connector(ConnectorSettings.of("storm-" + i, String.format("02:00:5e:%02x:%02x:01", i >> 8,
                        i & 0xff)).withProvider(TlsProvider.preferred()), java.util.Map.of(),
                        lab.tenant().pki().cloudRootCertificate(), transport, vmLoops, NetEvents.NONE);
                vms.add(vm);
                answers.add(vm.enrol(lab.enrolment().address(), lab.enrolment().name(), stormKey));
            }
            int enrolled = 0;
            int exhausted = 0;
            for (CompletableFuture<?> answer : answers) {
                try {
                    answer.get(120, TimeUnit.SECONDS);
                    enrolled++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof NetFailure f && f.failureCause() == Cause.KEY_EXHAUSTED,
                            "refused otherwise than KEY_EXHAUSTED: " + e.getCause());
                    exhausted++;
                }
            }
            assertEquals(key.maxUsage(), enrolled, "the key's uses, and no more");
            assertEquals(ENROLMENTS - enrolled, exhausted);
        } finally {
            vms.forEach(Connector::close);
            vmLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
