package zenlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import zenlab.bench.hold.HoldDraws;
import zenlab.bench.hold.HoldEngine;

/** Every engine of the hold benchmark must do the same work: same pending count, same clock. */
class HoldEnginesTest {

    @Test
    void shouldKeepThePendingCountAndAdvanceTheSameClock() {
        String[] engines = {"zenlab", "zenlab-posted", "ssj-henriksen", "ssj-splay", "jdk-priorityqueue"};
        double[] clocks = new double[engines.length];
        for (int e = 0; e < engines.length; e++) {
            HoldEngine engine = HoldModelBenchmark.create(engines[e]);
            engine.fill(500, new HoldDraws(11));
            for (int i = 0; i < 20_000; i++) {
                engine.hold();
            }
            assertEquals(500, engine.pending(), engines[e]);
            clocks[e] = engine.nowSeconds();
        }
        for (int e = 1; e < engines.length; e++) {
            // zenlab rounds each draw to whole nanoseconds; the others keep doubles
            assertEquals(clocks[0], clocks[e], 1e-3, engines[e] + " replayed another stream");
        }
        assertTrue(clocks[0] > 0);
    }
}
