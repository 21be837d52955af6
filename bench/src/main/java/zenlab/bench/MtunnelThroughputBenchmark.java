package zenlab.bench;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
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
import zenlab.bench.mtunnel.MtunnelRig;
import zenlab.bench.mtunnel.Pumps;
import zenlab.bench.mtunnel.TlsSinkServer;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.net.app.AppServer;

/**
 * Goodput of the real data path: load clients push bytes through a broker's client port,
 * mtunnels on mutual TLS to {@code connectors} connectors ({@code streams} per connector, spread
 * round robin), and on to a sink app; the score is the bytes the sink receives per second. The
 * baseline {@code rawTlsStream} pushes one TLS stream straight into a TLS sink with the same engine
 * in the same run: what the relay is measured against.
 *
 * <p>Each invocation samples the sink's byte counter every {@value #SAMPLE_MS} ms; JMH reports
 * the bytes as a rate ("bytes" in ops/s, i.e. bytes per second). Everything (load clients,
 * broker, connectors, app) shares this JVM and its cores, as a one-VM lab would.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar MtunnelThroughputBenchmark -f 1 -wi 3 -i 5}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:MaxDirectMemorySize=1g"})
@Threads(1)
public class MtunnelThroughputBenchmark {

    static final int SAMPLE_MS = 20;

    /** The relay: a rig, its load clients and the sink's counter. */
    @State(Scope.Benchmark)
    public static class Relay {
        @Param({"1", "2", "4"})
        public int connectors;

        @Param({"1", "16"})
        public int streams;

        @Param({"openssl", "jdk"})
        public String provider;

        MtunnelRig rig;
        Pumps pumps;
        EventLoopGroup clients;

        @Setup(Level.Trial)
        public void start() throws Exception {
            int threads = Runtime.getRuntime().availableProcessors();
            rig = new MtunnelRig(connectors, AppServer.Kind.SINK, TlsProvider.parse(provider), threads);
            clients = Transport.preferred().group(1, "load");
            pumps = new Pumps(rig.clientPort(), connectors * streams, clients);
        }

        @TearDown(Level.Trial)
        public void stop() {
            pumps.close();
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
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
                    io.netty.buffer.ByteBufAllocator.DEFAULT, "127.0.0.1", sink.address().getPort()));
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

    @Benchmark
    public void relay(Relay relay, Goodput goodput) throws InterruptedException {
        long before = relay.rig.bytesAtApp();
        Thread.sleep(SAMPLE_MS);
        goodput.bytes += relay.rig.bytesAtApp() - before;
    }

    @Benchmark
    public void rawTlsStream(RawTls raw, Goodput goodput) throws InterruptedException {
        long before = raw.sink.bytesReceived();
        Thread.sleep(SAMPLE_MS);
        goodput.bytes += raw.sink.bytesReceived() - before;
    }
}
