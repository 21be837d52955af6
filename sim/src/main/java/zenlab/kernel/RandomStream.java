package zenlab.kernel;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A named, reproducible source of draws for one actor or purpose: the same sequence as the
 * JDK's {@link SplittableRandom} built from the same seed (SplitMix64, fixed by its
 * specification), and every draw is allocation-free.
 *
 * <p>The generator's state lives in this object rather than in a SplittableRandom it points
 * to: a fleet draws from thousands of streams, each cold by the time it is drawn from again,
 * and the pointer cost a dependent cache miss on every draw. Only {@link #nextLong()} and
 * {@link #nextInt()} are SplitMix64's own; every other draw is the JDK's
 * {@link RandomGenerator} default over them, exactly as SplittableRandom's are, and
 * RandomStreamsTest holds the two sequences equal.
 */
public final class RandomStream implements RandomGenerator {

    /** SplittableRandom's increment for a stream made from a bare seed. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final String name;
    private final long seed;
    private long state;

    RandomStream(String name, long seed) {
        this.name = name;
        this.seed = seed;
        this.state = seed;
    }

    /** SplitMix64: Stafford's mix13 of the next Weyl-sequence value, as SplittableRandom.nextLong. */
    @Override
    public long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** As SplittableRandom.nextInt: Stafford's mix04 of the next value, high 32 bits. */
    @Override
    public int nextInt() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
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
        return nextDouble();
    }

    /** Uniform on [low, high). */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform integer on [0, bound). */
    @Override
    public int nextInt(int bound) {
        return RandomGenerator.super.nextInt(bound);
    }

    /** True with probability {@code p}. */
    public boolean bernoulli(double p) {
        return nextDouble() < p;
    }

    /** Exponential with the given mean (inverse transform, so one uniform per draw). */
    public double exponential(double mean) {
        return -mean * Math.log1p(-nextDouble());
    }

    /** Exponential with the given mean, in whole nanoseconds (at least 0). */
    public long exponentialNs(double meanNs) {
        return (long) exponential(meanNs);
    }

    /** Standard normal (the JDK's modified ziggurat). */
    public double normal() {
        return nextGaussian();
    }

    /** Lognormal: exp(mu + sigma * Z) for a standard normal Z. */
    public double lognormal(double mu, double sigma) {
        return Math.exp(mu + sigma * nextGaussian());
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
        return distribution.inverseCdf(nextDouble());
    }

    @Override
    public String toString() {
        return "RandomStream[" + name + "]";
    }
}
