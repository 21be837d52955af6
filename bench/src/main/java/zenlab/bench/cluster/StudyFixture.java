package zenlab.bench.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import zenlab.drive.StudyPlan;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;

/** The study the cluster benchmarks run: a bundled scenario, found from the working folder or its parent. */
public final class StudyFixture {

    private StudyFixture() {
    }

    public static StudyPlan plan(String scenario, String vary, int replications) throws IOException, ScenarioException {
        Path file = Path.of(scenario);
        if (!Files.exists(file) && Files.exists(Path.of("..").resolve(scenario))) {
            file = Path.of("..").resolve(scenario); // Maven runs the smoke test from bench/
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        long seed = ScenarioLoader.parse(scenario, text).seed();
        return StudyPlan.of(scenario, text, seed, List.of(vary), replications);
    }
}
