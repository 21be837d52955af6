package zenlab.kernel;

/**
 * Draws from SplitMix64 states kept in a {@code long[]} its owner lays out: point the cursor
 * at a state, then draw, and the state there advances. For a table that keeps each row's
 * generator in the row, beside the data drawn with it, so one cache line serves both; a
 * {@link RandomStream} per row would be an object of its own, another line to miss.
 *
 * <p>A state seeded from {@link RandomStreams#seedOf} draws exactly what the stream of that
 * name draws.
 */
public final class RandomCursor extends RandomDraws {

    private final long[] states;
    private int at;

    /** A cursor over {@code states}, which its owner keeps and seeds. */
    public RandomCursor(long[] states) {
        this.states = states;
    }

    /** Points at the state in {@code states[index]}; returns this cursor, to draw from it. */
    public RandomCursor at(int index) {
        at = index;
        return this;
    }

    @Override
    long nextWeyl() {
        return states[at] += GOLDEN_GAMMA;
    }
}
