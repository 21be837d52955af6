package zenlab.bench.hold;

import java.util.SplittableRandom;

/**
 * A fixed cycle of Exp(1) draws shared by every engine, so all replay the same stream and the
 * cost of drawing does not dilute the comparison. 2^20 draws: far more than any queue size
 * measured, so the cycle does not line up with the queue.
 */
public final class HoldDraws {

    private static final int SIZE = 1 << 20;
    private static final int MASK = SIZE - 1;
    private final double[] draws = new double[SIZE];
    private int next;

    public HoldDraws(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < SIZE; i++) {
            draws[i] = -Math.log1p(-random.nextDouble());
        }
    }

    /** The next Exp(1) draw, in seconds. */
    public double nextSeconds() {
        double value = draws[next];
        next = (next + 1) & MASK;
        return value;
    }

    /** The next Exp(1) draw, in nanoseconds. */
    public long nextNs() {
        return (long) (nextSeconds() * 1e9);
    }
}
