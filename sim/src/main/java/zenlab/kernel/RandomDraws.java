package zenlab.kernel;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The draws of a SplitMix64 generator, wherever its one word of state is kept: the same
 * sequence as the JDK's {@link SplittableRandom} built from the same seed, and every draw is
 * allocation-free. {@link RandomStream} keeps the state in itself; {@link RandomCursor} in a
 * table beside the data drawn with it.
 *
 * <p>Only {@link #nextLong()} and {@link #nextInt()} are SplitMix64's own; every other draw is
 * the JDK's {@link RandomGenerator} default over them, exactly as SplittableRandom's are, and
 * RandomStreamsTest holds the sequences equal.
 */
public abstract class RandomDraws implements RandomGenerator {

    /** SplittableRandom's increment for a generator made from a bare seed. */
    static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** Advances the state by {@link #GOLDEN_GAMMA} and returns it: the next Weyl-sequence value. */
    abstract long nextWeyl();

    /** SplitMix64: Stafford's mix13 of the next Weyl-sequence value, as SplittableRandom.nextLong. */
    @Override
    public final long nextLong() {
        long z = nextWeyl();
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** As SplittableRandom.nextInt: Stafford's mix04 of the next value, high 32 bits. */
    @Override
    public final int nextInt() {
        long z = nextWeyl();
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /** Uniform on [0, 1). */
    public final double uniform() {
        return nextDouble();
    }

    /** Uniform on [low, high). */
    public final double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform integer on [0, bound). */
    @Override
    public final int nextInt(int bound) {
        return RandomGenerator.super.nextInt(bound);
    }

    /** True with probability {@code p}. */
    public final boolean bernoulli(double p) {
        return nextDouble() < p;
    }

    /** Exponential with the given mean (inverse transform, so one uniform per draw). */
    public final double exponential(double mean) {
        return -mean * Math.log1p(-nextDouble());
    }

    /** Exponential with the given mean, in whole nanoseconds (at least 0). */
    public final long exponentialNs(double meanNs) {
        return (long) exponential(meanNs);
    }

    /** Standard normal (the JDK's modified ziggurat). */
    public final double normal() {
        return nextGaussian();
    }

    /** Lognormal: exp(mu + sigma * Z) for a standard normal Z. */
    public final double lognormal(double mu, double sigma) {
        return Math.exp(mu + sigma * nextGaussian());
    }

    /**
     * Lognormal given the mean and standard deviation of the draws themselves, which is how a
     * scenario states a restart time ("mean 4 min, sd 1 min").
     */
    public final double lognormalWithMean(double mean, double standardDeviation) {
        double variance = Math.log1p((standardDeviation * standardDeviation) / (mean * mean));
        double mu = Math.log(mean) - variance / 2;
        return lognormal(mu, Math.sqrt(variance));
    }

    /** A draw from an empirical distribution. */
    public final double empirical(EmpiricalDistribution distribution) {
        return distribution.inverseCdf(nextDouble());
    }
}
