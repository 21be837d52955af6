package zenlab.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import zenlab.fault.Fault;
import zenlab.fault.Faults;
import zenlab.kernel.Journal;
import zenlab.kernel.JournalHandler;
import zenlab.kernel.JournalVocabulary;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Scheduler;
import zenlab.model.Availability;
import zenlab.model.Cause;
import zenlab.model.ConnectorState;
import zenlab.model.ConnectorView;
import zenlab.model.Fleet;
import zenlab.model.FleetJournal;
import zenlab.model.FleetNames;
import zenlab.report.ChartFiles;
import zenlab.report.LatencyHistogramHandler;
import zenlab.report.CauseTimelineWriter;
import zenlab.report.RunCharts;
import zenlab.report.StatusLogWriter;
import zenlab.report.SummaryJson;
import zenlab.report.TimelineWriter;
import zenlab.scenario.FleetSection;

/**
 * A connector deployment as a world: the fleet, its faults, and its results (summary figures,
 * connector-status.log, timeline.csv, mtunnel-setup.hgrm).
 */
final class FleetWorld implements World {

    static final String SETUP_HISTOGRAM = "mtunnel-setup.hgrm";
    private static final double NS_PER_S = 1e9;
    private static final double NS_PER_MS = 1e6;

    private final FleetSection spec;
    private final FleetNames names;
    private final FleetJournal vocabulary;
    private Fleet fleet;
    private LatencyHistogramHandler setupLatency;
    private final Live live;
    private LiveFleetNetwork network;
    private zenlab.net.CountingNetEvents netEvents;
    private LiveFootprint footprint;

    /** What a live run adds: the real network's TLS engine and transport, where apps' files are, the pacer. */
    record Live(zenlab.net.TlsProvider provider, zenlab.net.Transport transport, Path scenarioDir, WallClockPacer pacer,
                double timeScale, zenlab.metrics.LabMetrics metrics) {
    }

    /** Feeds live metrics from the journal (live runs with --metrics only). */
    private zenlab.metrics.JournalMetrics journalMetrics;

    FleetWorld(FleetSection spec) {
        this(spec, null);
    }

    /** @param live null for a virtual run */
    FleetWorld(FleetSection spec, Live live) {
        this.spec = spec;
        this.live = live;
        this.names = FleetNames.of(spec);
        this.vocabulary = new FleetJournal(names);
    }

    @Override
    public JournalVocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public List<JournalHandler> namingHandlers() {
        return List.of(names);
    }

    private Path resultsDir;

