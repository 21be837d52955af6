package zenlab.kernel;

/** The time an actor sees, in nanoseconds. Virtual in simulation, wall-clock in live runs. */
@FunctionalInterface
public interface Clock {
    long nowNs();
}
