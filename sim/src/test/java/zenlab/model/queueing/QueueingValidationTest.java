package zenlab.model.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zenlab.kernel.Journal;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Simulation;

/**
 * The kernel against queueing theory. Theory here is written out independently of
 * {@link QueueingTheory}: 1 / (mu - lambda) for M/M/1, Erlang's B recursion for M/M/c/c.
 */
class QueueingValidationTest {

    private static final long NS_PER_S = 1_000_000_000L;

    private static QueueResult run(QueueParameters parameters, long seed, long durationS) {
        Simulation sim = new Simulation(1024);
        QueueModel queue = new QueueModel(parameters, sim, new RandomStreams(seed), Journal.NONE);
        queue.start();
        sim.run(durationS * NS_PER_S);
        return queue.result(sim.nowNs());
    }

    @ParameterizedTest(name = "M/M/1 at rho = {0}")
    @CsvSource({"0.5, 2000000", "0.9, 20000000"})
    void shouldMatchTheMeanTimeInSystemOfMM1(double rho, long durationS) {
        double mu = 1.0;
        double lambda = rho * mu;
        QueueParameters mm1 = new QueueParameters(lambda, mu, 1, QueueParameters.UNLIMITED, 10_000 * NS_PER_S);
        QueueResult result = run(mm1, 42, durationS);
        double expected = 1 / (mu - lambda);
        double relativeError = Math.abs(result.meanTimeInSystemS() - expected) / expected;
        assertTrue(relativeError < 0.02, "mean time in system " + result.meanTimeInSystemS()
                + " s, theory " + expected + " s, relative error " + relativeError);
        assertEquals(rho, result.utilization(), 0.02 * rho, "utilisation");
    }

    @ParameterizedTest(name = "M/M/{0}/{0} at about {1} blocking")
    @CsvSource({
        "1, 0.01", "1, 0.05", "1, 0.20",
        "10, 0.01", "10, 0.05", "10, 0.20",
        "50, 0.01", "50, 0.05", "50, 0.20"})
    void shouldMatchTheErlangBBlockingProbability(int servers, double targetBlocking) {
        double offeredLoad = offeredLoadFor(servers, targetBlocking);
        double expected = erlangB(servers, offeredLoad);
        double mu = 1.0;
        // About 0.25% relative standard error for independent draws. A larger group's busy count
        // wanders longer, so its blocked arrivals come in longer runs and it needs more of them:
        // over seeds 1..6 the worst error was then 0.7%, against the 2% asserted.
        long arrivalsWanted = (long) (1.6e5 / targetBlocking * Math.max(1, servers / 12));
        long durationS = (long) (arrivalsWanted / (offeredLoad * mu)) + 1;
        QueueParameters loss = new QueueParameters(offeredLoad * mu, mu, servers, servers, 1000 * NS_PER_S);
        QueueResult result = run(loss, 7, durationS);
        double relativeError = Math.abs(result.blockingProbability() - expected) / expected;
        assertTrue(relativeError < 0.02, "blocking " + result.blockingProbability() + ", Erlang B "
                + expected + " at " + offeredLoad + " erlangs, relative error " + relativeError);
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2"})
    void shouldGiveTheSameResultForTheSameSeed(long seed) {
        QueueParameters mmc = new QueueParameters(4.5, 1.0, 5, 8, 0);
        assertEquals(run(mmc, seed, 100_000), run(mmc, seed, 100_000));
    }

    static double erlangB(int servers, double load) {
        double b = 1;
        for (int k = 1; k <= servers; k++) {
            b = load * b / (k + load * b);
        }
        return b;
    }

    /** The offered load at which Erlang B gives the target blocking, by bisection. */
    static double offeredLoadFor(int servers, double targetBlocking) {
        double low = 0;
        double high = servers * 10.0 + 10;
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            if (erlangB(servers, mid) < targetBlocking) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }
}
