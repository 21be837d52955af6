package zenlab.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects the problems of one file, positioned at the YAML node they concern. */
final class Problems {

    private final String file;
    private final List<ScenarioError> errors = new ArrayList<>();
    private final List<ScenarioError> warnings = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void at(Node node, String message) {
        at(node.getStartMark(), message);
    }

    void at(Optional<Mark> mark, String message) {
        int line = mark.map(m -> m.getLine() + 1).orElse(1);
        int column = mark.map(m -> m.getColumn() + 1).orElse(1);
        errors.add(new ScenarioError(file, line, column, message));
    }

    /** Something that loads but is likely not what the author meant: said, not refused. */
    void warn(Node node, String message) {
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
        int column = node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
        warnings.add(new ScenarioError(file, line, column, "warning: " + message));
    }

    List<ScenarioError> warnings() {
        return List.copyOf(warnings);
    }

    boolean any() {
        return !errors.isEmpty();
    }

    /** Every problem, in the order they stand in the file. */
    List<ScenarioError> all() {
        List<ScenarioError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(ScenarioError::line).thenComparingInt(ScenarioError::column));
        return sorted;
    }
}
