package zenlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    private static double[] draws(RandomStream stream, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = stream.uniform();
        }
        return values;
    }

    @Test
    void shouldDrawExactlyWhatTheJdksSplittableRandomDrawsFromTheSameSeed() {
        for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x9e3779b97f4a7c15L}) {
            RandomStream stream = new RandomStream("reference", seed);
            java.util.SplittableRandom reference = new java.util.SplittableRandom(seed);
            for (int i = 0; i < 20_000; i++) {
                assertEquals(reference.nextLong(), stream.nextLong(), "nextLong, seed " + seed + ", draw " + i);
                assertEquals(reference.nextInt(), stream.nextInt(), "nextInt, seed " + seed + ", draw " + i);
                assertEquals(reference.nextDouble(), stream.uniform(), "uniform, seed " + seed + ", draw " + i);
                assertEquals(reference.nextInt(50), stream.nextInt(50), "nextInt(50), seed " + seed + ", draw " + i);
                assertEquals(reference.nextInt(64), stream.nextInt(64), "nextInt(64), seed " + seed + ", draw " + i);
                assertEquals(reference.nextInt(1_000_003), stream.nextInt(1_000_003), "nextInt(big), draw " + i);
                assertEquals(reference.nextGaussian(), stream.normal(), "normal, seed " + seed + ", draw " + i);
                assertEquals(-7 * Math.log1p(-reference.nextDouble()), stream.exponential(7), "exponential, draw " + i);
            }
        }
    }

    @Test
    void shouldDrawFromATableStateExactlyWhatTheStreamOfTheSameNameDraws() {
        RandomStreams streams = new RandomStreams(42);
        long[] table = {0, streams.seedOf("app/a"), 0, streams.seedOf("app/b")};
        RandomCursor cursor = new RandomCursor(table);
        RandomStream a = streams.stream("app/a");
        RandomStream b = streams.stream("app/b");
        for (int i = 0; i < 10_000; i++) { // interleaved, as a table's rows are drawn from
            assertEquals(a.exponentialNs(1e12), cursor.at(1).exponentialNs(1e12), "a, draw " + i);
            assertEquals(b.nextInt(50), cursor.at(3).nextInt(50), "b, draw " + i);
            assertEquals(a.uniform(0.9, 1.1), cursor.at(1).uniform(0.9, 1.1), "a, draw " + i);
        }
        assertEquals(0, table[0] | table[2], "nothing but the states it points at changes");
    }

    @Test
    void shouldGiveTheSameDrawsForTheSameSeedAndName() {
        assertArrayEquals(draws(new RandomStreams(42).stream("connector/a"), 100),
                draws(new RandomStreams(42).stream("connector/a"), 100));
    }

    @Test
    void shouldNotShiftAStreamWhenAnotherActorIsAdded() {
        RandomStreams before = new RandomStreams(42);
        double[] alone = draws(before.stream("connector/a"), 100);
        RandomStreams after = new RandomStreams(42);
        RandomStream newcomer = after.stream("connector/new");
        draws(newcomer, 1000);
        assertArrayEquals(alone, draws(after.stream("connector/a"), 100));
    }

    @Test
    void shouldGiveDifferentDrawsForDifferentNamesSeedsAndChildren() {
        RandomStreams streams = new RandomStreams(42);
        double[] a = draws(streams.stream("a"), 10);
        assertNotEquals(a[0], draws(streams.stream("b"), 10)[0]);
        assertNotEquals(a[0], draws(new RandomStreams(43).stream("a"), 10)[0]);
        RandomStream parent = streams.stream("a");
        assertNotEquals(draws(parent.split("x"), 1)[0], draws(parent.split("y"), 1)[0]);
        assertArrayEquals(draws(streams.stream("a").split("x"), 10), draws(streams.stream("a").split("x"), 10));
    }

    @Test
    void shouldDrawWithTheStatedMeans() {
        RandomStream stream = new RandomStreams(9).stream("moments");
        int n = 400_000;
        double exponential = 0;
        double lognormal = 0;
        double uniform = 0;
        for (int i = 0; i < n; i++) {
            exponential += stream.exponential(3.0);
            lognormal += stream.lognormalWithMean(240, 60);
            uniform += stream.uniform(10, 20);
        }
        assertEquals(3.0, exponential / n, 3.0 * 0.01);
        assertEquals(240, lognormal / n, 240 * 0.01);
        assertEquals(15, uniform / n, 15 * 0.005);
    }

    @Test
    void shouldDrawEmpiricalValuesWithinTheObservationsAndWithTheirMean() {
        EmpiricalDistribution restartSeconds = EmpiricalDistribution.of(180, 60, 120, 300);
        RandomStream stream = new RandomStreams(5).stream("empirical");
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double v = stream.empirical(restartSeconds);
            assertTrue(v >= 60 && v <= 300, "draw out of range: " + v);
            sum += v;
        }
        assertEquals(restartSeconds.mean(), sum / n, 1.0);
        assertEquals(60, restartSeconds.inverseCdf(0));
        assertEquals(300, restartSeconds.inverseCdf(1));
        assertEquals(150, restartSeconds.inverseCdf(0.5));
    }
}
