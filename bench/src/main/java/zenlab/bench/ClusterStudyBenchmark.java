package zenlab.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
import zenlab.bench.cluster.StudyFixture;
import zenlab.bench.cluster.WorkerFork;
import zenlab.cluster.ClusterMember;
import zenlab.cluster.ClusterOptions;
import zenlab.cluster.ClusterUnitExecutor;
import zenlab.drive.LocalUnitExecutor;
import zenlab.drive.Study;
import zenlab.drive.StudyPlan;
import zenlab.drive.UnitExecutor;

/**
 * A whole study, on this machine's threads and through a cluster of this JVM plus one
 * {@code zenlab worker} process, side by side: the same units on the same two cores (two local
 * threads against one thread in each member), so the difference is what the cluster path costs.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ClusterStudyBenchmark -rf json -rff study.json}
 *
 * <p>Baseline: {@code path=local}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
    "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED"})
public class ClusterStudyBenchmark {

    @Param({"local", "cluster"})
    public String path;

    @Param({"scenarios/pair-vs-single.yaml"})
    public String scenario;

    @Param({"group.connectors=1..4"})
    public String vary;

    @Param({"20"})
    public int replications;

    private StudyPlan plan;
    private WorkerFork worker;
    private UnitExecutor executor;
    private final Study study = new Study(new PrintStream(OutputStream.nullOutputStream()), false, 2);

    @Setup(Level.Trial)
    public void start() throws Exception {
        plan = StudyFixture.plan(scenario, vary, replications);
        if (path.equals("cluster")) {
            String cluster = "zenlab-bench-" + UUID.randomUUID().toString().substring(0, 8);
            worker = WorkerFork.start(cluster, 1);
            executor = new ClusterUnitExecutor(ClusterMember.start(new ClusterOptions(cluster,
                    List.of(worker.address()), "127.0.0.1", 0, 1)), new PrintWriter(OutputStream.nullOutputStream()));
        } else {
            executor = new LocalUnitExecutor(2);
        }
    }

    @Benchmark
    public Study.Outcome study() throws InterruptedException {
        return study.run(plan, executor, null);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        executor.close();
        if (worker != null) {
            worker.close();
        }
    }
}
