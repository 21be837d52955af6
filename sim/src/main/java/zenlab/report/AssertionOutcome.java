package zenlab.report;

/**
 * How one scenario assertion fared.
 *
 * @param value the figure's value in this run
 */
public record AssertionOutcome(String expression, boolean passed, double value) {
}
