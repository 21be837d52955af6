package zenlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import umontreal.ssj.simevents.eventlist.Henriksen;
import umontreal.ssj.simevents.eventlist.SplayTree;
import zenlab.bench.hold.HoldDraws;
import zenlab.bench.hold.HoldEngine;
import zenlab.bench.hold.PriorityQueueHold;
import zenlab.bench.hold.SsjHold;
import zenlab.bench.hold.ZenlabHold;

/**
 * The classic hold model (Jones 1986): the queue holds {@code pending} events at Exp(1) times;
 * each operation removes the earliest, at time t, and inserts one at t + Exp(1). Reported in
 * hold operations per second, each engine through its own scheduling and dispatch, all on the
 * same precomputed Exp(1) draws.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar HoldModelBenchmark -f 1 -wi 3 -i 5}
 *
 * <p>Baseline: {@code engine=jdk-priorityqueue}; the peers: {@code ssj-henriksen} and
 * {@code ssj-splay} (SSJ 3.3.2's Simulator over its Henriksen and splay-tree event lists).
 * {@code zenlab} schedules cancellable events, as SSJ's are; {@code zenlab-posted} posts them
 * (no id, no slot), as the models post their arrivals.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HoldModelBenchmark {

    /** Hold operations per benchmark invocation, so JMH's own per-call cost is amortised. */
    static final int BATCH = 1000;

    @Param({"10000", "1000000"})
    public int pending;

    @Param({"zenlab", "zenlab-posted", "ssj-henriksen", "ssj-splay", "jdk-priorityqueue"})
    public String engine;

    private HoldEngine hold;

    @Setup(Level.Trial)
    public void fill() {
        hold = create(engine);
        hold.fill(pending, new HoldDraws(20260101L));
        // Bring every engine to its steady state before measuring.
        for (int i = 0; i < 4 * pending; i++) {
            hold.hold();
        }
    }

    static HoldEngine create(String engine) {
        switch (engine) {
            case "zenlab": return new ZenlabHold(false);
            case "zenlab-posted": return new ZenlabHold(true);
            case "ssj-henriksen": return new SsjHold(new Henriksen());
            case "ssj-splay": return new SsjHold(new SplayTree());
            case "jdk-priorityqueue": return new PriorityQueueHold();
            default: throw new IllegalArgumentException("unknown engine " + engine);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double hold() {
        HoldEngine h = hold;
        for (int i = 0; i < BATCH; i++) {
            h.hold();
        }
        return h.nowSeconds();
    }
}
