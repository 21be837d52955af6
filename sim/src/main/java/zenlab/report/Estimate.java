package zenlab.report;

/**
 * A mean over independent replications with its 95% confidence interval, and the smallest and
 * largest replication. {@link #of} gives Student's t interval; figures built from rare events
 * (downtime, outage counts) replace it with an interval that holds for them
 * ({@link DowntimeInterval}, {@link PoissonRateInterval}), which need not be symmetric.
 *
 * @param low  the interval's lower end; NaN when the data bound nothing
 * @param high the interval's upper end
 */
public record Estimate(double mean, double low, double high, double min, double max, int n) {

    /** Student's t 97.5% quantiles for 1..30 degrees of freedom. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    /** The mean with Student's t 95% interval. */
    public static Estimate of(double[] values) {
        int n = values.length;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / n;
        if (n < 2) {
            return new Estimate(mean, Double.NaN, Double.NaN, min, max, n);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double halfWidth = t975(n - 1) * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        return new Estimate(mean, mean - halfWidth, mean + halfWidth, min, max, n);
    }

    static double t975(int degreesOfFreedom) {
        if (degreesOfFreedom <= T975.length) {
            return T975[degreesOfFreedom - 1];
        }
        return 1.960 + 2.4 / degreesOfFreedom; // within 0.002 of the exact quantile beyond 30
    }

    /** The same mean, minimum and maximum with another interval. */
    public Estimate withInterval(double newLow, double newHigh) {
        return new Estimate(mean, newLow, newHigh, min, max, n);
    }

    /** Half the interval's width (the interval need not be symmetric about the mean). */
    public double halfWidth() {
        return (high - low) / 2;
    }

    /** Whether {@code value} lies within the confidence interval. */
    public boolean covers(double value) {
        return value >= low && value <= high;
    }
}
