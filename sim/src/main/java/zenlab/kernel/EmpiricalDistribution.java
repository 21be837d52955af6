package zenlab.kernel;

import java.util.Arrays;

/**
 * A distribution given by observations: the piecewise-linear interpolation of their empirical
 * CDF (as SSJ's {@code PiecewiseLinearEmpiricalDist}), so draws fall anywhere between the
 * smallest and largest observation, not only on observed values.
 */
public final class EmpiricalDistribution {

    private final double[] sorted;

    private EmpiricalDistribution(double[] sorted) {
        this.sorted = sorted;
    }

    /** From observations in any order; at least one, all finite. */
    public static EmpiricalDistribution of(double... observations) {
        if (observations.length == 0) {
            throw new IllegalArgumentException("an empirical distribution needs at least one observation");
        }
        double[] sorted = observations.clone();
        for (double v : sorted) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("observation is not a finite number: " + v);
            }
        }
        Arrays.sort(sorted);
        return new EmpiricalDistribution(sorted);
    }

    /** The value below which a fraction {@code u} (0..1) of the distribution lies. */
    public double inverseCdf(double u) {
        int n = sorted.length;
        if (n == 1) {
            return sorted[0];
        }
        double position = u * (n - 1);
        int index = (int) position;
        if (index >= n - 1) {
            return sorted[n - 1];
        }
        double fraction = position - index;
        return sorted[index] + fraction * (sorted[index + 1] - sorted[index]);
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double mean() {
        // The mean of the interpolated distribution: each segment contributes its midpoint.
        int n = sorted.length;
        if (n == 1) {
            return sorted[0];
        }
        double sum = 0;
        for (int i = 0; i < n - 1; i++) {
            sum += (sorted[i] + sorted[i + 1]) / 2;
        }
        return sum / (n - 1);
    }
}
