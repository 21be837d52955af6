package zenlab.drive;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import zenlab.model.Cause;
import zenlab.model.ConnectorState;
import zenlab.net.NetEvents;
import zenlab.scenario.FleetSection;
import zenlab.scenario.Scenario;

/**
 * Every key of summary.json and study.json, with its unit and meaning: the one list that
 * docs/results.md's key tables are generated from (a test fails when they differ, and when a
 * written file has a key this list lacks), and that {@code validate} checks assertions against,
 * so an assertion on a figure no run can have is refused before anything runs.
 *
 * <p>Paths: {@code apps[]} is every element of the list {@code apps}; {@code <cause>},
 * {@code <state>} and {@code <kind>} stand for the names of {@link Cause},
 * {@link ConnectorState} and the real network's fact kinds; {@code <estimate>} for the fields of
 * a study's estimate (mean, ciHalfWidth, ciLow, ciHigh, min, max).
 */
public final class ResultKeys {

    /** One key: where it is, its unit or form, which runs have it, and what it means. */
    public record Key(String path, String unit, String runs, String meaning) {

        boolean numeric() {
            return !unit.startsWith("text") && !unit.equals("true/false") && !unit.startsWith("list");
        }
    }

    /** The fields of a study's estimate over replications. */
    public static final List<String> ESTIMATE_FIELDS = List.of("mean", "ciHalfWidth", "ciLow", "ciHigh", "min", "max");

