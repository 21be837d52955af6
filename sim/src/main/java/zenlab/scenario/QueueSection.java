package zenlab.scenario;

/**
 * The {@code queue:} section: the kernel's own M/M/c/K test model.
 *
 * @param capacity customers the system holds (in service plus waiting); {@link Integer#MAX_VALUE} for unlimited
 */
public record QueueSection(
        double arrivalRatePerS,
        double serviceRatePerS,
        int servers,
        int capacity,
        long warmupNs) {
}
