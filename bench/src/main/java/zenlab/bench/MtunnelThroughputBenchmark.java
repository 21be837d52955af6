package zenlab.bench;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import zenlab.bench.mtunnel.MachineCpu;
import zenlab.bench.mtunnel.MtunnelRig;
import zenlab.bench.mtunnel.Pumps;
import zenlab.bench.mtunnel.TlsSinkServer;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.net.app.AppServer;

/**
 * Goodput of the real data path: load clients push bytes through a broker's client port,
 * mtunnels on mutual TLS to {@code connectors} connectors ({@code streams} per connector, spread
 * round robin), and on to a sink app; the score is the bytes the sink receives per second. Two
 * baselines run in the same run: {@code rawTlsStream} pushes one TLS stream straight into a TLS
 * sink with the same engine (what the relay is measured against), and {@code plainTcpStream} one
 * plain TCP stream into the sink app (what one loopback hop costs; the relay crosses three).
 *
 * <p>Each invocation samples the sink's byte counter every {@value #SAMPLE_MS} ms; JMH reports
 * the bytes as a rate ("bytes" in ops/s, i.e. bytes per second) and {@code busyCpuNs}, the
 * machine's busy CPU time per second (all cores, kernel included: {@link BusyCpu}); their ratio
 * is what a byte costs, whatever the scheduling left idle. Everything (load
 * clients, broker, connectors, app) shares this JVM and one event loop per core, the broker's
 * side and the connector's side on half the loops each ({@link MtunnelRig}), as the baselines'
 * clients share their servers' loops.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar MtunnelThroughputBenchmark -rf json -rff tp.json}, then
 * {@link ThroughputTable} for the medians.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// The leak detector (tests run it at paranoid) samples allocations with stack traces: off here, as in production.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:MaxDirectMemorySize=1g", "-Dio.netty.leakDetection.level=disabled"})
@Threads(1)
public class MtunnelThroughputBenchmark {

    /** Long enough that reading /proc/stat twice a sample costs nothing measurable. */
    static final int SAMPLE_MS = 100;

    /** The relay: a rig, its load clients and the sink's counter. */
    @State(Scope.Benchmark)
    public static class Relay {
        @Param({"1", "2", "4"})
        public int connectors;

        @Param({"1", "16"})
        public int streams;

        @Param({"openssl", "jdk"})
        public String provider;

        /** on: the broker counts mtunnels and their bytes into live metrics ({@code -p metrics=off,on} compares). */
        @Param({"off"})
        public String metrics;

        MtunnelRig rig;
        Pumps pumps;

        @Setup(Level.Trial)
        public void start() throws Exception {
            int threads = Runtime.getRuntime().availableProcessors();
            rig = new MtunnelRig(connectors, AppServer.Kind.SINK, TlsProvider.parse(provider), threads);
            if (metrics.equals("on")) {
                rig.meter(new zenlab.metrics.LabMetrics("bench", "up", provider, "bench"));
            }
            // On the lab's own loops (the broker's side): a third thread on two cores would queue behind them.
            pumps = new Pumps(rig.clientPort(), connectors * streams, rig.clientGroup());
        }

        @TearDown(Level.Trial)
        public void stop() {
            pumps.close();
            rig.close();
        }
    }

    /** The baseline: one TLS stream into a TLS sink, same engine. */
    @State(Scope.Benchmark)
    public static class RawTls {
        @Param({"openssl", "jdk"})
        public String provider;

        EventLoopGroup group;
        TlsSinkServer sink;
        Pumps pump;

        @Setup(Level.Trial)
        public void start() throws Exception {
            group = Transport.preferred().group(Runtime.getRuntime().availableProcessors(), "raw");
            sink = new TlsSinkServer(TlsProvider.parse(provider), group);
            pump = new Pumps(sink.address(), 1, group, () -> sink.clientContext().newHandler(
                    Transport.ALLOCATOR, "127.0.0.1", sink.address().getPort()));
        }

        @TearDown(Level.Trial)
        public void stop() {
            pump.close();
            sink.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The second baseline: one plain TCP stream into the sink app, no TLS, no relay. */
    @State(Scope.Benchmark)
    public static class PlainTcp {
        EventLoopGroup group;
        AppServer sink;
        Pumps pump;

        @Setup(Level.Trial)
        public void start() throws Exception {
            Transport transport = Transport.preferred();
            group = transport.group(Runtime.getRuntime().availableProcessors(), "plain");
            sink = AppServer.start(AppServer.Kind.SINK, transport, group, 0, null);
            pump = new Pumps(sink.address(), 1, group);
        }

        @TearDown(Level.Trial)
        public void stop() {
            pump.close();
            sink.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Bytes delivered, as JMH's per-second rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Goodput {
        public long bytes;
    }

    /**
     * The machine's busy CPU time, all cores and the kernel included ({@link MachineCpu}), as
     * JMH's per-second rate: 2e9 is both cores saturated. Divided by the bytes' rate, it is what
     * a byte costs, whatever the scheduling left idle.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class BusyCpu {
        public long busyCpuNs;
        private long lastBusyNs = -1;

        @Setup(Level.Iteration)
        public void reset() {
            busyCpuNs = 0;
            lastBusyNs = -1; // time between iterations is not the benchmark's
        }

        void sample() {
            long now = MachineCpu.busyNs();
            if (lastBusyNs >= 0 && now >= lastBusyNs) {
                busyCpuNs += now - lastBusyNs;
            }
            lastBusyNs = now;
        }
    }

    @Benchmark
    public void relay(Relay relay, Goodput goodput, BusyCpu cpu) throws InterruptedException {
        sample(relay.rig::bytesAtApp, goodput, cpu);
    }

    @Benchmark
    public void rawTlsStream(RawTls raw, Goodput goodput, BusyCpu cpu) throws InterruptedException {
        sample(raw.sink::bytesReceived, goodput, cpu);
    }

    @Benchmark
    public void plainTcpStream(PlainTcp plain, Goodput goodput, BusyCpu cpu) throws InterruptedException {
        sample(plain.sink::bytesReceived, goodput, cpu);
    }

    private static void sample(LongSupplier bytesDelivered, Goodput goodput, BusyCpu cpu) throws InterruptedException {
        long before = bytesDelivered.getAsLong();
        cpu.sample();
        Thread.sleep(SAMPLE_MS);
        goodput.bytes += bytesDelivered.getAsLong() - before;
        cpu.sample();
    }
}
