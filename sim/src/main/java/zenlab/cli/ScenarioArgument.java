package zenlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioError;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;

/** The SCENARIO argument of a command: loaded, its problems printed one per line, --seed applied. */
final class ScenarioArgument {

    private ScenarioArgument() {
    }

    /** The scenario, or empty after printing its problems (the command then exits 2). */
    static Optional<Scenario> load(Path file, Long seed, PrintWriter err) {
        try {
            Scenario scenario = ScenarioLoader.load(file);
            return Optional.of(seed == null ? scenario : scenario.withSeed(seed));
        } catch (ScenarioException e) {
            for (ScenarioError error : e.errors()) {
                err.println(error);
            }
            return Optional.empty();
        }
    }
}