    public static final List<Key> SUMMARY = List.of(
            new Key("scenario", "text", "all", "the scenario's name"),
            new Key("seed", "whole number", "all", "the seed the run used (the scenario's, or --seed)"),
            new Key("mode", "text", "all", "virtual or live"),
            new Key("simulatedSeconds", "s", "all", "virtual time covered: the scenario's duration"),
            new Key("journal", "text", "all", "the journal level: full, milestones or summary"),
            new Key("journalLines", "lines", "all", "lines written to journal.jsonl (or .gz)"),
            new Key("live.timeScale", "simulated s per wall s", "live", "the pace of the run"),
            new Key("live.tls", "text", "live", "openssl (BoringSSL) or jdk"),
            new Key("live.transport", "text", "live", "the Netty transport: epoll or nio"),
            new Key("live.startHoldWallSeconds", "s", "live", "wall time the clock was held at zero while the fabric started"),
            new Key("live.footprint.connectors", "connectors", "live", "connectors the footprint is divided by"),
            new Key("live.footprint.wallSeconds", "s", "live", "wall time of the run"),
            new Key("live.footprint.cpuSeconds", "s", "live", "CPU time of the process over the run"),
            new Key("live.footprint.cpuShareOfACorePerConnector", "fraction of a core", "live", "CPU per connector"),
            new Key("live.footprint.heapBytesBefore", "bytes", "live", "heap in use before the fabric started"),
            new Key("live.footprint.heapBytesAtEnd", "bytes", "live", "heap in use at the end"),
            new Key("live.footprint.heapBytesPerConnector", "bytes", "live", "heap grown per connector"),
            new Key("live.footprint.directBytesPerConnector", "bytes", "live", "direct memory grown per connector"),
            new Key("live.footprint.threads", "threads", "live", "live threads at the end"),
            new Key("live.footprint.openFdsPerConnector", "files", "live", "open files grown per connector (Linux)"),
            new Key("live.network.<kind>.<cause>", "facts", "live",
                    "the real network's facts by kind and cause (NONE for a fact with no cause); only those seen"),
            new Key("apps[].name", "text", "fleet", "the app's name"),
            new Key("apps[].availability", "fraction 0..1", "fleet", "share of the run the app could be reached"),
            new Key("apps[].downtimeSeconds", "s", "fleet", "time the app could not be reached"),
            new Key("apps[].outages", "outages", "fleet", "times the app became unreachable"),
            new Key("apps[].longestOutageSeconds", "s", "fleet", "the longest of them"),
            new Key("apps[].bytesCarried", "bytes", "fleet", "by the app's mtunnels that ended: the model's Mbps over"
                    + " the time served; live, the bytes the users' clients got back"),
            new Key("groups[].name", "text", "fleet", "the group's name"),
            new Key("groups[].connectors", "connectors", "fleet", "connector VMs the group deploys"),
            new Key("groups[].capacityMbpsPerConnector", "Mbps", "fleet", "one connector's capacity after double encryption"),
            new Key("groups[].upgradeWindows", "windows", "fleet", "weekly upgrade windows that opened"),
            new Key("groups[].upgradesDone", "upgrades", "fleet", "connector upgrades finished"),
            new Key("groups[].upgradesFailed", "upgrades", "fleet", "connector upgrades that failed"),
            new Key("groups[].availability", "fraction 0..1", "fleet", "share of the run with a connector of the group up"),
            new Key("groups[].downtimeSeconds", "s", "fleet", "time with none up"),
            new Key("groups[].outages", "outages", "fleet", "times none was up"),
            new Key("groups[].longestOutageSeconds", "s", "fleet", "the longest of them"),
            new Key("mtunnels.requested", "mtunnels", "fleet", "mtunnels users asked for"),
            new Key("mtunnels.established", "mtunnels", "fleet", "mtunnels set up"),
            new Key("mtunnels.freed", "mtunnels", "fleet", "mtunnels their users closed"),
            new Key("mtunnels.stickyReused", "mtunnels", "fleet", "mtunnels sent to the connector the user stuck to"),
            new Key("mtunnels.refused", "mtunnels", "fleet", "mtunnels never established"),
            new Key("mtunnels.broken", "mtunnels", "fleet", "established mtunnels ended by a failure"),
            new Key("mtunnels.bytesCarried", "bytes", "fleet", "all apps' bytesCarried"),
            new Key("mtunnels.refusedByCause.<cause>", "mtunnels", "fleet", "refusals by cause; every cause, 0 when none"),
            new Key("mtunnels.brokenByCause.<cause>", "mtunnels", "fleet", "breaks by cause; every cause, 0 when none"),
            new Key("mtunnels.setupLatencyMs.p50", "ms", "fleet", "mtunnel setup time, median (HdrHistogram)"),
            new Key("mtunnels.setupLatencyMs.p99", "ms", "fleet", "99th percentile"),
            new Key("mtunnels.setupLatencyMs.p999", "ms", "fleet", "99.9th percentile"),
            new Key("mtunnels.setupLatencyMs.max", "ms", "fleet", "the longest"),
            new Key("connectors[].name", "text", "fleet", "as enrolment names it: <key>-<n>; only enrolled connectors are listed"),
            new Key("connectors[].group", "text", "fleet", "its group"),
            new Key("connectors[].state", "text", "fleet", "its state at the end (a connectorsByState name)"),
            new Key("connectors[].enrolled", "true/false", "fleet", "always true: only enrolled connectors are listed"),
            new Key("connectors[].upgrades", "upgrades", "fleet", "upgrades it installed"),
            new Key("connectors[].version", "version number", "fleet", "the software version it runs at the end"),
            new Key("connectors[].blockedReason", "text or null", "fleet", "the cause when BLOCKED, else null"),
            new Key("connectors[].blockedMessage", "text", "fleet", "when BLOCKED: the message the vendor's connector logs"),
            new Key("connectors[].certificateExpiresInDays", "days", "fleet", "whole days its certificate has left at the end"),
            new Key("connectors[].clockSkewSeconds", "s", "fleet", "its clock minus cloud time at the end"),
            new Key("enrolment.vms", "VMs", "fleet", "connector VMs deployed"),
            new Key("enrolment.enrolled", "VMs", "fleet", "VMs enrolled (listed under connectors)"),
            new Key("enrolment.refusedKeyExhausted", "VMs", "fleet", "enrolments refused: key exhausted"),
            new Key("enrolment.waitingForKey", "VMs", "fleet", "VMs still without a key at the end"),
            new Key("connectorsByState.<state>", "connectors", "fleet", "enrolled connectors in each state at the end; every state"),
            new Key("keys[].name", "text", "fleet", "the provisioning key's name"),
            new Key("keys[].maxUsage", "enrolments", "fleet", "enrolments it allows"),
            new Key("keys[].usageCount", "enrolments", "fleet", "enrolments it was used for"),
            new Key("queue.arrivalRatePerS", "per s", "queue", "lambda"),
            new Key("queue.serviceRatePerS", "per s", "queue", "mu, per server"),
            new Key("queue.servers", "servers", "queue", "c"),
            new Key("queue.capacity", "customers, or text", "queue", "K, or unlimited"),
            new Key("queue.warmupSeconds", "s", "queue", "customers arriving earlier are not counted"),
            new Key("queue.arrivals", "customers", "queue", "counted arrivals"),
            new Key("queue.blocked", "customers", "queue", "arrivals turned away (system full)"),
            new Key("queue.departures", "customers", "queue", "customers served"),
            new Key("queue.blockingProbability", "fraction 0..1", "queue", "blocked / arrivals"),
            new Key("queue.meanTimeInSystemS", "s", "queue", "mean time in system"),
            new Key("queue.meanWaitS", "s", "queue", "mean wait before service"),
            new Key("queue.utilization", "fraction 0..1", "queue", "busy share of the servers"),
            new Key("queue.timeInSystemS.p50", "s", "queue", "time in system, median"),
            new Key("queue.timeInSystemS.p99", "s", "queue", "99th percentile"),
            new Key("queue.timeInSystemS.p999", "s", "queue", "99.9th percentile"),
            new Key("queue.timeInSystemS.max", "s", "queue", "the longest"),
            new Key("queue.theory.blockingProbability", "fraction 0..1", "queue", "what theory gives (Erlang B, M/M/c/K)"),
            new Key("queue.theory.meanTimeInSystemS", "s", "queue", "what theory gives"),
            new Key("queue.theory.utilization", "fraction 0..1", "queue", "what theory gives"),
            new Key("queue.meanTimeInSystemRelativeError", "fraction", "queue", "|measured - theory| / theory"),
            new Key("queue.blockingProbabilityRelativeError", "fraction", "queue", "|measured - theory| / theory"),
            new Key("assertions[].expression", "text", "all", "the assertion as written"),
            new Key("assertions[].passed", "true/false", "all", "whether it held"),
            new Key("assertions[].value", "the figure's unit", "all", "the figure's value in this run; null when it has none"),
            new Key("assertions[].reason", "text", "all", "only when the figure could not be read: why"),
            new Key("engine.events", "events", "all", "events the kernel dispatched"),
            new Key("engine.wallSeconds", "s", "all", "wall time of the run (not deterministic, hence last)"),
            new Key("engine.eventsPerSecond", "events per s", "all", "events / wallSeconds"),
            new Key("engine.peakHeapBytes", "bytes", "all", "the highest heap use seen, garbage included"),
            new Key("engine.liveHeapBytesAtEnd", "bytes", "all", "heap in use after a full collection at the end: what the run keeps"),
            new Key("engine.pendingEventsAtEnd", "events", "all", "events still scheduled when the run ended"));

