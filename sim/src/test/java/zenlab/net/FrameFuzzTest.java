package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import zenlab.model.Cause;
import zenlab.net.broker.BrokerSettings;
import zenlab.net.connector.Connector;
import zenlab.net.tunnel.FrameType;

/**
 * Random and mutated frames over real TLS: at the enrolment service from peers without a
 * certificate (the broker refuses those at the handshake), and at a broker with a connector's
 * certificate but no Hello, and after a valid Hello: well over a thousand seeded
 * cases. No exception may reach the end of a pipeline, every cut must name its cause, each
 * peer must be answered or cut within a bounded time, no buffer may leak (paranoid), and the
 * broker must go on serving a well-behaved connector's mtunnels.
 */
class FrameFuzzTest {

    private static final int CASES = 1_200;
    private static final int PARALLEL = 4;
    private static final long SEED = 0x2026_1203L;
    /** Shortened timeouts, so a peer left waiting for the rest of a frame is cut within a second. */
    private static final BrokerSettings SHORT = new BrokerSettings(500, 800, 1_000, 5_000);
    private static final byte[] KNOWN = {FrameType.ENROLL_REQUEST, FrameType.HELLO, FrameType.PING, FrameType.PONG,
        FrameType.BRK_RQ, FrameType.BRK_RQ_ACK, FrameType.BIND_REQ, FrameType.BIND_REQ_ACK, FrameType.DATA,
        FrameType.WINDOW_UPDATE, FrameType.END, FrameType.FIN, FrameType.PAUSE, FrameType.APP_HEALTH};

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldCutOrAnswerEveryHostileSequenceWithItsCauseAndKeepServing() throws Exception {
        List<String> escaped = new ArrayList<>();
        Logger pipelineLog = Logger.getLogger("io.netty.channel.DefaultChannelPipeline");
        Handler catcher = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (escaped) {
                        escaped.add(r.getMessage() + (r.getThrown() == null ? "" : ": " + r.getThrown()));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        pipelineLog.addHandler(catcher);
        try (NetFixture net = new NetFixture(TlsProvider.preferred(), SHORT)) {
            net.connected("vm-good");
            Connector fuzzHost = net.connected("vm-fuzz"); // an identity whose sessions the fuzzer replaces
            long heapBefore = usedHeap();
            long serverCutsBefore = serverCuts(net);
            AtomicInteger hung = new AtomicInteger();
            AtomicInteger cut = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
            List<Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < PARALLEL; w++) {
                int worker = w;
                runs.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(SEED + worker);
                    for (int i = worker; i < CASES; i += PARALLEL) {
                        Outcome outcome = oneCase(net, fuzzHost, random, i % 3);
                        if (outcome == Outcome.HUNG) {
                            hung.incrementAndGet();
                        } else if (outcome == Outcome.CUT) {
                            cut.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(200, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(0, hung.get(), "peers neither answered nor cut in time (or not even connected)");
            // A cut counts only if the server made it and said why: each one the fuzzer saw is a
            // server-side record (cut, refused, authentication failed) with its cause.
            long serverCuts = serverCuts(net) - serverCutsBefore;
            assertTrue(cut.get() <= serverCuts, cut.get() + " connections ended at the fuzzer's side, but the servers"
                    + " recorded only " + serverCuts + " cuts");
            assertTrue(StreamCheck.echo(net.crm, 256 * 1024, 7, 10_000).intact(), "the broker still serves");
            assertEquals(0, net.events.count(NetEvents.Kind.CONNECTION_CUT, Cause.NONE), "every cut has its cause");
            assertTrue(net.events.count(NetEvents.Kind.CONNECTION_CUT) > CASES / 3,
                    "the fuzzer's frames were cut: " + net.events.count(NetEvents.Kind.CONNECTION_CUT));
            assertTrue(usedHeap() < heapBefore + 64L * 1024 * 1024, "memory stays bounded");
        } finally {
            pipelineLog.removeHandler(catcher);
        }
        synchronized (escaped) {
            assertEquals(List.of(), escaped, "exceptions that reached the end of a pipeline");
        }
        NettyLeaks.assertNone();
    }

    /**
     * One hostile peer: {@code mode} 0 without a certificate at the enrolment service, 1 with one
     * at the broker but no Hello, 2 after a valid Hello. HUNG if the broker neither answered a
     * final Ping nor cut it in time, and if the connection or its handshake did not even complete.
     */
    private static Outcome oneCase(NetFixture net, Connector host, SplittableRandom random, int mode) throws Exception {
        RawTlsClient client;
        try {
            client = new RawTlsClient(mode == 0 ? net.enrolment.address() : net.broker.tunnelAddress(),
                    net.pki.cloudRootCertificate(), mode == 0 ? null : host.identity(), 3_000);
        } catch (IOException refusedOrTimedOut) {
            return Outcome.HUNG; // a server that does not accept, or does not finish the handshake, answers nothing
        }
        try (RawTlsClient raw = client) {
            if (mode == 2) {
                ByteArrayOutputStream hello = new ByteArrayOutputStream();
                hello.write(FrameType.ROLE_DATA);
                writeString(hello, host.fingerprint());
                writeString(hello, "fuzz/1");
                hello.write(new byte[] {0x7f, -1, -1, -1, -1, -1, -1, (byte) random.nextInt(256)});
                raw.frame(FrameType.HELLO, 0, hello.toByteArray());
            }
            int frames = 1 + random.nextInt(5);
            for (int f = 0; f < frames; f++) {
                send(raw, random);
            }
            raw.frame(FrameType.PING, 0, new byte[0]);
            return drainUntilPongOrClose(raw);
        } catch (IOException cutWhileWriting) {
            return Outcome.CUT; // the broker cut it while we were still writing
        }
    }

    /** How a hostile peer's connection ended, as the peer saw it. */
    private enum Outcome { ANSWERED, CUT, HUNG }

    /** Connections the servers ended on their side, each recorded with its cause. */
    private static long serverCuts(NetFixture net) {
        return net.events.count(NetEvents.Kind.CONNECTION_CUT) + net.events.count(NetEvents.Kind.CONNECTION_REFUSED)
                + net.events.count(NetEvents.Kind.AUTH_FAILED) + net.events.count(NetEvents.Kind.ENROLL_REFUSED);
    }

    private static void send(RawTlsClient raw, SplittableRandom random) throws IOException {
        byte type = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : KNOWN[random.nextInt(KNOWN.length)];
        int stream = random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(4);
        byte[] payload = new byte[random.nextInt(4) == 0 ? random.nextInt(4096) : random.nextInt(40)];
        random.nextBytes(payload);
        switch (random.nextInt(8)) {
            case 0 -> { // a length that lies: longer than what follows (the peer then goes quiet)
                raw.out.writeInt(5 + payload.length + 1 + random.nextInt(100));
                raw.out.writeByte(type);
                raw.out.writeInt(stream);
                raw.out.write(payload);
            }
            case 1 -> raw.out.writeInt(random.nextInt()); // a length alone, maybe negative or huge
            case 2 -> raw.out.write(payload); // bytes with no frame around them
            default -> {
                raw.out.writeInt(5 + payload.length);
                raw.out.writeByte(type);
                raw.out.writeInt(stream);
                raw.out.write(payload);
            }
        }
        raw.out.flush();
    }

    /** Reads frames until a Pong (the connection survived) or the end (it was cut); HUNG on a timeout. */
    private static Outcome drainUntilPongOrClose(RawTlsClient raw) {
        try {
            while (true) {
                int length = raw.in.readInt();
                byte type = raw.in.readByte();
                raw.in.readInt();
                raw.in.skipNBytes(Math.max(0, length - 5));
                if (type == FrameType.PONG) {
                    return Outcome.ANSWERED;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return Outcome.HUNG;
        } catch (IOException e) {
            return Outcome.CUT; // EOF, reset or TLS alert
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static long usedHeap() {
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }
}
