package zenlab.fault;

import java.util.ArrayList;
import java.util.List;
import zenlab.model.Fleet;
import zenlab.scenario.FaultSpec;

/** Builds the fault actors of a scenario. Names resolve when the fault strikes, as enrolment names them. */
public final class Faults {

    private Faults() {
    }

    public static List<Fault> of(List<FaultSpec> specs, Fleet fleet) {
        List<Fault> faults = new ArrayList<>();
        for (FaultSpec spec : specs) {
            faults.add(of(spec, fleet));
        }
        return faults;
    }

    private static Fault of(FaultSpec spec, Fleet fleet) {
        if (spec instanceof FaultSpec.MacChange) {
            FaultSpec.MacChange f = (FaultSpec.MacChange) spec;
            return new OnConnector(f.atNs(), 0, fleet, f.connector(), c -> fleet.macChange(c, f.reprovisionAfterNs()), null);
        }
        if (spec instanceof FaultSpec.ClockSkew) {
            FaultSpec.ClockSkew f = (FaultSpec.ClockSkew) spec;
            return new OnConnector(f.atNs(), 0, fleet, f.connector(), c -> fleet.clockSkew(c, f.offsetNs()), null);
        }
        if (spec instanceof FaultSpec.ConnectorCrash) {
            FaultSpec.ConnectorCrash f = (FaultSpec.ConnectorCrash) spec;
            return new OnConnector(f.atNs(), 0, fleet, f.connector(), fleet::crash, null);
        }
        if (spec instanceof FaultSpec.DnsFailure) {
            FaultSpec.DnsFailure f = (FaultSpec.DnsFailure) spec;
            return new OnConnector(f.atNs(), f.forNs(), fleet, f.connector(),
                    c -> fleet.dnsFailure(c, f.host(), true), c -> fleet.dnsFailure(c, f.host(), false));
        }
        if (spec instanceof FaultSpec.LinkFault) {
            FaultSpec.LinkFault f = (FaultSpec.LinkFault) spec;
            return new OnConnector(f.atNs(), f.forNs(), fleet, f.connector(),
                    c -> fleet.linkFault(c, f.toxic(), f.latencyNs(), f.jitterNs(), f.rateMbps()),
                    c -> fleet.linkFault(c, null, 0, 0, 0));
        }
        if (spec instanceof FaultSpec.BrokerOutage) {
            FaultSpec.BrokerOutage f = (FaultSpec.BrokerOutage) spec;
            int broker = fleet.brokerIndex(f.broker());
            return new Window(f.atNs(), f.forNs(), () -> fleet.brokerAvailable(broker, false),
                    () -> fleet.brokerAvailable(broker, true));
        }
        if (spec instanceof FaultSpec.BrokerRedirect) {
            FaultSpec.BrokerRedirect f = (FaultSpec.BrokerRedirect) spec;
            int broker = fleet.brokerIndex(f.broker());
            return new Window(f.atNs(), 0, () -> fleet.brokerRedirect(broker), () -> { });
        }
        FaultSpec.SslInspection f = (FaultSpec.SslInspection) spec;
        int group = fleet.groupNamed(f.group());
        return new Window(f.atNs(), f.forNs(), () -> fleet.sslInspection(group, true),
                () -> fleet.sslInspection(group, false));
    }

    /** A fault on the connector a name denotes when it strikes; nothing if no connector has it. */
    private static final class OnConnector extends TimedFault {
        private final Fleet fleet;
        private final String name;
        private final java.util.function.IntConsumer onStart;
        private final java.util.function.IntConsumer onEnd;
        private int connector = -1;

        OnConnector(long atNs, long forNs, Fleet fleet, String name, java.util.function.IntConsumer onStart,
                    java.util.function.IntConsumer onEnd) {
            super(atNs, forNs);
            this.fleet = fleet;
            this.name = name;
            this.onStart = onStart;
            this.onEnd = onEnd;
        }

        @Override
        void start() {
            connector = fleet.connectorNamed(name);
            if (connector >= 0) {
                onStart.accept(connector);
            }
        }

        @Override
        void end() {
            if (connector >= 0 && onEnd != null) {
                onEnd.accept(connector);
            }
        }
    }

    /** A fault on something fixed (a broker, a group) with a start and an end. */
    private static final class Window extends TimedFault {
        private final Runnable onStart;
        private final Runnable onEnd;

        Window(long atNs, long forNs, Runnable onStart, Runnable onEnd) {
            super(atNs, forNs);
            this.onStart = onStart;
            this.onEnd = onEnd;
        }

        @Override
        void start() {
            onStart.run();
        }

        @Override
        void end() {
            onEnd.run();
        }
    }
}