    public static final List<Key> STUDY = List.of(
            new Key("scenario", "text", "all", "the scenario's name"),
            new Key("seed", "whole number", "all", "the seed every replication's seed derives from"),
            new Key("replications", "replications", "all", "per point"),
            new Key("simulatedDaysPerReplication", "days", "all", "the scenario's duration"),
            new Key("varied", "text", "all", "the varied paths, joined with ' x '"),
            new Key("parameters[]", "list of text", "grid", "the varied paths of a grid, in order"),
            new Key("results[].value", "text", "all", "the point's value (a grid's values joined)"),
            new Key("results[].values.<path>", "text", "grid", "each varied path's value at this point"),
            new Key("results[].apps[].name", "text", "all", "the app"),
            new Key("results[].apps[].availability.<estimate>", "fraction 0..1", "all", "availability over the replications"),
            new Key("results[].apps[].nines", "nines", "all", "-log10(1 - mean availability)"),
            new Key("results[].apps[].downtimeMinutesPerYear.<estimate>", "minutes per year", "all", "downtime"),
            new Key("results[].apps[].outagesPerYear.<estimate>", "outages per year", "all", "outages"),
            new Key("results[].apps[].longestOutageMinutes.<estimate>", "minutes", "all", "each replication's longest outage"),
            new Key("results[].apps[].outageDurationMinutes.outages", "outages", "all", "outages pooled over the replications"),
            new Key("results[].apps[].outageDurationMinutes.p50", "minutes", "all", "their median duration"),
            new Key("results[].apps[].outageDurationMinutes.p90", "minutes", "all", "90th percentile"),
            new Key("results[].apps[].outageDurationMinutes.max", "minutes", "all", "the longest"),
            new Key("results[].mtunnelsBrokenPerYear.<estimate>", "mtunnels per year", "all", "broken mtunnels"),
            new Key("results[].mtunnelsBrokenPerYear.byCause.<cause>", "mtunnels per year", "all",
                    "mean by cause; causes seen in any replication"),
            new Key("results[].mtunnelsRefusedPerYear.<estimate>", "mtunnels per year", "all", "refused mtunnels"));

    private ResultKeys() {
    }

