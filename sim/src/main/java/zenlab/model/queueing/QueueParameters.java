package zenlab.model.queueing;

/**
 * An M/M/c/K queue: Poisson arrivals, exponential service, {@code servers} servers and room
 * for {@code capacity} customers in the system (in service plus waiting). An arrival that
 * finds the system full is blocked and lost; {@code capacity == servers} is the Erlang loss
 * system M/M/c/c.
 *
 * @param warmupNs customers arriving before this virtual time are served but not counted
 */
public record QueueParameters(
        double arrivalRatePerS,
        double serviceRatePerS,
        int servers,
        int capacity,
        long warmupNs) {

    /** Capacity of a queue with unlimited waiting room. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public QueueParameters {
        if (!(arrivalRatePerS > 0) || !(serviceRatePerS > 0)) {
            throw new IllegalArgumentException("rates must be > 0");
        }
        if (servers < 1 || capacity < servers) {
            throw new IllegalArgumentException("need servers >= 1 and capacity >= servers");
        }
        if (warmupNs < 0) {
            throw new IllegalArgumentException("warmupNs must be >= 0");
        }
    }

    /** Offered load in erlangs: lambda / mu. */
    public double offeredLoadErlangs() {
        return arrivalRatePerS / serviceRatePerS;
    }

    public boolean unlimited() {
        return capacity == UNLIMITED;
    }
}
