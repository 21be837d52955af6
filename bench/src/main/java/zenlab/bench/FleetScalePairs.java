package zenlab.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import zenlab.drive.VirtualDriver;
import zenlab.scenario.ScaleScenario;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;

/**
 * How much more a fleet of 2n connectors costs than one of n, as pairs run back to back in one
 * JVM: n, then 2n, {@code rounds} times after one warm-up pair. On a shared machine the speed
 * drifts by tens of percent from one minute to the next; FleetScenarioBenchmark runs all of
 * one size before the next, so the drift lands on one side of the ratio, while here each pair
 * shares it. Reports the engine's own seconds (summary.json {@code engine.wallSeconds}: the
 * replay, not loading or writing the results), and beside them the CPU seconds of the thread
 * that ran the replay: time another tenant takes the core for leaves those out, its
 * contention for the caches does not.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar zenlab.bench.FleetScalePairs 10000 30 6}
 * (connectors n, simulated days, rounds). To compare two builds, run it from each build's jar
 * in turn, twice.
 */
public final class FleetScalePairs {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FleetScalePairs() {
    }

    public static void main(String[] args) throws IOException, ScenarioException {
        if (args.length != 3) {
            System.err.println("usage: FleetScalePairs CONNECTORS DAYS ROUNDS");
            System.exit(2);
        }
        pairs(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), System.out);
    }

    /**
     * Runs the pairs, printing each and then the medians.
     *
     * @return the median engine seconds of the n fleet and of the 2n fleet
     */
    static double[] pairs(int connectors, int days, int rounds, PrintStream out)
            throws IOException, ScenarioException {
        Scenario small = ScenarioLoader.parse("scale.yaml", ScaleScenario.yaml(connectors, days));
        Scenario large = ScenarioLoader.parse("scale.yaml", ScaleScenario.yaml(2 * connectors, days));
        VirtualDriver driver = new VirtualDriver(new PrintStream(OutputStream.nullOutputStream()), false);
        Path dir = Files.createTempDirectory("zenlab-pairs-");
        List<Double> smallSeconds = new ArrayList<>();
        List<Double> largeSeconds = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        try {
            for (int round = 0; round <= rounds; round++) {
                long cpuBeforeNs = THREADS.getCurrentThreadCpuTime();
                double s = engineSeconds(driver, small, dir.resolve("small"));
                long cpuBetweenNs = THREADS.getCurrentThreadCpuTime();
                double l = engineSeconds(driver, large, dir.resolve("large"));
                double smallCpuS = (cpuBetweenNs - cpuBeforeNs) / 1e9;
                double largeCpuS = (THREADS.getCurrentThreadCpuTime() - cpuBetweenNs) / 1e9;
                if (round == 0) {
                    continue; // warm-up: the JIT is still compiling
                }
                smallSeconds.add(s);
                largeSeconds.add(l);
                ratios.add(l / s);
                cpuRatios.add(largeCpuS / smallCpuS);
                out.printf(Locale.ROOT, "round %d: %d connectors %.2f s, %d connectors %.2f s, ratio %.3f;"
                        + " CPU %.2f s and %.2f s, ratio %.3f%n", round, connectors, s, 2 * connectors, l, l / s,
                        smallCpuS, largeCpuS, largeCpuS / smallCpuS);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        double[] medians = {median(smallSeconds), median(largeSeconds)};
        out.printf(Locale.ROOT, "medians of %d pairs: %.2f s and %.2f s, ratio of medians %.3f, median ratio %.3f,"
                + " median CPU ratio %.3f%n", rounds, medians[0], medians[1], medians[1] / medians[0], median(ratios),
                median(cpuRatios));
        return medians;
    }

    private static double engineSeconds(VirtualDriver driver, Scenario scenario, Path dir)
            throws IOException {
        return driver.run(scenario, dir).summary().path("engine").path("wallSeconds").asDouble();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
