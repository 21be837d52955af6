package zenlab.scenario;

/** One problem in a scenario file, with its 1-based line and column. */
public record ScenarioError(String file, int line, int column, String message) {

    /** {@code file:line:column: message}, the form editors and CI logs link to. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
