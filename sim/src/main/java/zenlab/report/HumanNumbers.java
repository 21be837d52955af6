package zenlab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as the reports show them to people: availability as a percentage with as many digits
 * as its confidence interval supports, nines to 2 decimals, minutes to 1, counts with thousands
 * separators, anything else to 4 significant digits. The JSON and CSV files keep full precision.
 */
public final class HumanNumbers {

    private static final int MAX_PERCENT_DECIMALS = 5;

    private HumanNumbers() {
    }

    /** 15,765,954 */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 2.50 */
    public static String nines(double nines) {
        return Double.isFinite(nines) ? String.format(Locale.ROOT, "%.2f", nines) : "no downtime";
    }

    /** 1,659.7 */
    public static String minutes(double minutes) {
        return Double.isFinite(minutes) ? String.format(Locale.ROOT, "%,.1f", minutes) : "";
    }

    /**
     * "99.68% [99.62%, 99.75%]": the decimals are those at which the interval's half-width shows
     * its first two digits, so the figure claims no more than the replications support.
     */
    public static String availability(double mean, double low, double high) {
        if (!(mean < 1) && !(high < 1)) {
            return "100% (no downtime)";
        }
        if (percent(mean, MAX_PERCENT_DECIMALS).startsWith("100.")) {
            return availability(mean); // an interval too narrow to print: the nines say it
        }
        if (!Double.isFinite(low)) {
            return availability(mean) + " [no outage seen: no interval]";
        }
        double halfWidthPercent = (high - low) / 2 * 100;
        int decimals = Double.isFinite(halfWidthPercent) && halfWidthPercent > 0
                ? (int) Math.ceil(-Math.log10(halfWidthPercent)) + 1 : decimalsFor(mean);
        decimals = Math.max(1, Math.min(MAX_PERCENT_DECIMALS, decimals));
        String upper = percent(Math.min(1, high), decimals);
        return percent(mean, decimals) + " [" + percent(Math.max(0, low), decimals) + ", "
                + (upper.startsWith("100.") ? "100%" : upper) + "]";
    }

    /** One availability without an interval: one decimal more than its nines, 99.8736%. */
    public static String availability(double a) {
        if (!(a < 1)) {
            return "100%";
        }
        String shown = percent(a, decimalsFor(a));
        // Closer to 1 than five decimals show: say how close in nines rather than print 100.00000%.
        return shown.startsWith("100.") ? "≈100% (" + nines(-Math.log10(1 - a)) + " nines)" : shown;
    }

    private static int decimalsFor(double a) {
        return (int) Math.max(2, Math.min(MAX_PERCENT_DECIMALS, Math.ceil(-Math.log10(1 - a)) + 1));
    }

    private static String percent(double a, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", a * 100);
    }

    /** Any other figure: whole numbers with separators, others to 4 significant digits (0.1234, 12.35, 1,235). */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return count((long) value);
        }
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) < 0.001) {
            return String.format(Locale.ROOT, "%.3g", value); // 1.23e-05, not 0.0000123
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
