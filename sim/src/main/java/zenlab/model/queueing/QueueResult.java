package zenlab.model.queueing;

/**
 * What a queue run measured, customers arriving after the warm-up only, beside what theory
 * predicts for the same parameters.
 */
public record QueueResult(
        long arrivals,
        long blocked,
        long departures,
        double blockingProbability,
        double meanTimeInSystemS,
        double meanWaitS,
        double utilization,
        QueueingTheory theory) {

    /** |measured - theory| / theory for the mean time in system; NaN where theory has none. */
    public double meanTimeInSystemRelativeError() {
        return relativeError(meanTimeInSystemS, theory.meanTimeInSystemS());
    }

    /** |measured - theory| / theory for the blocking probability; NaN where theory is 0. */
    public double blockingProbabilityRelativeError() {
        return relativeError(blockingProbability, theory.blockingProbability());
    }

    private static double relativeError(double measured, double expected) {
        if (!(expected > 0) || !Double.isFinite(expected)) {
            return Double.NaN;
        }
        return Math.abs(measured - expected) / expected;
    }
}
