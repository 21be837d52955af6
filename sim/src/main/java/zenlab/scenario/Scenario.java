package zenlab.scenario;

import java.util.List;

/**
 * A validated scenario: what to simulate, for how long, with which seed, and what to check.
 *
 * @param file the path it was loaded from, as given
 * @param queue the kernel's M/M/c/K test model, or null
 * @param fleet a connector deployment, or null; exactly one of queue and fleet is set
 * @param timeScale simulated seconds per wall-clock second in live mode ({@code time_scale}); 0 if not given
 * @param warnings  what loads but is likely not what the author meant (a fault after the end), to print
 */
public record Scenario(
        String file,
        String name,
        long seed,
        long durationNs,
        JournalLevel journal,
        QueueSection queue,
        FleetSection fleet,
        List<AssertionSpec> assertions,
        double timeScale,
        List<ScenarioError> warnings) {

    public Scenario {
        assertions = List.copyOf(assertions);
        warnings = List.copyOf(warnings);
    }

    /** The same scenario paced at another {@code time_scale}, as {@code --time-scale} asks. */
    public Scenario withTimeScale(double scale) {
        return new Scenario(file, name, seed, durationNs, journal, queue, fleet, assertions, scale, warnings);
    }

    /** The same scenario with another seed, as {@code --seed} asks. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(file, name, newSeed, durationNs, journal, queue, fleet, assertions, timeScale, warnings);
    }
}
