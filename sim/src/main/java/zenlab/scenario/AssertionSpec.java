package zenlab.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A check on the run's summary, such as {@code app.crm.availability >= 0.9999}: a dotted path
 * to a figure of summary.json, a comparison and a number. {@code app.crm} picks the element
 * named {@code crm} of the {@code apps} list.
 */
public record AssertionSpec(String expression, String path, Comparison comparison, double threshold,
                            String file, int line, int column) {

    /** What an assertion looks like, for error messages. */
    public static final String EXPECTED = "an assertion 'figure comparison number', like app.crm.availability >= 0.9999";

    private static final Pattern FORM = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_\\-]*(?:\\.[A-Za-z0-9_\\-]+)*)\\s*(>=|<=|==|!=|>|<)\\s*"
                    + "(-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*");

    /** The comparison operators an assertion may use. */
    public enum Comparison {
        AT_LEAST(">="), AT_MOST("<="), EQUAL("=="), NOT_EQUAL("!="), ABOVE(">"), BELOW("<");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(double value, double threshold) {
            switch (this) {
                case AT_LEAST: return value >= threshold;
                case AT_MOST: return value <= threshold;
                case EQUAL: return value == threshold;
                case NOT_EQUAL: return value != threshold;
                case ABOVE: return value > threshold;
                default: return value < threshold;
            }
        }

        static Comparison of(String symbol) {
            for (Comparison c : values()) {
                if (c.symbol.equals(symbol)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException if it does not have the form of {@link #EXPECTED}
     */
    public static AssertionSpec parse(String expression, String file, int line, int column) {
        Matcher m = FORM.matcher(expression);
        if (!m.matches()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return new AssertionSpec(expression.trim(), m.group(1), Comparison.of(m.group(2)),
                Double.parseDouble(m.group(3)), file, line, column);
    }

    /** Where the assertion stands in its file, for messages. */
    public String location() {
        return file + ":" + line + ":" + column;
    }
}
