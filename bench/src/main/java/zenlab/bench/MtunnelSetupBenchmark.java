package zenlab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import zenlab.bench.mtunnel.MtunnelRig;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.net.app.AppServer;

/**
 * Mtunnel setup: from a client's connect to the first byte back from the app (an echo), through
 * broker (BrkRq), connector (app connect, BrkRqAck, BindReq) and back (BindReqAck, data).
 *
 * <p>{@code openToFirstByte} samples one open at a time ({@code SampleTime}): the latency with
 * nothing else going on. {@code fixedRate} opens at {@code opensPerSecond} on a schedule for
 * {@value #FIXED_RATE_SECONDS} s and measures each open from its <em>intended</em> start, so a
 * stall also counts against every open it delayed (no coordinated omission); it prints the
 * percentiles of each iteration and writes the last one's histogram to
 * {@code bench/target/mtunnel-setup-<rate>ps.hgrm} (microseconds). Its JMH score is only the
 * time the schedule took (about {@value #FIXED_RATE_SECONDS} s when the lab keeps up).
 *
 * <p>With {@code -p target=127.0.0.1:PORT} the same load client measures a peer's echo path
 * instead of zenlab's lab (as {@code bench/peers/setup-vs-haproxy.sh} does for a chain of two
 * TLS-terminating HAProxy instances), so both tails come from one client on one machine.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar MtunnelSetupBenchmark -f 1}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MtunnelSetupBenchmark {

    static final int FIXED_RATE_SECONDS = 3;
    private static final int TIMEOUT_MS = 5_000;

    @Param({"1000"})
    public int opensPerSecond;

    @Param({"openssl"})
    public String provider;

    /** host:port of a peer's echo path to measure instead of zenlab's lab; empty for the lab. */
    @Param({""})
    public String target;

    /** on: the broker counts every mtunnel into live metrics, as {@code zenlab up --metrics} does; off: it counts nothing. */
    @Param({"off"})
    public String metrics;

    private MtunnelRig rig;
    private InetSocketAddress app;
    private EventLoopGroup clientLoop;

    @Setup(Level.Trial)
    public void start() throws Exception {
        if (target.isEmpty()) {
            rig = new MtunnelRig(2, AppServer.Kind.ECHO, TlsProvider.parse(provider),
                    Runtime.getRuntime().availableProcessors());
            app = rig.clientPort();
            if (metrics.equals("on")) {
                rig.meter(new zenlab.metrics.LabMetrics("bench", "up", provider, "bench"));
            }
        } else {
            int colon = target.lastIndexOf(':');
            app = new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        }
        clientLoop = Transport.preferred().group(1, "setup-load");
    }

    @TearDown(Level.Trial)
    public void stop() {
        clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (rig != null) {
            rig.close();
        }
    }

    /** One mtunnel: connect, send a byte, get it back, close. */
    static void openToFirstByte(InetSocketAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(address, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.getOutputStream().write('z');
            InputStream in = s.getInputStream();
            if (in.read() != 'z') {
                throw new IOException("the echo did not come back");
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void openToFirstByte() throws IOException {
        openToFirstByte(app);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public void fixedRate() throws Exception {
        Recorder recorder = new Recorder(3);
        long intervalNs = TimeUnit.SECONDS.toNanos(1) / opensPerSecond;
        int opens = opensPerSecond * FIXED_RATE_SECONDS;
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(opens);
        long startNs = System.nanoTime();
        for (int i = 0; i < opens; i++) {
            long intendedNs = startNs + i * intervalNs;
            long waitNs = intendedNs - System.nanoTime();
            if (waitNs > 0) {
                LockSupport.parkNanos(waitNs);
            }
            openAsync(intendedNs, recorder, failed, done);
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("opens did not finish");
        }
        Histogram h = recorder.getIntervalHistogram();
        Path hgrm = Path.of("bench", "target", "mtunnel-setup-" + opensPerSecond + "ps" + (target.isEmpty() ? "" : "-peer") + ".hgrm");
        if (Files.isDirectory(hgrm.getParent())) {
            try (PrintStream out = new PrintStream(Files.newOutputStream(hgrm), false, StandardCharsets.UTF_8)) {
                h.outputPercentileDistribution(out, 1e3); // microseconds
            }
        }
        System.out.printf("%n%s%d opens at %d/s: p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us, %d failed%n",
                target.isEmpty() ? "zenlab: " : "peer " + target + ": ", h.getTotalCount(), opensPerSecond, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, failed.get());
    }

    /**
     * One open by a non-blocking client (one event loop for all of them, so the load generator
     * does not compete for the cores with a thread per open): connect, send a byte, and on the
     * byte's return record the time since the open's intended start.
     */
    private void openAsync(long intendedNs, Recorder recorder, AtomicLong failed, CountDownLatch done) {
        Transport.preferred().bootstrap(clientLoop)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_MS)
                .handler(new ChannelInboundHandlerAdapter() {
                    private boolean counted;

                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'z'}));
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ((ByteBuf) msg).release();
                        if (!counted) {
                            counted = true;
                            recorder.recordValue(System.nanoTime() - intendedNs);
                            done.countDown();
                        }
                        ctx.close();
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        if (!counted) {
                            counted = true;
                            failed.incrementAndGet();
                            done.countDown();
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                })
                .connect(app).addListener(connected -> {
                    if (!connected.isSuccess()) {
                        failed.incrementAndGet();
                        done.countDown();
                    }
                });
    }
}
