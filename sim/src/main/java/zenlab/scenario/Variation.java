package zenlab.scenario;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parameter of a fleet scenario and the values a study gives it, from
 * {@code --vary PATH=VALUES}: {@code group.connectors=1..4}, {@code failures.mtbf=30d,90d},
 * {@code restart.mean=2m,4m,8m}, {@code capacity_mbps=250,500}, {@code demand.mtunnels_per_s=1,5}.
 * A path names every group (or app); {@code group.NAME.connectors} names one.
 */
public record Variation(String path, List<String> values) {

    public static final String EXPECTED = "PATH=VALUES, like group.connectors=1..4, failures.mtbf=30d,90d,"
            + " restart.mean=2m,4m, capacity_mbps=250,500, demand.mtunnels_per_s=1,5, group.NAME.upgrade_day=SUNDAY,WEDNESDAY,"
            + " group.NAME.upgrade_time_in_secs=0,43200 or brokers=1..3";

    private static final Pattern FORM = Pattern.compile("([a-z_]+(?:\\.[A-Za-z0-9_.-]+)?)=(.+)");
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\.\\.(\\d+)");
    private static final List<String> PARAMETERS = List.of("connectors", "restart.mean", "failures.mtbf",
            "failures.mttr", "capacity_mbps", "demand.mtunnels_per_s", "demand.mbps", "upgrade_day", "upgrade_time_in_secs",
            "brokers");

    public Variation {
        values = List.copyOf(values);
    }

