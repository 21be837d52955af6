package zenlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import zenlab.metrics.LabMetrics;
import zenlab.model.Cause;
import zenlab.net.broker.MtunnelMeter;

/**
 * What live metrics add to one mtunnel, in nanoseconds: the broker's meter calls for its
 * request, establishment and end (counters, the in-flight gauge, the setup histogram classic and
 * native, bytes), on two threads as two event loops would. Compared with an mtunnel's setup
 * (MtunnelSetupBenchmark, about 700 us) this is the metrics' share of the data path's work per
 * mtunnel; docs/performance.md has both.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar MetricsUpdateBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class MetricsUpdateBenchmark {

    private MtunnelMeter meter;

    @Setup
    public void start() {
        meter = new LabMetrics("bench", "up", "openssl", "bench").brokerMeter(true);
    }

    @Benchmark
    public void mtunnelLifecycle() {
        meter.requested("app");
        meter.established("app", 650_000);
        meter.ended("app", Cause.NONE, 1_024, 4_096);
    }
}
