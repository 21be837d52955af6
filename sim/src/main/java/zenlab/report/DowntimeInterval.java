package zenlab.report;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * A 95% confidence interval for the mean unavailability (downtime over time) of replications
 * whose downtime comes in outages, valid where availability nears 1.
 *
 * <p>Student's t on per-replication availability fails there: when most replications see no
 * outage and a few see one of hours, its interval reaches above 1 and misses the truth
 * (IntervalCoverageTest: 3 connectors, 20 replications, 78% of intervals held theory). Pooled
 * over the replications, downtime is a sum of K outage durations with K Poisson, and the
 * interval is the wider of two that each hold for such a sum:
 * <ul>
 *   <li>Fay and Feuer's gamma interval for a weighted sum of Poisson counts (M. P. Fay and
 *       E. J. Feuer, "Confidence intervals for directly standardized rates: a method based on
 *       the gamma distribution", Statistics in Medicine 16:791-801, 1997), each outage a count
 *       weighted by its share of the total time {@code w}: estimate {@code y = sum w}, variance
 *       {@code v = sum w^2}, {@code wM} the largest weight;
 *       {@code low = Gamma(y^2/v, v/y).quantile(0.025)},
 *       {@code high = Gamma((y+wM)^2/(v+wM^2), (v+wM^2)/(y+wM)).quantile(0.975)}. It uses the
 *       durations' observed spread, but with a handful of outages that spread is itself
 *       uncertain and the interval falls short (87% at 3 connectors);</li>
 *   <li>the product of Garwood's exact interval for the Poisson count and the exact interval
 *       for an exponential mean duration ({@code 2 sum d / chi2(2K)}), each at 97.5%
 *       (Bonferroni): exact for exponential durations and conservative for any less variable
 *       (repairs are exponential, restarts and broker outages vary less).</li>
 * </ul>
 * With no outage at all the data give no duration to bound downtime with: the upper end is NaN
 * (unknown), not 0. The interval never leaves [0, 1]. Coverage measured in IntervalCoverageTest
 * and docs/studies.md.
 */
public final class DowntimeInterval {

    private DowntimeInterval() {
    }

    /**
     * @param outageDurationsS every outage of every replication, in seconds
     * @param totalS           the time the replications cover together, in seconds
     * @return {low, high} of the mean unavailability
     */
    public static double[] unavailability(double[] outageDurationsS, double totalS) {
        return unavailability(outageDurationsS, totalS, 0.025);
    }

    /**
     * The same with {@code tail} in each tail instead of 2.5% (a 1 - 2 tail interval); a plan's
     * first look uses its share of the error.
     */
    public static double[] unavailability(double[] outageDurationsS, double totalS, double tail) {
        double y = 0;
        double v = 0;
        double wM = 0;
        int k = 0;
        for (double d : outageDurationsS) {
            double w = d / totalS;
            if (w > 0) {
                y += w;
                v += w * w;
                wM = Math.max(wM, w);
                k++;
            }
        }
        if (k == 0) {
            return new double[] {0, Double.NaN};
        }
        double gammaLow = GammaDistribution.of(y * y / v, v / y).inverseCumulativeProbability(tail);
        double gammaHigh = GammaDistribution.of((y + wM) * (y + wM) / (v + wM * wM), (v + wM * wM) / (y + wM))
                .inverseCumulativeProbability(1 - tail);
        // Count and mean duration each with half the tail, so that both hold as often as the whole.
        double half = tail / 2;
        double countLow = chiSquared(2.0 * k, half) / 2;
        double countHigh = chiSquared(2.0 * k + 2, 1 - half) / 2;
        // 2 K dMean / mu is chi-squared with 2K degrees of freedom for exponential durations.
        double meanShareLow = 2 * y / chiSquared(2.0 * k, 1 - half);
        double meanShareHigh = 2 * y / chiSquared(2.0 * k, half);
        double low = Math.min(gammaLow, countLow * meanShareLow);
        double high = Math.max(gammaHigh, countHigh * meanShareHigh);
        return new double[] {Math.max(0, low), Math.min(1, high)};
    }

    private static double chiSquared(double degreesOfFreedom, double p) {
        return ChiSquaredDistribution.of(degreesOfFreedom).inverseCumulativeProbability(p);
    }
}
