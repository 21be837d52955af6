package zenlab.kernel;

/**
 * A named, reproducible source of draws for one actor or purpose: SplitMix64 from a seed that
 * {@link RandomStreams} derives from the run's seed and the name (see {@link RandomDraws}).
 *
 * <p>The generator's state lives in this object rather than in a SplittableRandom it points
 * to: a fleet draws from thousands of streams, each cold by the time it is drawn from again,
 * and the pointer cost a dependent cache miss on every draw.
 */
public final class RandomStream extends RandomDraws {

    private final String name;
    private final long seed;
    private long state;

    RandomStream(String name, long seed) {
        this.name = name;
        this.seed = seed;
        this.state = seed;
    }

    @Override
    long nextWeyl() {
        return state += GOLDEN_GAMMA;
    }

    public String name() {
        return name;
    }

    /** A child stream, independent of this one and of its other children. */
    public RandomStream split(String childName) {
        String childFullName = name + "/" + childName;
        return new RandomStream(childFullName, RandomStreams.seedFor(seed, childFullName));
    }

    @Override
    public String toString() {
        return "RandomStream[" + name + "]";
    }
}
