package zenlab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
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
import zenlab.bench.mtunnel.RequestResponseClient;
import zenlab.net.TlsProvider;
import zenlab.net.Transport;
import zenlab.net.app.AppServer;

/**
 * Request/response traffic, the shape of most apps behind a connector (databases, RPC, web
 * APIs): {@code connections} clients, each keeping {@code pipeline} requests of
 * {@code messageBytes} outstanding against an echo app and sending the next as each response is
 * back. {@code path} is {@code fabric} (broker's client port, an mtunnel over mutual TLS to one
 * connector, the app) or {@code direct} (the same echo app, no relay): the baseline of the same
 * run. Scores, per second: {@code requests} completed and {@code busyCpuNs}, the machine's busy
 * CPU (all cores, kernel included); their ratio is the CPU a request costs. Each iteration also
 * prints its latency percentiles (HdrHistogram, every request). {@code roundTrip} is one
 * connection, one request at a time, timed by JMH's SampleTime: its percentiles are in the results.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RequestResponseBenchmark -rf json -rff rr.json}
 */
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:MaxDirectMemorySize=1g", "-Dio.netty.leakDetection.level=disabled"})
@Threads(1)
public class RequestResponseBenchmark {

    static final int SAMPLE_MS = 100;

    /** The lab (or the bare echo app) and its clients. */
    @State(Scope.Benchmark)
    public static class Load {
        @Param({"fabric", "direct"})
        public String path;

        @Param({"1", "50", "500"})
        public int connections;

        @Param({"16", "1024", "16384"})
        public int messageBytes;

        @Param({"1", "16"})
        public int pipeline;

        MtunnelRig rig;
        EventLoopGroup appGroup;
        AppServer app;
        final LongAdder completed = new LongAdder();
        final Recorder latencyNs = new Recorder(3);
        Histogram interval;
        final List<Channel> channels = new ArrayList<>();
        final List<RequestResponseClient> clients = new ArrayList<>();

        @Setup(Level.Trial)
        public void start() throws Exception {
            int threads = Runtime.getRuntime().availableProcessors();
            Transport transport = Transport.preferred();
            InetSocketAddress target;
            EventLoopGroup clientGroup;
            if (path.equals("fabric")) {
                rig = new MtunnelRig(1, AppServer.Kind.ECHO, TlsProvider.parse("openssl"), threads);
                target = rig.clientPort();
                clientGroup = rig.clientGroup(); // a user's traffic arrives on the broker's side
            } else {
                appGroup = transport.group(threads, "rr-direct");
                app = AppServer.start(AppServer.Kind.ECHO, transport, appGroup, 0, null);
                target = app.address();
                clientGroup = appGroup;
            }
            ByteBuf request = Unpooled.unreleasableBuffer(Unpooled.directBuffer(messageBytes).writeZero(messageBytes).asReadOnly());
            for (int i = 0; i < connections; i++) {
                RequestResponseClient client = new RequestResponseClient(request, pipeline, completed, latencyNs);
                clients.add(client);
                channels.add(transport.bootstrap(clientGroup).option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                ch.pipeline().addLast(client);
                            }
                        }).connect(target).sync().channel());
            }
        }

        /**
         * Prints this iteration's latency percentiles, from every request it completed, and what the
         * JVM holds at its end (heap after a collection, direct memory): flat from one iteration to
         * the next is what bounded memory under the load looks like.
         */
        @TearDown(Level.Iteration)
        public void latency() {
            interval = latencyNs.getIntervalHistogram(interval);
            zenlab.net.load.ResourceSample held = zenlab.net.load.ResourceSample.now();
            System.out.printf(Locale.ROOT, "%nlatency us (%s, %d connections, %d B, pipeline %d): p50 %.1f p99 %.1f p99.9 %.1f"
                            + " max %.1f over %d requests; heap %d MiB, direct %d MiB%n", path, connections, messageBytes,
                    pipeline, interval.getValueAtPercentile(50) / 1e3, interval.getValueAtPercentile(99) / 1e3,
                    interval.getValueAtPercentile(99.9) / 1e3, interval.getMaxValue() / 1e3, interval.getTotalCount(),
                    held.heapUsedBytes() >> 20, held.directBytes() >> 20);
        }

        @TearDown(Level.Trial)
        public void stop() {
            clients.forEach(RequestResponseClient::stop);
            for (Channel c : channels) {
                c.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
            if (rig != null) {
                rig.close();
            }
            if (app != null) {
                app.close();
                appGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    /** Requests completed, as JMH's per-second rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Requests {
        public long requests;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    public void requests(Load load, Requests requests, MtunnelThroughputBenchmark.BusyCpu cpu) throws InterruptedException {
        long before = load.completed.sum();
        cpu.sample();
        Thread.sleep(SAMPLE_MS);
        requests.requests += load.completed.sum() - before;
        cpu.sample();
    }

    /** One connection, one request at a time, on a blocking socket: JMH times each round trip. */
    @State(Scope.Thread)
    public static class OneConnection {
        @Param({"fabric", "direct"})
        public String path;

        @Param({"16", "1024", "16384"})
        public int messageBytes;

        MtunnelRig rig;
        EventLoopGroup appGroup;
        AppServer app;
        Socket socket;
        byte[] request;
        byte[] response;

        @Setup(Level.Trial)
        public void start() throws Exception {
            int threads = Runtime.getRuntime().availableProcessors();
            InetSocketAddress target;
            if (path.equals("fabric")) {
                rig = new MtunnelRig(1, AppServer.Kind.ECHO, TlsProvider.parse("openssl"), threads);
                target = rig.clientPort();
            } else {
                appGroup = Transport.preferred().group(threads, "rr-direct");
                app = AppServer.start(AppServer.Kind.ECHO, Transport.preferred(), appGroup, 0, null);
                target = app.address();
            }
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(target, 5_000);
            socket.setSoTimeout(5_000);
            request = new byte[messageBytes];
            response = new byte[messageBytes];
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            socket.close();
            if (rig != null) {
                rig.close();
            }
            if (app != null) {
                app.close();
                appGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] roundTrip(OneConnection one) throws IOException {
        OutputStream out = one.socket.getOutputStream();
        out.write(one.request);
        InputStream in = one.socket.getInputStream();
        int got = 0;
        while (got < one.response.length) {
            int n = in.read(one.response, got, one.response.length - got);
            if (n < 0) {
                throw new IOException("the echo closed the connection");
            }
            got += n;
        }
        return one.response;
    }
}
