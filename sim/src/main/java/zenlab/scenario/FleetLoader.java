package zenlab.scenario;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the fleet sections of a scenario (brokers, provisioning_keys, connector_groups, apps,
 * faults) and checks that every name they use refers to something that exists. Defaults for
 * numbers the vendor does not document are the model's assumptions, listed in docs/model.md.
 */
final class FleetLoader {

    /** Sections of the top-level mapping that make a scenario a fleet. */
    static final List<String> SECTIONS = List.of("brokers", "provisioning_keys", "connector_groups", "apps", "faults");
    /** Top-level settings that only a fleet has. */
    static final List<String> SETTINGS = List.of("status_log_interval", "timeline_interval", "skew_tolerance",
            "time_sync_delay", "broker_rtt");

    static final long DEFAULT_RESTART_MEAN_NS = Durations.parseNs("4m");
    static final long DEFAULT_UPGRADE_PAUSE_NS = Durations.parseNs("30s");
    // An hour between status blocks and timeline rows: a year of a pair is a 10 MB status log and
    // 8,760 timeline rows; every minute, as a real connector logs, was 628 MB for the same year.
    static final long DEFAULT_STATUS_LOG_INTERVAL_NS = Durations.parseNs("1h");
    static final long DEFAULT_SKEW_TOLERANCE_NS = Durations.parseNs("5s");
    static final long DEFAULT_TIME_SYNC_DELAY_NS = Durations.parseNs("2m");
    static final long DEFAULT_APP_DURATION_NS = Durations.parseNs("2m");
    static final long DEFAULT_TIMELINE_INTERVAL_NS = Durations.parseNs("1h");
    static final long DEFAULT_BROKER_RTT_NS = Durations.parseNs("80ms");

    // No spaces, as in the scenario's name: an assertion names an app or group in a dotted path.
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String PLAIN_NAME_EXPECTED = "a name of letters, digits, '.', '_' or '-' (at most 64)";
    private static final String DAYS = "MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY or SUNDAY";
    private static final Set<String> HEALTH_REPORTING = Set.of("NONE", "ON_ACCESS", "CONTINUOUS");
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int UPGRADE_TIME_STEP_S = 900;

    private final YamlMapping top;
    private final Problems problems;
    private final Map<String, Node> brokerNodes = new LinkedHashMap<>();
    private final Map<String, Node> groupNodes = new LinkedHashMap<>();

    private final long durationNs;

    private FleetLoader(YamlMapping top, long durationNs) {
        this.top = top;
        this.durationNs = durationNs;
        this.problems = top.problems();
    }

    static FleetSection read(YamlMapping top, long durationNs) {
        return new FleetLoader(top, durationNs).read();
    }

    private FleetSection read() {
        List<BrokerSpec> brokers = brokers();
        List<ConnectorGroupSpec> groups = groups();
        List<ProvisioningKeySpec> keys = keys();
        List<AppSpec> apps = apps();
        Set<String> connectorNames = connectorNames(groups, keys);
        Set<String> hosts = new LinkedHashSet<>();
        apps.forEach(a -> hosts.add(a.host()));
        List<FaultSpec> faults = faults(connectorNames, hosts);
        long statusInterval = durationOrOff("status_log_interval", DEFAULT_STATUS_LOG_INTERVAL_NS);
        long tolerance = top.durationNs("skew_tolerance", false, DEFAULT_SKEW_TOLERANCE_NS);
        long timeSync = top.durationNs("time_sync_delay", false, DEFAULT_TIME_SYNC_DELAY_NS);
        long timeline = durationOrOff("timeline_interval", DEFAULT_TIMELINE_INTERVAL_NS);
        // 0 is allowed: with no round trip a setup takes no time, which theory checks rely on.
        long rtt = top.durationNs("broker_rtt", false, DEFAULT_BROKER_RTT_NS);
        if (brokers.isEmpty()) {
            problems.at(top.node(), "missing 'brokers'; expected a list of at least one broker, like [{name: broker1a.syd4}]");
        }
        if (groups.isEmpty()) {
            problems.at(top.node(), "missing 'connector_groups'; expected a list of at least one connector group");
        }
        return new FleetSection(brokers, keys, groups, apps, faults, statusInterval, Math.max(0, tolerance),
                Math.max(0, timeSync), timeline, Math.max(0, rtt));
    }

