package zenlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Warmup;
import zenlab.drive.RunResult;
import zenlab.drive.VirtualDriver;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScaleScenario;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;

/**
 * The scale scenario end to end, as {@code zenlab run} does it: load and validate the YAML,
 * build the fleet, replay {@code days} of it with the journal bus and every handler on
 * (journal at summary level), write the results. One shot per iteration; the events it
 * processed are reported beside the time, so events per second = events / time.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar FleetScenarioBenchmark -f 1 -wi 1 -i 3}
 *
 * <p>Baseline: {@code connectors=1000}; the cost should grow linearly with the fleet. Beside a
 * bare kernel at the fleet's own pending count (summary.json {@code engine.pendingEventsAtEnd}):
 * {@code bench/peers/fleet-vs-kernel.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class FleetScenarioBenchmark {

    @Param({"1000", "10000", "20000", "40000"})
    public int connectors;

    @Param({"365"})
    public int days;

    private Scenario scenario;
    private Path out;
    private final VirtualDriver driver = new VirtualDriver(new PrintStream(OutputStream.nullOutputStream()), false);

    /** Events of the last run, reported per iteration by JMH. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Events {
        public long events;
        /** Events pending when the run ended: the queue size a bare kernel is compared at. */
        public long pendingAtEnd;
    }

    @Setup(Level.Trial)
    public void load() throws ScenarioException, IOException {
        scenario = ScenarioLoader.parse("scale.yaml", ScaleScenario.yaml(connectors, days));
        out = Files.createTempDirectory("zenlab-bench-");
    }

    @Benchmark
    public JsonNode run(Events counter) throws IOException {
        RunResult result = driver.run(scenario, out.resolve("results"));
        counter.events = result.summary().path("engine").path("events").asLong();
        counter.pendingAtEnd = result.summary().path("engine").path("pendingEventsAtEnd").asLong();
        return result.summary();
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try (var files = Files.walk(out)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
