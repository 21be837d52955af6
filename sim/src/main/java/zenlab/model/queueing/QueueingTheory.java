package zenlab.model.queueing;

/**
 * Steady-state answers for M/M/c/K, from the birth-death chain: p(n) is proportional to
 * a^n / n! for n <= c and to a^n / (c! c^(n-c)) above, with a = lambda / mu. With unlimited
 * room the waiting part is the geometric series of Erlang C. Blocking is p(K) (Erlang B when
 * K = c); mean time in system comes from Little's law, L / (lambda (1 - p(K))).
 *
 * @param meanTimeInSystemS NaN when the queue is unstable (unlimited room, a >= c)
 */
public record QueueingTheory(double blockingProbability, double meanTimeInSystemS, double utilization) {

    public static QueueingTheory of(QueueParameters q) {
        double a = q.offeredLoadErlangs();
        int c = q.servers();
        if (q.unlimited()) {
            return unlimited(a, c, q.arrivalRatePerS(), q.serviceRatePerS());
        }
        return limited(a, c, q.capacity(), q.arrivalRatePerS());
    }

    /** Erlang's loss formula B(c, a), by the stable recursion B(k) = a B(k-1) / (k + a B(k-1)). */
    public static double erlangB(int servers, double offeredLoadErlangs) {
        double b = 1;
        for (int k = 1; k <= servers; k++) {
            b = offeredLoadErlangs * b / (k + offeredLoadErlangs * b);
        }
        return b;
    }

    private static QueueingTheory unlimited(double a, int c, double lambda, double mu) {
        double rho = a / c;
        if (rho >= 1) {
            return new QueueingTheory(0, Double.NaN, 1);
        }
        // Erlang C from Erlang B: C = B / (1 - rho (1 - B)).
        double b = erlangB(c, a);
        double waitProbability = b / (1 - rho * (1 - b));
        double meanWaitS = waitProbability / (c * mu - lambda);
        return new QueueingTheory(0, meanWaitS + 1 / mu, rho);
    }

    private static QueueingTheory limited(double a, int c, int capacity, double lambda) {
        // Unnormalised p(n), scaled as we go to stay finite for large c and K.
        double[] p = new double[capacity + 1];
        p[0] = 1;
        double total = 1;
        for (int n = 1; n <= capacity; n++) {
            p[n] = p[n - 1] * a / Math.min(n, c);
            total += p[n];
            if (total > 1e200) {
                for (int i = 0; i <= n; i++) {
                    p[i] /= total;
                }
                total = 1;
            }
        }
        double meanInSystem = 0;
        double meanBusy = 0;
        for (int n = 0; n <= capacity; n++) {
            double pn = p[n] / total;
            meanInSystem += n * pn;
            meanBusy += Math.min(n, c) * pn;
        }
        double blocking = p[capacity] / total;
        double throughput = lambda * (1 - blocking);
        return new QueueingTheory(blocking, meanInSystem / throughput, meanBusy / c);
    }
}
