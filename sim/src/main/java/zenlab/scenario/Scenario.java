package zenlab.scenario;

import java.util.List;

/**
 * A validated scenario: what to simulate, for how long, with which seed, and what to check.
 *
 * @param file the path it was loaded from, as given
 * @param queue the kernel's M/M/c/K test model, or null
 * @param fleet a connector deployment, or null; exactly one of queue and fleet is set
 */
public record Scenario(
        String file,
        String name,
        long seed,
        long durationNs,
        JournalLevel journal,
        QueueSection queue,
        FleetSection fleet,
        List<AssertionSpec> assertions) {

    public Scenario {
        assertions = List.copyOf(assertions);
    }

    /** The same scenario with another seed, as {@code --seed} asks. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(file, name, newSeed, durationNs, journal, queue, fleet, assertions);
    }
}
