package zenlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this module for one short iteration, in this JVM, so that none rots
 * unnoticed. It measures nothing worth quoting: docs/performance.md's numbers come from the shaded jar.
 */
class BenchmarkSmokeTest {

    @Test
    void shouldRunEveryBenchmarkOnce() throws RunnerException {
        Collection<RunResult> results = runOnce("zenlab\\.bench\\.(HoldModel|FleetScenario)Benchmark", 200,
                "pending", "1000", "connectors", "1000", "days", "2");
        // HoldModelBenchmark: five engines at pending=1000; FleetScenarioBenchmark: 1000 connectors, 2 days
        assertEquals(6, results.size(), "benchmark runs");
        for (RunResult result : results) {
            double score = result.getPrimaryResult().getScore();
            assertTrue(score > 0, result.getParams().getBenchmark() + " " + result.getParams() + " scored " + score);
        }
    }

    @Test
    void shouldRunTheClusterBenchmarksOnce() throws RunnerException {
        Collection<RunResult> results = runOnce("zenlab\\.bench\\.Cluster(Study|UnitOverhead)Benchmark", 500,
                "replications", "2", "vary", "group.connectors=1..2");
        // a study locally and through a worker process; a unit's run and a cluster round trip
        assertEquals(4, results.size(), "benchmark runs");
        for (RunResult result : results) {
            double score = result.getPrimaryResult().getScore();
            assertTrue(score > 0, result.getParams().getBenchmark() + " " + result.getParams() + " scored " + score);
        }
    }

    @Test
    void shouldRunTheDataPathBenchmarksOnce() throws RunnerException {
        Collection<RunResult> results = runOnce("zenlab\\.bench\\.Mtunnel(Throughput|Setup)Benchmark", 500,
                "connectors", "2", "streams", "2", "provider", "openssl", "opensPerSecond", "100");
        // relay, rawTlsStream and plainTcpStream; openToFirstByte and fixedRate
        assertEquals(5, results.size(), "benchmark runs");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            boolean throughput = name.contains("MtunnelThroughputBenchmark");
            double score = throughput
                    ? result.getSecondaryResults().get("bytes").getScore()
                    : result.getPrimaryResult().getScore();
            assertTrue(score > 0, name + " " + result.getParams() + " scored " + score);
            if (throughput && zenlab.bench.mtunnel.MachineCpu.available()) {
                double busyCores = result.getSecondaryResults().get("busyCpuNs").getScore() / 1e9;
                assertTrue(busyCores > 0.05 && busyCores <= Runtime.getRuntime().availableProcessors() + 0.5,
                        name + " kept " + busyCores + " cores busy");
            }
        }
    }

    @Test
    void shouldRunTheRequestResponseAndMetricsBenchmarksOnce() throws RunnerException {
        Collection<RunResult> results = runOnce("zenlab\\.bench\\.(RequestResponse|MetricsUpdate)Benchmark", 500,
                "connections", "50", "messageBytes", "1024", "pipeline", "16");
        // requests and roundTrip, each through the fabric and direct; a mtunnel's metric updates
        assertEquals(5, results.size(), "benchmark runs");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double score = name.endsWith(".requests")
                    ? result.getSecondaryResults().get("requests").getScore()
                    : result.getPrimaryResult().getScore();
            assertTrue(score > 0, name + " " + result.getParams() + " scored " + score);
        }
    }

    /** One short iteration, in this JVM, of the benchmarks {@code include} matches; {@code params}: name, value, ... */
    private static Collection<RunResult> runOnce(String include, long iterationMs, String... params)
            throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        options.include(include);
        for (int i = 0; i < params.length; i += 2) {
            options.param(params[i], params[i + 1]);
        }
        options.forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(iterationMs))
                .shouldFailOnError(true);
        return new Runner(options.build()).run();
    }
}
