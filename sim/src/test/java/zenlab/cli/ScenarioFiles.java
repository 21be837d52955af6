package zenlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the repository's scenarios are, for tests run by Maven from sim/. */
final class ScenarioFiles {

    private ScenarioFiles() {
    }

    static Path root() {
        return Path.of(System.getProperty("zenlab.root", "..")).toAbsolutePath().normalize();
    }

    static List<Path> all() throws IOException {
        try (Stream<Path> files = Files.list(root().resolve("scenarios"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
    }
}
