package zenlab.scenario;

/**
 * What a {@code link_fault} does to a connector's path to its brokers, after Toxiproxy's toxics:
 * add latency (with jitter) to every byte, reset every connection, stall (pass nothing, close
 * nothing), or limit the bandwidth towards the connector, the way users' bytes go to the apps
 * (every connection of the path shares the limit).
 */
public enum LinkToxic {
    LATENCY, RESET, STALL, BANDWIDTH;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