    @Override
    public List<JournalHandler> metricHandlers(Path resultsDir) {
        this.resultsDir = resultsDir;
        setupLatency = new LatencyHistogramHandler(FleetJournal.MTUNNEL_ESTABLISHED, resultsDir.resolve(SETUP_HISTOGRAM));
        try {
            List<JournalHandler> handlers = new ArrayList<>();
            handlers.add(setupLatency);
            handlers.add(new StatusLogWriter(resultsDir.resolve("connector-status.log"), names, spec.statusLogIntervalNs() > 0));
            handlers.add(new TimelineWriter(resultsDir.resolve("timeline.csv"), names));
            handlers.add(new CauseTimelineWriter(resultsDir.resolve(CauseTimelineWriter.FILE)));
            if (live != null && live.metrics() != null) {
                journalMetrics = new zenlab.metrics.JournalMetrics(live.metrics(), names);
                handlers.add(journalMetrics);
            }
            return handlers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(Scheduler scheduler, RandomStreams streams, Journal journal) {
        fleet = new Fleet(spec, scheduler, streams, journal);
        if (live != null) {
            footprint = LiveFootprint.begin();
            try {
                network = LiveFleetNetwork.start(spec, fleet, live.scenarioDir(), live.pacer()::post, live.provider(),
                        live.transport(), streams.stream("live/mac-addresses").nextInt(Integer.MAX_VALUE), live.timeScale(),
                        live.metrics());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            netEvents = network.events();
            if (journalMetrics != null) {
                live.metrics().view(network.view(journalMetrics, names));
            }
            fleet.attach(network);
            live.pacer().holdStartWhile(network::startUnderWay);
        }
        for (Fault fault : Faults.of(spec.faults(), fleet)) {
            fault.arm(scheduler);
        }
        fleet.start();
    }

    @Override
    public void stop() {
        if (network != null) {
            footprint.end();
            network.close();
            network = null;
            try {
                // The real network's own account: its latest facts, one a line, for what the counts do not say.
                java.nio.file.Files.write(resultsDir.resolve("network.log"), netEvents.lines());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void summarise(ObjectNode summary, long endNs) {
        if (live != null) {
            ObjectNode section = summary.putObject("live");
            section.put("timeScale", live.timeScale());
            // The engine really used: OpenSSL (BoringSSL) falls back to the JDK's where its library did not load.
            section.put("tls", live.provider().netty() == io.netty.handler.ssl.SslProvider.OPENSSL ? "openssl" : "jdk");
            section.put("transport", live.transport().name().toLowerCase(Locale.ROOT));
            section.put("startHoldWallSeconds", Math.round(live.pacer().startHoldWallNs() / 1e6) / 1e3);
            if (footprint != null) {
                footprint.summarise(section, fleet.connectorCount());
            }
            ObjectNode facts = section.putObject("network");
            for (zenlab.net.NetEvents.Kind kind : zenlab.net.NetEvents.Kind.values()) {
                ObjectNode byCause = SummaryJson.object();
                for (Cause cause : Cause.values()) {
                    if (netEvents != null && netEvents.count(kind, cause) > 0) {
                        byCause.put(cause.name(), netEvents.count(kind, cause));
                    }
                }
                if (byCause.size() > 0) {
                    facts.set(kind.name(), byCause);
                }
            }
        }
        ArrayNode apps = summary.putArray("apps");
        for (int a = 0; a < fleet.appCount(); a++) {
            ObjectNode app = apps.addObject();
            app.put("name", fleet.appName(a));
            availability(app, fleet.appAvailability(a), endNs);
            app.put("bytesCarried", fleet.bytesCarried(a));
        }
        ArrayNode groups = summary.putArray("groups");
        for (int g = 0; g < fleet.groupCount(); g++) {
            ObjectNode group = groups.addObject();
            group.put("name", fleet.groupName(g));
            group.put("connectors", fleet.groupSize(g));
            group.put("capacityMbpsPerConnector", fleet.groupCapacityMbps(g));
            int[] upgrades = fleet.groupUpgrades(g);
            group.put("upgradeWindows", upgrades[0]);
            group.put("upgradesDone", upgrades[1]);
            group.put("upgradesFailed", upgrades[2]);
            availability(group, fleet.groupAvailability(g), endNs);
        }
        ObjectNode mtunnels = summary.putObject("mtunnels");
        mtunnels.put("requested", fleet.mtunnelsRequested());
        mtunnels.put("established", fleet.mtunnelsEstablished());
        mtunnels.put("freed", fleet.mtunnelsFreed());
        mtunnels.put("stickyReused", fleet.mtunnelsStickyReused());
        long refused = 0;
        long broken = 0;
        ObjectNode refusedBy = SummaryJson.object();
        ObjectNode brokenBy = SummaryJson.object();
        // Every cause, with its zero: an assertion on a cause that did not happen this time still reads a number.
        for (Cause cause : Cause.values()) {
            if (cause == Cause.NONE) {
                continue;
            }
            refusedBy.put(cause.name(), fleet.refused(cause));
            refused += fleet.refused(cause);
            brokenBy.put(cause.name(), fleet.broken(cause));
            broken += fleet.broken(cause);
        }
        mtunnels.put("refused", refused);
        mtunnels.put("broken", broken);
        long bytes = 0;
        for (int a = 0; a < fleet.appCount(); a++) {
            bytes += fleet.bytesCarried(a);
        }
        mtunnels.put("bytesCarried", bytes);
        mtunnels.set("refusedByCause", refusedBy);
        mtunnels.set("brokenByCause", brokenBy);
        mtunnels.set("setupLatencyMs", SummaryJson.percentiles(setupLatency.histogram(), NS_PER_MS));

        ArrayNode connectors = summary.putArray("connectors");
        ObjectNode enrolment = SummaryJson.object();
        long listed = 0;
        for (int c = 0; c < fleet.connectorCount(); c++) {
            ConnectorView view = fleet.connectorView(c);
            if (!view.enrolled()) {
                continue; // only connectors both provisioned and enrolled are listed
            }
            listed++;
            ObjectNode connector = connectors.addObject();
            connector.put("name", names.connector(c));
            connector.put("group", view.group());
            connector.put("state", view.state().name());
            connector.put("enrolled", true);
            connector.put("upgrades", view.upgrades());
            connector.put("version", view.version());
            if (view.state() == ConnectorState.BLOCKED) {
                connector.put("blockedReason", view.lastCause().name());
                connector.put("blockedMessage", view.lastCause().message());
            } else {
                connector.putNull("blockedReason");
            }
            SummaryJson.putNumber(connector, "certificateExpiresInDays",
                    view.certNotAfterNs() < 0 ? Double.NaN : Math.floor((view.certNotAfterNs() - endNs) / NS_PER_S / 86_400));
            connector.put("clockSkewSeconds", view.clockOffsetNs() / NS_PER_S);
        }
        enrolment.put("vms", fleet.connectorCount());
        enrolment.put("enrolled", listed);
        enrolment.put("refusedKeyExhausted", fleet.enrolmentRefused(Cause.KEY_EXHAUSTED));
        long waiting = 0;
        for (int c = 0; c < fleet.connectorCount(); c++) {
            if (fleet.connectorView(c).state() == ConnectorState.WAITING_FOR_KEY) {
                waiting++;
            }
        }
        enrolment.put("waitingForKey", waiting);
        summary.set("enrolment", enrolment);
        ObjectNode byState = summary.putObject("connectorsByState");
        for (ConnectorState state : ConnectorState.values()) {
            long count = 0;
            for (int c = 0; c < fleet.connectorCount(); c++) {
                ConnectorView view = fleet.connectorView(c);
                if (view.enrolled() && view.state() == state) {
                    count++;
                }
            }
            byState.put(state.name(), count);
        }
        ArrayNode keys = summary.putArray("keys");
        for (int k = 0; k < fleet.keyCount(); k++) {
            ObjectNode key = keys.addObject();
            key.put("name", fleet.keyName(k));
            key.put("maxUsage", fleet.keyMaxUsage(k));
            key.put("usageCount", fleet.keyUsage(k));
        }
    }

    @Override
    public List<ChartFiles.Written> charts(Path resultsDir, String scenario) throws IOException {
        double[] capacity = new double[fleet.groupCount()];
        for (int g = 0; g < capacity.length; g++) {
            capacity[g] = fleet.groupCapacityMbps(g);
        }
        return RunCharts.fleet(resultsDir, scenario, capacity, setupLatency.histogram());
    }

    private static void availability(ObjectNode node, Availability availability, long endNs) {
        node.put("availability", availability.availability(endNs));
        node.put("downtimeSeconds", availability.downtimeNs(endNs) / NS_PER_S);
        node.put("outages", availability.outages());
        node.put("longestOutageSeconds", availability.longestOutageNs(endNs) / NS_PER_S);
    }

    /** The causes that happened, as {"CAUSE":count,...}: the console leaves out the zeros summary.json keeps. */
    private static ObjectNode nonZero(JsonNode byCause) {
        ObjectNode happened = SummaryJson.object();
        byCause.fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                happened.set(e.getKey(), e.getValue());
            }
        });
        return happened;
    }

    /** Above this many apps or groups, the console shows the least available few and a count. */
    private static final int CONSOLE_ROWS = 6;

    @Override
    public List<String> consoleLines(ObjectNode summary) {
        List<String> lines = new ArrayList<>();
        for (JsonNode app : leastAvailable(summary.path("apps"), "apps")) {
            lines.add(String.format(Locale.ROOT, "app        %-16s availability %.6f  down %s in %d outages (longest %s)",
                    app.path("name").asText(), app.path("availability").asDouble(),
                    seconds(app.path("downtimeSeconds").asDouble()), app.path("outages").asLong(),
                    seconds(app.path("longestOutageSeconds").asDouble())));
        }
        if (summary.path("apps").size() > CONSOLE_ROWS) {
            lines.add(String.format(Locale.ROOT, "           (the %d least available of %d apps)", CONSOLE_ROWS,
                    summary.path("apps").size()));
        }
        for (JsonNode group : leastAvailable(summary.path("groups"), "groups")) {
            int connectors = group.path("connectors").asInt();
            lines.add(String.format(Locale.ROOT, "group      %-16s %d %s  availability %.6f", group.path("name").asText(),
                    connectors, connectors == 1 ? "connector " : "connectors", group.path("availability").asDouble()));
        }
        if (summary.path("groups").size() > CONSOLE_ROWS) {
            lines.add(String.format(Locale.ROOT, "           (the %d least available of %d groups)", CONSOLE_ROWS,
                    summary.path("groups").size()));
        }
        JsonNode m = summary.path("mtunnels");
        JsonNode latency = m.path("setupLatencyMs");
        lines.add(String.format(Locale.ROOT, "mtunnels   requested %,d  established %,d  refused %,d  broken %,d",
                m.path("requested").asLong(), m.path("established").asLong(), m.path("refused").asLong(),
                m.path("broken").asLong()));
        if (m.path("refused").asLong() > 0) {
            lines.add("           refused by cause " + nonZero(m.path("refusedByCause")));
        }
        if (m.path("broken").asLong() > 0) {
            lines.add("           broken by cause " + nonZero(m.path("brokenByCause")));
        }
        if (latency.path("p50").isNumber()) {
            lines.add(String.format(Locale.ROOT, "           setup latency ms  p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f",
                    latency.path("p50").asDouble(), latency.path("p99").asDouble(), latency.path("p999").asDouble(),
                    latency.path("max").asDouble()));
        }
        JsonNode enrolment = summary.path("enrolment");
        lines.add(String.format(Locale.ROOT, "connectors %d enrolled of %d VMs, %d refused (key exhausted), %d waiting for a key",
                enrolment.path("enrolled").asLong(), enrolment.path("vms").asLong(),
                enrolment.path("refusedKeyExhausted").asLong(), enrolment.path("waitingForKey").asLong()));
        int blockedShown = 0;
        for (JsonNode c : summary.path("connectors")) {
            if (!c.path("blockedReason").isNull() && blockedShown++ < CONSOLE_ROWS) {
                lines.add("           " + c.path("name").asText() + " BLOCKED: " + c.path("blockedMessage").asText());
            }
        }
        JsonNode hold = summary.path("live").path("startHoldWallSeconds");
        if (hold.isNumber()) {
            lines.add(String.format(Locale.ROOT, "start      the fleet's first enrolments and connections: %.1f s of wall time,"
                    + " the clock held at zero", hold.asDouble()));
        }
        JsonNode f = summary.path("live").path("footprint");
        if (f.isObject()) {
            lines.add(String.format(Locale.ROOT, "footprint  per connector, the whole lab counted: %.1f%% of a core, heap %s, "
                    + "direct %s, %.1f open files  (%.1f CPU s over %.1f s)",
                    100 * f.path("cpuShareOfACorePerConnector").asDouble(), kib(f.path("heapBytesPerConnector").asLong()),
                    kib(f.path("directBytesPerConnector").asLong()), f.path("openFdsPerConnector").asDouble(),
                    f.path("cpuSeconds").asDouble(), f.path("wallSeconds").asDouble()));
        }
        return lines;
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
    }

    private static List<JsonNode> leastAvailable(JsonNode list, String what) {
        List<JsonNode> all = new ArrayList<>();
        list.forEach(all::add);
        if (all.size() <= CONSOLE_ROWS) {
            return all;
        }
        all.sort(java.util.Comparator.comparingDouble((JsonNode n) -> n.path("availability").asDouble())
                .thenComparing(n -> n.path("name").asText()));
        return all.subList(0, CONSOLE_ROWS);
    }

    private static String seconds(double s) {
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%.2f h", s / 3600);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
