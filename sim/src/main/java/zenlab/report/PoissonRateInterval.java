package zenlab.report;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Garwood's exact 95% interval for a Poisson rate: {@code k} events in {@code exposure}
 * (F. Garwood, "Fiducial limits for the Poisson distribution", Biometrika 28:437-442, 1936).
 * Outages of a fleet are rare events; a count of a few is where Student's t fails.
 */
public final class PoissonRateInterval {

    private PoissonRateInterval() {
    }

    /** {low, high} of the rate per unit of {@code exposure}. */
    public static double[] of(long k, double exposure) {
        double low = k == 0 ? 0 : ChiSquaredDistribution.of(2.0 * k).inverseCumulativeProbability(0.025) / 2;
        double high = ChiSquaredDistribution.of(2.0 * k + 2).inverseCumulativeProbability(0.975) / 2;
        return new double[] {low / exposure, high / exposure};
    }
}
