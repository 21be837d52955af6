package zenlab.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zenlab.model.Cause;
import zenlab.net.CountingNetEvents;
import zenlab.net.LiveLab;
import zenlab.metrics.LabMetrics;
import zenlab.metrics.LiveLabView;
import zenlab.metrics.MetricsServer;
import zenlab.net.NetEvents;
import zenlab.net.TlsProvider;
import zenlab.net.broker.Broker;
import zenlab.scenario.AppSpec;
import zenlab.scenario.Durations;
import zenlab.scenario.Scenario;

/** {@code zenlab up SCENARIO}: a scenario's brokers, connectors and apps on loopback, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        header = "Start a scenario's brokers, apps and connectors on loopback.",
        description = "Starts the brokers, apps and connectors of a fleet scenario over real mutual TLS on"
            + " loopback and keeps them up until Ctrl-C (or --for). Prints each app's local client address:"
            + " any TCP client (curl, psql, ssh) that connects there reaches the app through the broker and a"
            + " connector, in an mtunnel.",
        footerHeading = "%nExample:%n",
        footer = "  zenlab up scenarios/up-demo.yaml --for 10m")
final class UpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the fleet scenario .yaml file")
    private Path scenarioFile;

    @Option(names = "--tls", paramLabel = "ENGINE", defaultValue = "openssl",
            description = "openssl (BoringSSL; the JDK's if it cannot load) or jdk (default: ${DEFAULT-VALUE})")
    private String tls;

    @Option(names = "--state", paramLabel = "DIR",
            description = "keep the lab's CA certificates and keys and the connectors' enrolled keys here (owner-only)")
    private Path stateDir;

    @Option(names = "--for", paramLabel = "DURATION", description = "stop by itself after this long, like 10m (default: until Ctrl-C)")
    private String forDuration;

    @Option(names = {"-v", "--verbose"}, description = "print every mtunnel opened and closed, not only refusals and cuts")
    private boolean verbose;

    @picocli.CommandLine.Mixin
    private MetricsOptions metricsOptions = new MetricsOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Scenario> loaded = ScenarioArgument.load(scenarioFile, null, err);
        if (loaded.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        Scenario scenario = loaded.get();
        if (scenario.fleet() == null) {
            err.println("zenlab up: " + scenarioFile + ": a fleet scenario is needed (brokers, connector groups, apps); "
                    + "this one is the queue test model");
            return ExitCodes.BAD_INPUT;
        }
        TlsProvider provider;
        long forNs = 0;
        java.net.InetSocketAddress metricsAddress = null;
        try {
            provider = TlsProvider.parse(tls);
            if (forDuration != null) {
                forNs = Durations.parseNs(forDuration);
            }
            if (metricsOptions.enabled()) {
                metricsAddress = metricsOptions.parsedAddress();
                metricsOptions.lingerNs(); // checked now, used at the end
            }
        } catch (IllegalArgumentException e) {
            err.println("zenlab up: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        LiveLab.Options defaults = LiveLab.Options.defaults();
        LiveLab.Options options = new LiveLab.Options(provider, defaults.transport(), defaults.threads(),
                stateDir == null ? null : stateDir.toAbsolutePath(), defaults.broker());
        NetEvents printer = (kind, actor, cause, detail, valueNs) -> {
            boolean routine = cause == Cause.NONE && (kind == NetEvents.Kind.MTUNNEL_ESTABLISHED
                    || kind == NetEvents.Kind.MTUNNEL_ENDED || kind == NetEvents.Kind.AUTHENTICATED
                    || kind == NetEvents.Kind.ENROLLED);
            if (verbose || !routine) {
                err.printf(Locale.ROOT, "%-20s %-16s %s%s%n", kind, actor, cause == Cause.NONE ? "" : cause + " ", detail);
            }
        };
        LabMetrics metrics = metricsAddress == null ? null : new LabMetrics(scenario.name(), "up",
                provider.netty() == io.netty.handler.ssl.SslProvider.OPENSSL ? "openssl" : "jdk", VersionProvider.version());
        CountingNetEvents events = new CountingNetEvents(metrics == null ? printer : metrics.netEvents(printer, true,
                scenario.fleet().brokers().stream().map(b -> b.name()).collect(java.util.stream.Collectors.toSet()),
                zenlab.net.broker.EnrolmentService.HOST));
        Path scenarioDir = scenarioFile.toAbsolutePath().getParent();
        MetricsServer server = null;
        try (LiveLab lab = LiveLab.start(scenario.fleet(), scenarioDir, options, events)) {
            if (metrics != null) {
                lab.brokers().forEach(b -> b.meterMtunnels(metrics.brokerMeter(true)));
                metrics.view(new LiveLabView(lab));
                try {
                    server = MetricsServer.start(metrics, metricsAddress, "zenlab up " + scenario.name());
                } catch (java.io.IOException e) {
                    err.println("zenlab up: --metrics " + metricsOptions.address + ": cannot listen there: " + e.getMessage());
                    return ExitCodes.BAD_INPUT;
                }
            }
            print(out, scenario, lab, provider, server);
            CountDownLatch stop = new CountDownLatch(1);
            Thread onCtrlC = new Thread(stop::countDown, "zenlab-up-stop");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            boolean interrupted = false;
            try {
                if (forNs > 0) {
                    boolean ctrlC = stop.await(forNs, TimeUnit.NANOSECONDS);
                    if (!ctrlC && metrics != null) { // --for is over: the last counts reach whoever scrapes
                        metrics.finished(Map.of());
                        metrics.awaitFinalScrape(metricsOptions.lingerNs());
                    }
                } else {
                    stop.await();
                }
            } catch (InterruptedException e) {
                interrupted = true; // whoever started us asks us to stop, as Ctrl-C does: a clean stop
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException exiting) {
                // Ctrl-C: the JVM is already on its way out; the lab closes below
            }
            out.printf(Locale.ROOT, "stopping: %d mtunnels established, %d refused, %d connections cut%n",
                    events.count(NetEvents.Kind.MTUNNEL_ESTABLISHED), events.count(NetEvents.Kind.MTUNNEL_REFUSED),
                    events.count(NetEvents.Kind.CONNECTION_CUT));
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, Scenario scenario, LiveLab lab, TlsProvider provider, MetricsServer server) {
        out.printf(Locale.ROOT, "zenlab %s  up %s  TLS %s  transport %s%n", VersionProvider.version(), scenario.name(),
                provider.netty() == io.netty.handler.ssl.SslProvider.OPENSSL ? "BoringSSL" : "JDK",
                zenlab.net.Transport.preferred().name().toLowerCase(Locale.ROOT));
        out.println("enrolment (TLS without a client certificate; EnrollRequest only)");
        out.printf(Locale.ROOT, "  %-24s %s%n", lab.enrolment().name(), hostPort(lab.enrolment().address()));
        out.println("brokers (mutual TLS, connectors only)");
        for (Broker b : lab.brokers()) {
            out.printf(Locale.ROOT, "  %-24s %s%n", b.name(), hostPort(b.tunnelAddress()));
        }
        out.println("connectors (dial out only)");
        for (LiveLab.ConnectorStatus c : lab.connectorStatuses()) {
            if (c.refusal() == Cause.NONE) {
                out.printf(Locale.ROOT, "  %-24s %-16s group %s, connected to %d broker(s)%s%n", c.host(), c.name(), c.group(),
                        lab.brokers().size(), c.kept() ? ", enrolment kept in " + stateDir : "");
            } else {
                out.printf(Locale.ROOT, "  %-24s %-16s group %s, not serving: %s (%s)%n", c.host(),
                        c.name() == null ? "-" : c.name(), c.group(), c.refusal(), c.refusal().message());
            }
        }
        out.println("apps: connect any TCP client to the address on the left");
        Map<String, InetSocketAddress> ports = lab.clientPorts();
        for (AppSpec app : scenario.fleet().apps()) {
            String behind = app.live().address() != null ? "service " + app.live().address()
                    : app.live().server() + " server" + (app.live().server().equals("http") ? " of "
                    + (app.live().files() == null ? "the scenario's folder" : app.live().files()) : "");
            out.printf(Locale.ROOT, "  %-24s %-22s -> %s%n", app.name(), hostPort(ports.get(app.name())), behind);
        }
        InetSocketAddress first = ports.values().iterator().next();
        out.printf(Locale.ROOT, "try: curl http://%s/   or   nc %s %d%n", hostPort(first), first.getHostString(),
                first.getPort());
        if (server != null) {
            out.println(MetricsOptions.line(server));
        }
        out.println(forDuration == null ? "up; Ctrl-C to stop" : "up for " + forDuration);
        out.flush();
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
