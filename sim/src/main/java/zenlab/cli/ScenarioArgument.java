package zenlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import zenlab.drive.ResultKeys;
import zenlab.scenario.AssertionSpec;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioError;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;

/** The SCENARIO argument of a command: loaded, its problems printed one per line, --seed applied. */
final class ScenarioArgument {

    private ScenarioArgument() {
    }

    /**
     * The scenario, or empty after printing its problems (the command then exits 2). Its
     * warnings are printed either way; an assertion on a figure no run of it can have is a
     * problem, found here, before anything runs.
     */
    static Optional<Scenario> load(Path file, Long seed, PrintWriter err) {
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            for (ScenarioError error : e.errors()) {
                err.println(error);
            }
            return Optional.empty();
        }
        List<ScenarioError> problems = new ArrayList<>();
        for (AssertionSpec assertion : scenario.assertions()) {
            ResultKeys.unknownFigure(assertion.path(), scenario).ifPresent(message -> problems.add(
                    new ScenarioError(assertion.file(), assertion.line(), assertion.column(), "assertions: " + message)));
        }
        List<ScenarioError> all = new ArrayList<>(problems);
        all.addAll(scenario.warnings());
        all.sort(Comparator.comparingInt(ScenarioError::line).thenComparingInt(ScenarioError::column));
        all.forEach(err::println);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(seed == null ? scenario : scenario.withSeed(seed));
    }
}
