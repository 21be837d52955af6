package zenlab.scenario;

/**
 * What a {@code link_fault} does to a connector's path to its brokers, after Toxiproxy's toxics:
 * add latency (with jitter) to every byte, reset every connection, or stall (pass nothing,
 * close nothing).
 */
public enum LinkToxic {
    LATENCY, RESET, STALL;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