    /**
     * A written key's path in the catalogue's form: list indices dropped ({@code apps[]}), names
     * of causes, states and fact kinds, and an estimate's fields, replaced by their placeholder.
     */
    public static String generic(List<String> segments, boolean study) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            String parent = i > 0 ? segments.get(i - 1) : "";
            String shown;
            if (s.equals("[]")) {
                path.append("[]");
                continue;
            } else if (parent.endsWith("ByCause") || parent.equals("byCause")
                    || i >= 2 && segments.get(i - 2).equals("network")) {
                shown = "<cause>";
            } else if (parent.equals("connectorsByState")) {
                shown = "<state>";
            } else if (parent.equals("network")) {
                shown = "<kind>";
            } else if (study && parent.equals("values")) {
                shown = "<path>";
            } else if (study && i == segments.size() - 1 && ESTIMATE_FIELDS.contains(s) && i > 0
                    && !parent.equals("outageDurationMinutes")) {
                shown = "<estimate>";
            } else {
                shown = s;
            }
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(shown);
        }
        return path.toString();
    }

    /**
     * Why an assertion's path names no number a run of {@code scenario} can have, with the
     * figures that exist; empty when it names one.
     */
    public static Optional<String> unknownFigure(String path, Scenario scenario) {
        String runs = scenario.fleet() != null ? "fleet" : "queue";
        List<String> figures = new ArrayList<>();
        for (Key key : SUMMARY) {
            if (key.numeric() && (key.runs().equals("all") || key.runs().equals(runs) || key.runs().equals("live")
                    && scenario.fleet() != null)) {
                figures.addAll(expand(key.path(), scenario));
            }
        }
        if (figures.contains(path)) {
            return Optional.empty();
        }
        return Optional.of("no figure '" + path + "' in a summary of this scenario; expected one of: "
                + String.join(", ", figures.stream().filter(f -> !f.startsWith("live.")).limit(200)
                        .collect(Collectors.toList())) + (scenario.fleet() != null ? ", live.* (live runs)" : ""));
    }

    /** The assertable paths of one catalogue key: lists by their elements' names, placeholders by every name. */
    private static List<String> expand(String path, Scenario scenario) {
        List<String> out = new ArrayList<>(List.of(""));
        boolean facts = path.startsWith("live.network."); // the real network's facts include those with no cause
        for (String segment : path.split("\\.")) {
            List<String> choices;
            if (segment.endsWith("[]")) {
                String list = segment.substring(0, segment.length() - 2);
                String singular = list.substring(0, list.length() - 1);
                choices = new ArrayList<>();
                for (String name : names(list, scenario.fleet())) {
                    choices.add(singular + "." + name);
                }
            } else if (segment.equals("<cause>")) {
                choices = Arrays.stream(Cause.values()).filter(c -> facts || c != Cause.NONE).map(Enum::name)
                        .collect(Collectors.toList());
            } else if (segment.equals("<state>")) {
                choices = Arrays.stream(ConnectorState.values()).map(Enum::name).collect(Collectors.toList());
            } else if (segment.equals("<kind>")) {
                choices = Arrays.stream(NetEvents.Kind.values()).map(Enum::name).collect(Collectors.toList());
            } else {
                choices = List.of(segment);
            }
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                for (String choice : choices) {
                    next.add(prefix.isEmpty() ? choice : prefix + "." + choice);
                }
            }
            out = next;
        }
        return out;
    }

    private static Set<String> names(String list, FleetSection fleet) {
        Set<String> names = new LinkedHashSet<>();
        if (fleet == null) {
            return names;
        }
        switch (list) {
            case "apps": fleet.apps().forEach(a -> names.add(a.name())); break;
            case "groups": fleet.groups().forEach(g -> names.add(g.name())); break;
            case "keys": fleet.keys().forEach(k -> names.add(k.name())); break;
            case "connectors": names.addAll(fleet.connectorNames()); break;
            default: break;
        }
        return names;
    }

    /**
     * The keys of a written summary.json ({@code study} false) or study.json that the
     * catalogue lacks, in its generic form; empty when every key is listed.
     */
    public static Set<String> uncatalogued(JsonNode written, boolean study) {
        Set<String> listed = new LinkedHashSet<>();
        (study ? STUDY : SUMMARY).forEach(k -> listed.add(k.path()));
        Set<String> found = new TreeSet<>();
        collect(written, new ArrayList<>(), study, found);
        found.removeAll(listed);
        return found;
    }

    /** Every leaf key of {@code written}, in the catalogue's generic form. */
    public static Set<String> keysOf(JsonNode written, boolean study) {
        Set<String> found = new TreeSet<>();
        collect(written, new ArrayList<>(), study, found);
        return found;
    }

    private static void collect(JsonNode node, List<String> segments, boolean study, Set<String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                segments.add(e.getKey());
                collect(e.getValue(), segments, study, found);
                segments.remove(segments.size() - 1);
            });
        } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
            segments.add("[]");
            node.forEach(element -> collect(element, segments, study, found));
            segments.remove(segments.size() - 1);
        } else if (node.isArray()) {
            segments.add("[]");
            found.add(generic(segments, study));
            segments.remove(segments.size() - 1);
        } else {
            found.add(generic(segments, study));
        }
    }

    /** docs/results.md's table of one catalogue, as Markdown. */
    public static String markdownTable(List<Key> keys) {
        StringBuilder md = new StringBuilder("| key | unit | in | meaning |\n| --- | --- | --- | --- |\n");
        for (Key key : keys) {
            md.append("| `").append(key.path()).append("` | ").append(key.unit()).append(" | ")
                    .append(key.runs()).append(" | ").append(key.meaning().replace("<", "&lt;").replace(">", "&gt;"))
                    .append(" |\n");
        }
        return md.toString();
    }
}
