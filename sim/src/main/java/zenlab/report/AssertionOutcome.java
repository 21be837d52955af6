package zenlab.report;

/**
 * How one scenario assertion fared.
 *
 * @param value  the figure's value in this run; NaN when it could not be evaluated
 * @param reason why it could not be evaluated (the summary has no such number), or null
 */
public record AssertionOutcome(String expression, boolean passed, double value, String reason) {

    /** An assertion whose figure was read: it passed or failed on its value. */
    public static AssertionOutcome evaluated(String expression, boolean passed, double value) {
        return new AssertionOutcome(expression, passed, value, null);
    }

    /** An assertion whose figure this run's summary lacks: it fails, with the reason. */
    public static AssertionOutcome unevaluable(String expression, String reason) {
        return new AssertionOutcome(expression, false, Double.NaN, reason);
    }

    public boolean evaluated() {
        return reason == null;
    }
}
