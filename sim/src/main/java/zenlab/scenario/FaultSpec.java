package zenlab.scenario;

/** A fault injected at a virtual time: each kind names what it hits. */
public sealed interface FaultSpec {

    long atNs();

    /** The connector's MAC changes; it is blocked at its next restart until re-provisioned. */
    record MacChange(long atNs, String connector, long reprovisionAfterNs) implements FaultSpec {
    }

    /** The connector's clock jumps by {@code offsetNs} (negative: behind the cloud). */
    record ClockSkew(long atNs, String connector, long offsetNs) implements FaultSpec {
    }

    /** The broker is unreachable for a while; its connectors reconnect elsewhere. */
    record BrokerOutage(long atNs, String broker, long forNs) implements FaultSpec {
    }

    /** The broker redirects its connectors to another broker. */
    record BrokerRedirect(long atNs, String broker) implements FaultSpec {
    }

    /** An SSL-inspecting proxy sits in the group's path for a while. */
    record SslInspection(long atNs, String group, long forNs) implements FaultSpec {
    }

    /** The connector cannot resolve {@code host} for a while. */
    record DnsFailure(long atNs, String connector, String host, long forNs) implements FaultSpec {
    }

    /**
     * The connector's network path to its brokers degrades for a while: latency (one way, with
     * jitter), resets of every connection, a stall, or a bandwidth limit ({@code rateMbps} towards the connector).
     */
    record LinkFault(long atNs, String connector, LinkToxic toxic, long latencyNs, long jitterNs, double rateMbps,
                     long forNs)
            implements FaultSpec {
    }

    /** The connector crashes and is repaired after the group's MTTR. */
    record ConnectorCrash(long atNs, String connector) implements FaultSpec {
    }
}
