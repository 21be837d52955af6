package zenlab.scenario;

import java.util.List;

/** A scenario that cannot be run, with every problem found in it. */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient List<ScenarioError> errors;

    public ScenarioException(List<ScenarioError> errors) {
        super(errors.isEmpty() ? "invalid scenario" : errors.get(0).toString());
        this.errors = List.copyOf(errors);
    }

    public List<ScenarioError> errors() {
        return errors;
    }
}