    private List<BrokerSpec> brokers() {
        List<BrokerSpec> brokers = new ArrayList<>();
        List<Node> items = top.sequence("brokers", "a list of brokers, like [{name: broker1a.syd4}]");
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlMapping> m = YamlMapping.of(items.get(i), "brokers[" + i + "]", problems);
            if (m.isEmpty()) {
                continue;
            }
            String name = name(m.get(), "a broker name, like broker1a.syd4");
            m.get().finish();
            if (brokerNodes.putIfAbsent(name, items.get(i)) != null) {
                problems.at(items.get(i), "brokers[" + i + "].name: duplicate broker '" + name + "'; expected each name once");
            }
            brokers.add(new BrokerSpec(name));
        }
        return brokers;
    }

    private List<ConnectorGroupSpec> groups() {
        List<ConnectorGroupSpec> groups = new ArrayList<>();
        List<Node> items = top.sequence("connector_groups", "a list of connector groups");
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlMapping> found = YamlMapping.of(items.get(i), "connector_groups[" + i + "]", problems);
            if (found.isEmpty()) {
                continue;
            }
            YamlMapping g = found.get();
            String name = name(g, "a group name, like melbourne");
            String location = g.string("location", "a place name").orElse("");
            DayOfWeek day = day(g);
            int timeS = (int) g.wholeNumber("upgrade_time_in_secs", 66_600, 0, SECONDS_PER_DAY - 1);
            if (timeS % UPGRADE_TIME_STEP_S != 0) {
                g.get("upgrade_time_in_secs").ifPresent(n -> problems.at(n, g.childPath("upgrade_time_in_secs")
                        + ": expected a multiple of 900 (15-minute steps), found " + timeS));
            }
            boolean upgrades = g.bool("upgrades_enabled", true);
            int connectors = (int) g.wholeNumber("connectors", 2, 0, 10_000_000);
            double capacity = g.number("capacity_mbps", 500, 1, 1_000_000);
            long restartMean = DEFAULT_RESTART_MEAN_NS;
            long restartSd = -1;
            Optional<Node> restart = g.get("restart");
            if (restart.isPresent()) {
                Optional<YamlMapping> r = YamlMapping.of(restart.get(), g.childPath("restart"), problems, "{mean: 4m}");
                if (r.isPresent()) {
                    restartMean = r.get().positiveDurationNs("mean", false, DEFAULT_RESTART_MEAN_NS);
                    restartSd = r.get().durationNs("sd", false, -1);
                    r.get().finish();
                }
            }
            if (restartSd < 0) {
                restartSd = restartMean / 4;
            }
            long pause = g.durationNs("upgrade_pause", false, DEFAULT_UPGRADE_PAUSE_NS);
            double failure = g.number("upgrade_failure_probability", 0, 0, 1);
            long mtbf = 0;
            long mttr = 0;
            Optional<Node> failures = g.get("failures");
            if (failures.isPresent()) {
                Optional<YamlMapping> f = YamlMapping.of(failures.get(), g.childPath("failures"), problems,
                        "{mtbf: 90d, mttr: 2h}");
                if (f.isPresent()) {
                    mtbf = f.get().positiveDurationNs("mtbf", true, 0);
                    mttr = f.get().positiveDurationNs("mttr", true, 0);
                    f.get().finish();
                }
            }
            long keyAfter = g.durationNs("key_provided_after", false, 0);
            g.finish();
            if (groupNodes.putIfAbsent(name, items.get(i)) != null) {
                problems.at(items.get(i), "connector_groups[" + i + "].name: duplicate group '" + name + "'; expected each name once");
            }
            groups.add(new ConnectorGroupSpec(name, location, day, timeS, upgrades, connectors, capacity,
                    Math.max(0, restartMean), Math.max(0, restartSd), Math.max(0, pause), failure,
                    Math.max(0, mtbf), Math.max(0, mttr), Math.max(0, keyAfter)));
        }
        return groups;
    }

    private DayOfWeek day(YamlMapping g) {
        Optional<Node> node = g.get("upgrade_day");
        if (node.isEmpty()) {
            return DayOfWeek.SUNDAY;
        }
        Optional<String> text = g.scalar(node.get(), g.childPath("upgrade_day"), DAYS);
        if (text.isEmpty()) {
            return DayOfWeek.SUNDAY;
        }
        try {
            return DayOfWeek.valueOf(text.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.at(node.get(), g.childPath("upgrade_day") + ": expected " + DAYS + ", found '" + text.get() + "'");
            return DayOfWeek.SUNDAY;
        }
    }

    private List<ProvisioningKeySpec> keys() {
        List<ProvisioningKeySpec> keys = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<Node> items = top.sequence("provisioning_keys", "a list of provisioning keys");
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlMapping> found = YamlMapping.of(items.get(i), "provisioning_keys[" + i + "]", problems);
            if (found.isEmpty()) {
                continue;
            }
            YamlMapping k = found.get();
            String name = name(k, "a key name, like Melbourne");
            int maxUsage = (int) k.wholeNumber("max_usage", 1, 1, 5000);
            String group = reference(k, "group", groupNodes.keySet(), "connector group");
            String value = null;
            Optional<Node> valueNode = k.get("value");
            if (valueNode.isPresent()) {
                value = k.scalar(valueNode.get(), k.childPath("value"), "the key as issued, like 1|enroll.example|AbC...").orElse(null);
                if (value != null && (value.indexOf('\u201C') >= 0 || value.indexOf('\u201D') >= 0)) {
                    problems.at(valueNode.get(), k.childPath("value") + ": the key contains typographic quotes (U+201C or U+201D),"
                            + " as an editor that 'smartens' quotes pastes it, and enrolment would fail; expected the key"
                            + " between plain double quotes (U+0022) or none");
                }
            }
            k.finish();
            if (!names.add(name)) {
                problems.at(items.get(i), "provisioning_keys[" + i + "].name: duplicate key '" + name + "'; expected each name once");
            }
            keys.add(new ProvisioningKeySpec(name, maxUsage, group, value));
        }
        return keys;
    }

    private List<AppSpec> apps() {
        List<AppSpec> apps = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<Node> items = top.sequence("apps", "a list of apps");
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlMapping> found = YamlMapping.of(items.get(i), "apps[" + i + "]", problems);
            if (found.isEmpty()) {
                continue;
            }
            YamlMapping a = found.get();
            String name = name(a, "an app name, like crm");
            String host = a.string("host", "a host name, like crm.corp.internal").orElse(name);
            List<String> groups = new ArrayList<>();
            for (Node g : a.sequence("groups", "a list of connector group names")) {
                a.scalar(g, a.childPath("groups"), "a connector group name").ifPresent(groupName -> {
                    if (!groupNodes.containsKey(groupName)) {
                        problems.at(g, a.childPath("groups") + ": no connector group '" + groupName + "'; expected one of: "
                                + String.join(", ", groupNodes.keySet()));
                    }
                    groups.add(groupName);
                });
            }
            if (groups.isEmpty()) {
                problems.at(a.node(), a.path() + ": missing 'groups'; expected the connector groups that serve the app");
            }
            // Case-insensitive, as upgrade_day is: the provider writes NONE, people write none.
            String health = a.string("health_reporting", "NONE, ON_ACCESS or CONTINUOUS").orElse("ON_ACCESS")
                    .toUpperCase(Locale.ROOT);
            if (!HEALTH_REPORTING.contains(health)) {
                a.get("health_reporting").ifPresent(n -> problems.at(n, a.childPath("health_reporting")
                        + ": expected NONE, ON_ACCESS or CONTINUOUS, found '" + health + "'"));
            }
            boolean doubleEncrypt = a.bool("double_encrypt", false);
            LiveAppSpec live = live(a);
            double rate = 0;
            long duration = DEFAULT_APP_DURATION_NS;
            double mbps = 1;
            int users = 100;
            Optional<Node> demand = a.get("demand");
            if (demand.isPresent()) {
                Optional<YamlMapping> d = YamlMapping.of(demand.get(), a.childPath("demand"), problems);
                if (d.isPresent()) {
                    rate = d.get().number("mtunnels_per_s", 0, 0, 1_000_000);
                    Optional<Node> dur = d.get().get("duration");
                    if (dur.isPresent()) {
                        Optional<YamlMapping> dm = YamlMapping.of(dur.get(), d.get().childPath("duration"), problems,
                                "{mean: 2m}");
                        if (dm.isPresent()) {
                            duration = dm.get().positiveDurationNs("mean", true, DEFAULT_APP_DURATION_NS);
                            dm.get().finish();
                        }
                    }
                    mbps = d.get().number("mbps", 1, 0, 1_000_000);
                    users = (int) d.get().wholeNumber("users", 100, 1, 10_000_000);
                    d.get().finish();
                }
            }
            a.finish();
            if (!names.add(name)) {
                problems.at(items.get(i), "apps[" + i + "].name: duplicate app '" + name + "'; expected each name once");
            }
            apps.add(new AppSpec(name, host, groups, health, doubleEncrypt, rate, Math.max(1, duration), mbps, users, live));
        }
        return apps;
    }

    private static final List<String> APP_SERVERS = List.of("echo", "sink", "http");

    /** server, address and files: what stands behind the app on the real data path. */
    private LiveAppSpec live(YamlMapping a) {
        String server = a.string("server", "echo, sink or http").orElse("echo");
        if (!APP_SERVERS.contains(server)) {
            a.get("server").ifPresent(n -> problems.at(n, a.childPath("server")
                    + ": expected echo, sink or http, found '" + server + "'"));
        }
        Optional<String> address = a.string("address", "host:port of a service on this machine, like 127.0.0.1:5432");
        address.ifPresent(value -> {
            String why = LoopbackAddress.problem(value);
            if (why != null) {
                a.get("address").ifPresent(n -> problems.at(n, a.childPath("address") + ": " + why));
            }
        });
        if (address.isPresent() && a.get("server").isPresent()) {
            a.get("server").ifPresent(n -> problems.at(n, a.childPath("server")
                    + ": an app has a built-in server or an address, not both"));
        }
        String files = a.string("files", "the folder an http server serves").orElse(null);
        return new LiveAppSpec(server, address.orElse(null), files);
    }

    /** The names connectors will have: {@code <key>-1 .. <key>-n} for the VMs its key can enrol. */
    private static Set<String> connectorNames(List<ConnectorGroupSpec> groups, List<ProvisioningKeySpec> keys) {
        Set<String> names = new LinkedHashSet<>();
        for (ConnectorGroupSpec g : groups) {
            for (ProvisioningKeySpec k : keys) {
                if (k.group().equals(g.name())) {
                    for (int n = 1; n <= Math.min(g.connectors(), k.maxUsage()); n++) {
                        names.add(k.name() + "-" + n);
                    }
                    break;
                }
            }
        }
        return names;
    }

    private List<FaultSpec> faults(Set<String> connectors, Set<String> hosts) {
        List<FaultSpec> faults = new ArrayList<>();
        List<Node> items = top.sequence("faults", "a list of faults, like [{at: 30d, mac_change: Melbourne-1}]");
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlMapping> found = YamlMapping.of(items.get(i), "faults[" + i + "]", problems);
            if (found.isEmpty()) {
                continue;
            }
            YamlMapping f = found.get();
            long at = f.durationNs("at", true, 0);
            if (durationNs > 0 && at >= durationNs) {
                f.get("at").ifPresent(n -> problems.warn(n, f.childPath("at") + ": " + Durations.format(at)
                        + " is at or after the end of the run (" + Durations.format(durationNs) + "): this fault never fires"));
            }
            FaultSpec fault = fault(f, Math.max(0, at), connectors, hosts);
            f.finish();
            if (fault != null) {
                faults.add(fault);
            }
        }
        return faults;
    }

    private FaultSpec fault(YamlMapping f, long at, Set<String> connectors, Set<String> hosts) {
        List<String> kinds = List.of("mac_change", "clock_skew", "broker_outage", "broker_redirect", "ssl_inspection",
                "dns_failure", "connector_crash", "link_fault");
        List<String> present = new ArrayList<>();
        for (String kind : kinds) {
            if (f.has(kind)) {
                present.add(kind);
            }
        }
        if (present.size() != 1) {
            problems.at(f.node(), f.path() + ": expected exactly one of " + String.join(", ", kinds)
                    + (present.isEmpty() ? ", found none" : ", found " + String.join(" and ", present)));
            return null;
        }
        String kind = present.get(0);
        Node node = f.get(kind).orElseThrow();
        String path = f.childPath(kind);
        switch (kind) {
            case "mac_change": {
                if (node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode) {
                    return new FaultSpec.MacChange(at, connector(f, node, path, connectors), -1);
                }
                YamlMapping m = YamlMapping.of(node, path, problems).orElse(null);
                if (m == null) {
                    return null;
                }
                String c = reference(m, "connector", connectors, "connector");
                long reprovision = m.durationNs("reprovision_after", false, -1);
                m.finish();
                return new FaultSpec.MacChange(at, c, reprovision);
            }
            case "connector_crash":
                return new FaultSpec.ConnectorCrash(at, connector(f, node, path, connectors));
            case "broker_redirect":
                return new FaultSpec.BrokerRedirect(at, scalarReference(f, node, path, brokerNodes.keySet(), "broker"));
            default:
                break;
        }
        YamlMapping m = YamlMapping.of(node, path, problems).orElse(null);
        if (m == null) {
            return null;
        }
        FaultSpec fault;
        switch (kind) {
            case "clock_skew":
                fault = new FaultSpec.ClockSkew(at, reference(m, "connector", connectors, "connector"),
                        m.signedDurationNs("offset", 0));
                if (!m.has("offset")) {
                    problems.at(m.node(), path + ": missing 'offset'; expected the connector clock minus cloud time, like -400s");
                }
                break;
            case "broker_outage":
                fault = new FaultSpec.BrokerOutage(at, reference(m, "broker", brokerNodes.keySet(), "broker"),
                        m.positiveDurationNs("for", true, 0));
                break;
            case "ssl_inspection":
                fault = new FaultSpec.SslInspection(at, reference(m, "group", groupNodes.keySet(), "connector group"),
                        m.positiveDurationNs("for", true, 0));
                break;
            case "link_fault":
                fault = linkFault(m, at, path, connectors);
                break;
            default: // dns_failure
                String c = reference(m, "connector", connectors, "connector");
                String host = reference(m, "host", hosts, "app host");
                fault = new FaultSpec.DnsFailure(at, c, host, m.positiveDurationNs("for", true, 0));
                break;
        }
        m.finish();
        return fault;
    }

    private FaultSpec linkFault(YamlMapping m, long at, String path, Set<String> connectors) {
        String c = reference(m, "connector", connectors, "connector");
        String expected = "latency, reset, stall or bandwidth";
        LinkToxic toxic = null;
        Optional<String> name = m.requiredString("toxic", expected);
        if (name.isPresent()) {
            for (LinkToxic t : LinkToxic.values()) {
                if (t.yamlName().equals(name.get())) {
                    toxic = t;
                }
            }
            if (toxic == null) {
                m.get("toxic").ifPresent(n -> problems.at(n, path + ".toxic: expected " + expected + ", found '"
                        + name.get() + "'"));
            }
        }
        long latencyNs = m.durationNs("latency", toxic == LinkToxic.LATENCY, 0);
        long jitterNs = m.durationNs("jitter", false, 0);
        if (toxic != LinkToxic.LATENCY && (m.has("latency") || m.has("jitter"))) {
            problems.at(m.node(), path + ": latency and jitter belong to toxic: latency; expected neither with "
                    + (toxic == null ? "this toxic" : toxic.yamlName()));
        }
        if (toxic == LinkToxic.LATENCY && m.has("latency") && jitterNs > latencyNs) {
            m.get("jitter").ifPresent(n -> problems.at(n, path + ".jitter: expected at most the latency ("
                    + Durations.format(latencyNs) + "), so no byte arrives before it was sent"));
        }
        double rateMbps = m.positiveNumber("rate_mbps", toxic == LinkToxic.BANDWIDTH);
        if (toxic != LinkToxic.BANDWIDTH && m.has("rate_mbps")) {
            problems.at(m.node(), path + ": rate_mbps belongs to toxic: bandwidth; expected none with "
                    + (toxic == null ? "this toxic" : toxic.yamlName()));
        }
        return new FaultSpec.LinkFault(at, c, toxic == null ? LinkToxic.RESET : toxic, latencyNs, jitterNs,
                Double.isNaN(rateMbps) ? 0 : rateMbps, m.positiveDurationNs("for", true, 0));
    }

    private String connector(YamlMapping f, Node node, String path, Set<String> connectors) {
        return scalarReference(f, node, path, connectors, "connector");
    }

    private String scalarReference(YamlMapping f, Node node, String path, Set<String> known, String what) {
        String name = f.scalar(node, path, "a " + what + " name").orElse("");
        if (!name.isEmpty() && !known.contains(name)) {
            problems.at(node, path + ": no " + what + " '" + name + "'; expected "
                    + (known.isEmpty() ? "a " + what + " of the scenario, but it has none" : "one of: " + String.join(", ", known)));
        }
        return name;
    }

    private String reference(YamlMapping m, String key, Set<String> known, String what) {
        Optional<Node> node = m.require(key, "a " + what + " name");
        if (node.isEmpty()) {
            return "";
        }
        return scalarReference(m, node.get(), m.childPath(key), known, what);
    }

    private String name(YamlMapping m, String expected) {
        Optional<String> name = m.requiredString("name", expected);
        if (name.isPresent() && !PLAIN_NAME.matcher(name.get()).matches()) {
            m.get("name").ifPresent(n -> problems.at(n, m.childPath("name") + ": expected " + PLAIN_NAME_EXPECTED
                    + ", found '" + name.get() + "'"));
        }
        return name.orElse("");
    }

    private long durationOrOff(String key, long fallback) {
        Optional<Node> node = top.get(key);
        if (node.isPresent() && "off".equals(ScenarioLoader.text(node.get()))) {
            return 0;
        }
        long ns = top.durationNs(key, false, fallback);
        if (ns == 0 && node.isPresent()) {
            problems.at(node.get(), key + ": expected a duration greater than 0, like 1h, or off, found '"
                    + ScenarioLoader.text(node.get()) + "'");
        }
        return ns;
    }
}
