package zenlab.bench;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
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
import zenlab.bench.cluster.EchoUnit;
import zenlab.bench.cluster.StudyFixture;
import zenlab.bench.cluster.WorkerFork;
import zenlab.cluster.ClusterMember;
import zenlab.cluster.ClusterOptions;
import zenlab.drive.Replication;
import zenlab.drive.StudyPlan;
import zenlab.drive.StudyUnit;
import zenlab.scenario.Scenario;

/**
 * The cluster path's cost per unit beside a unit's own run time, in one run: {@code unitRun}
 * replays one replication here; {@code clusterRoundTrip} sends a worker process the same
 * request a unit is (scenario text, variations, seed) through Hazelcast's executor and gets an
 * answer of a real replication's size back, without simulating: serialisation, scheduling and
 * loopback, and nothing else. Overhead = clusterRoundTrip / unitRun.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ClusterUnitOverheadBenchmark -rf json -rff unit.json}
 *
 * <p>Baseline: {@code unitRun}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
    "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED"})
public class ClusterUnitOverheadBenchmark {

    @Param({"scenarios/pair-vs-single.yaml"})
    public String scenario;

    @Param({"group.connectors=1..4"})
    public String vary;

    private StudyPlan plan;
    private Scenario single;
    private Replication like;
    private WorkerFork worker;
    private HazelcastInstance member;
    private IExecutorService executor;
    private Member remote;
    private int replication;

    @Setup(Level.Trial)
    public void start() throws Exception {
        plan = StudyFixture.plan(scenario, vary, 20);
        single = plan.scenarioAt(plan.points().get(0));
        like = Replication.run(single, plan.units().get(0).seed());
        String cluster = "zenlab-bench-" + UUID.randomUUID().toString().substring(0, 8);
        worker = WorkerFork.start(cluster, 1);
        member = ClusterMember.start(new ClusterOptions(cluster, List.of(worker.address()), "127.0.0.1", 0, 1));
        executor = member.getExecutorService(ClusterMember.EXECUTOR);
        remote = member.getCluster().getMembers().stream().filter(m -> !m.localMember()).findFirst().orElseThrow();
    }

    @Benchmark
    public Replication unitRun() {
        StudyUnit unit = plan.units().get(replication++ % plan.replications());
        return Replication.run(single, unit.seed());
    }

    @Benchmark
    public Replication clusterRoundTrip() throws Exception {
        StudyUnit unit = plan.units().get(replication++ % plan.replications());
        return executor.submitToMember(new EchoUnit(plan, unit, like), remote).get();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        member.getLifecycleService().shutdown();
        worker.close();
    }
}