    /**
     * Parses {@code --vary}.
     *
     * @throws IllegalArgumentException with what is wrong and what is expected
     */
    public static Variation parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", found '" + text + "'");
        }
        List<String> values = new ArrayList<>();
        Matcher range = RANGE.matcher(m.group(2));
        if (range.matches()) {
            int from = Integer.parseInt(range.group(1));
            int to = Integer.parseInt(range.group(2));
            if (to < from || to - from > 1000) {
                throw new IllegalArgumentException("expected a range low..high of at most 1000 values, found '" + m.group(2) + "'");
            }
            for (int v = from; v <= to; v++) {
                values.add(Integer.toString(v));
            }
        } else {
            for (String v : m.group(2).split(",")) {
                values.add(v.trim());
            }
        }
        Variation variation = new Variation(m.group(1), values);
        variation.parameter(); // checks the path
        return variation;
    }

    /** The parameter without its group or app name: {@code connectors}, {@code failures.mtbf}, ... */
    private String parameter() {
        String p = path.startsWith("group.") ? path.substring("group.".length()) : path;
        for (String known : PARAMETERS) {
            if (p.equals(known) || p.endsWith("." + known)) {
                return known;
            }
        }
        throw new IllegalArgumentException("expected " + EXPECTED + ", found the unknown parameter '" + path + "'");
    }

    /** A group name the path picks, or null for every group. */
    private String groupName() {
        if (path.equals("brokers")) {
            return null;
        }
        String p = path.startsWith("group.") ? path.substring("group.".length()) : path;
        String known = parameter();
        return p.length() > known.length() ? p.substring(0, p.length() - known.length() - 1) : null;
    }

    /**
     * The scenario with the parameter set to {@code value}. Varying connectors also raises each
     * group's key to allow as many enrolments, so the study measures the connectors, not the key.
     *
     * @throws IllegalArgumentException if the value does not suit the parameter or the scenario
     */
    public Scenario apply(Scenario scenario, String value) {
        FleetSection f = scenario.fleet();
        if (f == null) {
            throw new IllegalArgumentException("a study varies a fleet scenario; this one is the queue test model");
        }
        String parameter = parameter();
        String group = groupName();
        if (group != null && f.groups().stream().noneMatch(g -> g.name().equals(group))) {
            throw new IllegalArgumentException("no connector group '" + group + "' in the scenario");
        }
        List<ConnectorGroupSpec> groups = new ArrayList<>();
        for (ConnectorGroupSpec g : f.groups()) {
            groups.add(group == null || g.name().equals(group) ? withGroupValue(g, parameter, value) : g);
        }
        List<ProvisioningKeySpec> keys = new ArrayList<>();
        for (ProvisioningKeySpec k : f.keys()) {
            int needed = groups.stream().filter(g -> g.name().equals(k.group())).mapToInt(ConnectorGroupSpec::connectors)
                    .max().orElse(0);
            keys.add(parameter.equals("connectors") && needed > k.maxUsage()
                    ? new ProvisioningKeySpec(k.name(), needed, k.group(), k.value()) : k);
        }
        List<AppSpec> apps = new ArrayList<>();
        for (AppSpec a : f.apps()) {
            apps.add(withAppValue(a, parameter, value));
        }
        List<BrokerSpec> brokers = parameter.equals("brokers") ? brokers(f, value) : f.brokers();
        FleetSection varied = new FleetSection(brokers, keys, groups, apps, f.faults(), f.statusLogIntervalNs(),
                f.skewToleranceNs(), f.timeSyncDelayNs(), f.timelineIntervalNs(), f.brokerRttNs());
        return new Scenario(scenario.file(), scenario.name(), scenario.seed(), scenario.durationNs(), scenario.journal(),
                null, varied, scenario.assertions(), scenario.timeScale(), scenario.warnings());
    }

    /**
     * The first {@code value} brokers of the scenario, with {@code broker-N} added when it names
     * fewer; a fault that names a broker left out is refused.
     */
    private static List<BrokerSpec> brokers(FleetSection f, String value) {
        int n = wholeNumber(value, "brokers");
        if (n < 1) {
            throw new IllegalArgumentException("expected at least 1 broker, found " + value);
        }
        List<BrokerSpec> brokers = new ArrayList<>(f.brokers().subList(0, Math.min(n, f.brokers().size())));
        for (int i = brokers.size() + 1; brokers.size() < n; i++) {
            String name = "broker-" + i;
            if (f.brokers().stream().noneMatch(b -> b.name().equals(name))) {
                brokers.add(new BrokerSpec(name));
            }
        }
        for (FaultSpec fault : f.faults()) {
            String named = fault instanceof FaultSpec.BrokerOutage o ? o.broker()
                    : fault instanceof FaultSpec.BrokerRedirect r ? r.broker() : null;
            if (named != null && brokers.stream().noneMatch(b -> b.name().equals(named))) {
                throw new IllegalArgumentException("brokers=" + value + " leaves out broker '" + named
                        + "', which a fault names; expected at least as many brokers as reach it");
            }
        }
        return brokers;
    }

    private static ConnectorGroupSpec withGroupValue(ConnectorGroupSpec g, String parameter, String value) {
        DayOfWeek day = g.upgradeDay();
        int timeS = g.upgradeTimeInSecs();
        int connectors = g.connectors();
        double capacity = g.capacityMbps();
        long restartMean = g.restartMeanNs();
        long restartSd = g.restartSdNs();
        long mtbf = g.mtbfNs();
        long mttr = g.mttrNs();
        switch (parameter) {
            case "connectors":
                connectors = wholeNumber(value, "connectors");
                break;
            case "upgrade_day":
                try {
                    day = DayOfWeek.valueOf(value.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("expected a day, MONDAY to SUNDAY, found '" + value + "'");
                }
                break;
            case "upgrade_time_in_secs":
                timeS = wholeNumber(value, "seconds");
                if (timeS >= 86_400 || timeS % 900 != 0) {
                    throw new IllegalArgumentException("expected seconds of the day, 0 to 85500 in steps of 900,"
                            + " found '" + value + "'");
                }
                break;
            case "capacity_mbps":
                capacity = positive(value);
                break;
            case "restart.mean":
                restartSd = g.restartMeanNs() == 0 ? 0 : (long) ((double) g.restartSdNs() / g.restartMeanNs() * duration(value));
                restartMean = duration(value);
                break;
            case "failures.mtbf":
                mtbf = duration(value);
                break;
            case "failures.mttr":
                mttr = duration(value);
                break;
            default:
                return g;
        }
        return new ConnectorGroupSpec(g.name(), g.location(), day, timeS, g.upgradesEnabled(),
                connectors, capacity, restartMean, restartSd, g.upgradePauseNs(), g.upgradeFailureProbability(), mtbf,
                mttr, g.keyProvidedAfterNs());
    }

    private static AppSpec withAppValue(AppSpec a, String parameter, String value) {
        switch (parameter) {
            case "demand.mtunnels_per_s":
                return new AppSpec(a.name(), a.host(), a.groups(), a.healthReporting(), a.doubleEncrypt(), positive(value),
                        a.meanDurationNs(), a.mbps(), a.users(), a.live());
            case "demand.mbps":
                return new AppSpec(a.name(), a.host(), a.groups(), a.healthReporting(), a.doubleEncrypt(), a.mtunnelsPerS(),
                        a.meanDurationNs(), positive(value), a.users(), a.live());
            default:
                return a;
        }
    }

    private static int wholeNumber(String value, String of) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a whole number of " + of + ", found '" + value + "'");
    }

    private static double positive(String value) {
        try {
            double v = Double.parseDouble(value);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a number greater than 0, found '" + value + "'");
    }

    private static long duration(String value) {
        try {
            return Durations.parseNs(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected " + Durations.EXPECTED + ", found '" + value + "'");
        }
    }
}
