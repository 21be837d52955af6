package zenlab.kernel;

import java.util.SplittableRandom;

/**
 * A named, reproducible source of draws for one actor or purpose. Backed by the JDK's
 * {@link SplittableRandom} (SplitMix64, fixed by its specification); every draw is
 * allocation-free.
 */
public final class RandomStream {

    private final String name;
    private final long seed;
    private final SplittableRandom random;

    RandomStream(String name, long seed) {
        this.name = name;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public String name() {
        return name;
    }

    /** A child stream, independent of this one and of its other children. */
    public RandomStream split(String childName) {
        String childFullName = name + "/" + childName;
        return new RandomStream(childFullName, RandomStreams.seedFor(seed, childFullName));
    }

    /** Uniform on [0, 1). */
    public double uniform() {
        return random.nextDouble();
    }

    /** Uniform on [low, high). */
    public double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /** Uniform integer on [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** True with probability {@code p}. */
    public boolean bernoulli(double p) {
        return random.nextDouble() < p;
    }

    /** Exponential with the given mean (inverse transform, so one uniform per draw). */
    public double exponential(double mean) {
        return -mean * Math.log1p(-random.nextDouble());
    }

    /** Exponential with the given mean, in whole nanoseconds (at least 0). */
    public long exponentialNs(double meanNs) {
        return (long) exponential(meanNs);
    }

    /** Standard normal (the JDK's modified ziggurat). */
    public double normal() {
        return random.nextGaussian();
    }

    /** Lognormal: exp(mu + sigma * Z) for a standard normal Z. */
    public double lognormal(double mu, double sigma) {
        return Math.exp(mu + sigma * random.nextGaussian());
    }

    /**
     * Lognormal given the mean and standard deviation of the draws themselves, which is how a
     * scenario states a restart time ("mean 4 min, sd 1 min").
     */
    public double lognormalWithMean(double mean, double standardDeviation) {
        double variance = Math.log1p((standardDeviation * standardDeviation) / (mean * mean));
        double mu = Math.log(mean) - variance / 2;
        return lognormal(mu, Math.sqrt(variance));
    }

    /** A draw from an empirical distribution. */
    public double empirical(EmpiricalDistribution distribution) {
        return distribution.inverseCdf(random.nextDouble());
    }

    @Override
    public String toString() {
        return "RandomStream[" + name + "]";
    }
}
