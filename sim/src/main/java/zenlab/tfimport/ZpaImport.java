package zenlab.tfimport;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps the ZPA resources of a {@link TerraformShowJson} to a scenario: connector groups with
 * their upgrade windows, the provisioning key each group's connectors enrol with, and the apps
 * (application segments) served by the groups their server groups name. Links are by id; in a
 * plan, where ids of resources still to be created are unknown, by the configuration's
 * references. Whatever Terraform does not know (connector counts, brokers, demand, failures)
 * is assumed, and each assumption is a comment beside the field it fills. The provisioning key
 * itself (the {@code provisioning_key} attribute, a secret) is never read.
 */
final class ZpaImport {

    static final String GROUP = "zpa_app_connector_group";
    static final String KEY = "zpa_provisioning_key";
    static final String SERVER_GROUP = "zpa_server_group";
    /** Segment types that carry domain names, ports, server groups and health reporting alike. */
    static final Set<String> SEGMENTS = Set.of("zpa_application_segment", "zpa_application_segment_browser_access",
            "zpa_application_segment_inspection", "zpa_application_segment_pra");
    /** When neither the command line nor the key says how many connectors a group has. */
    static final int DEFAULT_CONNECTORS = 2;
    /** The scenario format's limit on a key's max_usage. */
    static final int MAX_USAGE_LIMIT = 5000;
    private static final List<String> BROKERS = List.of("broker-1", "broker-2");

    /** What the command was asked. */
    record Options(String name, Integer connectorsPerGroup, String duration) {
    }

    /** The scenario, and what the console says about it. */
    record Result(YamlMap scenario, int groups, int keys, int apps, Map<String, Integer> skipped,
                  List<String> unresolved, int assumptions, Map<String, String> groupNames, Map<String, String> appNames) {
    }

    private final TerraformShowJson json;
    private final Options options;
    private final PlanReferences references;
    private final Map<String, TerraformResource> byId = new LinkedHashMap<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final List<String> unresolved = new ArrayList<>();
    private int assumptions;

    private ZpaImport(TerraformShowJson json, Options options) {
        this.json = json;
        this.options = options;
        this.references = new PlanReferences(json);
    }

    static Result of(TerraformShowJson json, Options options) throws ImportException {
        return new ZpaImport(json, options).build();
    }

    private Result build() throws ImportException {
        List<TerraformResource> zpa = new ArrayList<>();
        Map<String, Integer> otherProviders = new TreeMap<>();
        for (TerraformResource r : json.resources()) {
            if (TerraformResource.ZPA_PROVIDER.equals(r.provider())) {
                zpa.add(r);
            } else {
                otherProviders.merge(r.provider().replace("registry.terraform.io/", ""), 1, Integer::sum);
            }
        }
        if (zpa.isEmpty()) {
            throw new ImportException(json.file() + ": no resource of provider " + TerraformResource.ZPA_PROVIDER
                    + " (found " + json.resources().size() + " of " + String.join(", ", otherProviders.keySet())
                    + "); expected terraform show -json of a configuration that uses zscaler/zpa");
        }
        otherProviders.forEach((p, n) -> skipped.merge("resources of provider " + p, n, Integer::sum));
        // A data source and a managed resource may name the same object: the managed one speaks for it.
        for (TerraformResource r : zpa) {
            String id = idOf(r);
            TerraformResource known = byId.get(id);
            if (known == null || (!known.managed() && r.managed())) {
                byId.put(id, r);
            }
        }
        for (TerraformResource r : zpa) {
            if (!r.type().equals(GROUP) && !r.type().equals(KEY) && !r.type().equals(SERVER_GROUP)
                    && !SEGMENTS.contains(r.type())) {
                skip(r, "not modelled");
            }
        }
        Map<TerraformResource, GroupDraft> groups = groups(zpa);
        if (groups.isEmpty()) {
            throw new ImportException(json.file() + ": no enabled " + GROUP + " among its " + zpa.size()
                    + " ZPA resources; expected at least one connector group to import");
        }
        keys(zpa, groups);
        Map<TerraformResource, Set<GroupDraft>> serverGroups = serverGroups(zpa, groups);
        List<AppDraft> apps = apps(zpa, serverGroups);
        return new Result(scenario(groups, apps), groups.size(),
                (int) groups.values().stream().filter(g -> g.key != null).count(), apps.size(), skipped,
                unresolved, assumptions, groupNames(groups), appNames(apps));
    }

    private static Map<String, String> groupNames(Map<TerraformResource, GroupDraft> groups) {
        Map<String, String> names = new LinkedHashMap<>();
        groups.forEach((r, g) -> names.put(g.name, r.address()));
        return names;
    }

    private static Map<String, String> appNames(List<AppDraft> apps) {
        Map<String, String> names = new LinkedHashMap<>();
        apps.forEach(a -> names.put(a.name, a.resource.address()));
        return names;
    }

    /** Its id, or (in a plan, before apply) a stand-in made of its address. */
    private static String idOf(TerraformResource r) {
        String id = r.text("id");
        return id != null ? id : "(" + r.address() + ")";
    }

    /** "id 7205...", or in a plan before apply "id known after apply". */
    private static String idText(TerraformResource r) {
        return r.text("id") != null ? "id " + r.text("id") : "id known after apply";
    }

    private static final class GroupDraft {
        final TerraformResource resource;
        final String name;
        TerraformResource key;
        String keyName;
        final List<String> otherKeys = new ArrayList<>();

        GroupDraft(TerraformResource resource, String name) {
            this.resource = resource;
            this.name = name;
        }
    }

    private record AppDraft(TerraformResource resource, String name, List<GroupDraft> groups, List<String> serverGroups) {
    }

    private Map<TerraformResource, GroupDraft> groups(List<TerraformResource> zpa) {
        Map<TerraformResource, GroupDraft> groups = new LinkedHashMap<>();
        ImportedNames names = new ImportedNames();
        for (TerraformResource r : zpa) {
            if (!r.type().equals(GROUP) || byId.get(idOf(r)) != r) {
                continue;
            }
            if (!r.bool("enabled", true)) {
                skip(r, "disabled");
                continue;
            }
            groups.put(r, new GroupDraft(r, names.of(r.text("name"), "group")));
        }
        return groups;
    }

    private void keys(List<TerraformResource> zpa, Map<TerraformResource, GroupDraft> groups) {
        ImportedNames names = new ImportedNames();
        for (TerraformResource r : zpa) {
            if (!r.type().equals(KEY) || byId.get(idOf(r)) != r) {
                continue;
            }
            String association = r.text("association_type");
            if (association != null && !association.equals("CONNECTOR_GRP")) {
                skip(r, "association_type " + association + ": not a connector key");
                continue;
            }
            if (!r.bool("enabled", true)) {
                skip(r, "disabled");
                continue;
            }
            List<TerraformResource> targets = linked(r, "zcomponent_id", r.text("zcomponent_id"));
            if (targets.isEmpty()) {
                continue; // reported as not in the file
            }
            GroupDraft group = groups.get(targets.get(0));
            if (group == null) {
                skip(r, "its group " + targets.get(0).address() + " is not imported");
                continue;
            }
            if (group.key != null) {
                group.otherKeys.add(r.address());
                skip(r, "a second key of one group: its connectors enrol with the first");
                continue;
            }
            group.key = r;
            group.keyName = names.of(r.text("name"), group.name);
        }
    }

    private Map<TerraformResource, Set<GroupDraft>> serverGroups(List<TerraformResource> zpa,
                                                                 Map<TerraformResource, GroupDraft> groups) {
        Map<TerraformResource, Set<GroupDraft>> serverGroups = new LinkedHashMap<>();
        for (TerraformResource r : zpa) {
            if (!r.type().equals(SERVER_GROUP) || byId.get(idOf(r)) != r) {
                continue;
            }
            if (!r.bool("enabled", true)) {
                skip(r, "disabled");
                continue;
            }
            Set<GroupDraft> served = new LinkedHashSet<>();
            for (TerraformResource g : linkedBlocks(r, "app_connector_groups", GROUP)) {
                GroupDraft group = groups.get(g);
                if (group != null) {
                    served.add(group);
                }
            }
            serverGroups.put(r, served);
        }
        return serverGroups;
    }

    private List<AppDraft> apps(List<TerraformResource> zpa, Map<TerraformResource, Set<GroupDraft>> serverGroups) {
        List<AppDraft> apps = new ArrayList<>();
        ImportedNames names = new ImportedNames();
        for (TerraformResource r : zpa) {
            if (!SEGMENTS.contains(r.type()) || byId.get(idOf(r)) != r) {
                continue;
            }
            if (!r.bool("enabled", true)) {
                skip(r, "disabled");
                continue;
            }
            if ("ALWAYS".equals(r.text("bypass_type"))) {
                skip(r, "bypass_type ALWAYS: its traffic never goes through a connector");
                continue;
            }
            Set<GroupDraft> served = new LinkedHashSet<>();
            List<String> serverGroupNames = new ArrayList<>();
            for (TerraformResource sg : linkedBlocks(r, "server_groups", SERVER_GROUP)) {
                Set<GroupDraft> groups = serverGroups.get(sg);
                if (groups != null) {
                    served.addAll(groups);
                    serverGroupNames.add(sg.text("name") != null ? sg.text("name") : sg.address());
                }
            }
            if (served.isEmpty()) {
                skip(r, "served by no imported connector group");
                continue;
            }
            apps.add(new AppDraft(r, names.of(r.text("name"), "app"), List.copyOf(served), serverGroupNames));
        }
        return apps;
    }

    private void skip(TerraformResource r, String why) {
        skipped.merge(r.type() + " (" + why + ")", 1, Integer::sum);
    }

    /** The resources an id attribute names: by its value, or in a plan before apply, by reference. */
    private List<TerraformResource> linked(TerraformResource from, String attribute, String id) {
        if (id != null) {
            TerraformResource to = byId.get(id);
            if (to == null) {
                unresolved.add(from.address() + ": " + attribute + " " + id + " is not in the file");
                return List.of();
            }
            return List.of(to);
        }
        return byReference(from, attribute, GROUP);
    }

    /** The resources named by a list of {@code {id = [ids]}} blocks (server groups, connector groups). */
    private List<TerraformResource> linkedBlocks(TerraformResource from, String attribute, String type) {
        JsonNode blocks = from.values().get(attribute);
        List<TerraformResource> found = new ArrayList<>();
        if (blocks != null && blocks.isArray()) {
            for (JsonNode block : blocks) {
                JsonNode ids = block.get("id");
                if (ids == null || !ids.isArray()) {
                    continue;
                }
                for (JsonNode id : ids) {
                    found.addAll(linked(from, attribute, id.asText()));
                }
            }
        }
        if (json.plan()) {
            // Ids of resources still to be created are unknown in a plan: the configuration's references say.
            for (TerraformResource r : byReference(from, attribute, type)) {
                if (!found.contains(r)) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    private List<TerraformResource> byReference(TerraformResource from, String attribute, String type) {
        List<TerraformResource> found = new ArrayList<>();
        for (String address : references.of(from, attribute)) {
            List<TerraformResource> targets = references.resolve(from, address, type);
            if (targets.isEmpty()) {
                unresolved.add(from.address() + ": " + attribute + " refers to " + address + ", not in the plan");
            }
            for (TerraformResource to : targets) {
                TerraformResource known = byId.get(idOf(to));
                if (known != null && !found.contains(known)) {
                    found.add(known);
                }
            }
        }
        return found;
    }

    private YamlMap scenario(Map<TerraformResource, GroupDraft> groups, List<AppDraft> apps) {
        YamlMap top = new YamlMap()
                .comment("covers: " + Path.of(json.file()).getFileName() + " (terraform show -json of a "
                        + (json.plan() ? "saved plan" : "state") + "), imported by zenlab import terraform")
                .comment("")
                .comment("Terraform knows the deployment, not its load: brokers, demand and failure rates below are")
                .comment("the model's documented defaults, each marked 'assumed' (docs/import.md); give yours with")
                .comment("--with OVERLAY.yaml.");
        top.put("name", options.name());
        top.put("duration", new YamlScalar(options.duration(), true));
        List<Object> brokers = new ArrayList<>();
        for (String b : BROKERS) {
            brokers.add(new YamlMap().put("name", b));
        }
        top.put("brokers", brokers, assumed("two brokers (Terraform does not name the cloud's); connectors fail"
                + " over from one to the other"));

        List<Object> keys = new ArrayList<>();
        List<Object> groupItems = new ArrayList<>();
        for (GroupDraft g : groups.values()) {
            int connectors = connectors(g);
            if (g.key != null) {
                int maxUsage = wholeNumber(g.key, "max_usage", 1);
                YamlMap key = new YamlMap().comment(g.key.address() + " (" + idText(g.key) + ")"
                        + (g.key.text("usage_count") != null ? ", usage_count " + g.key.text("usage_count") : ""));
                key.put("name", g.keyName);
                if (maxUsage > MAX_USAGE_LIMIT) {
                    key.put("max_usage", MAX_USAGE_LIMIT, assumed("max_usage " + maxUsage + " capped at the model's "
                            + MAX_USAGE_LIMIT));
                } else {
                    key.put("max_usage", maxUsage);
                }
                key.put("group", g.name);
                keys.add(key);
            }
            groupItems.add(group(g, connectors));
        }
        if (!keys.isEmpty()) {
            top.put("provisioning_keys", keys);
        }
        top.put("connector_groups", groupItems);
        List<Object> appItems = new ArrayList<>();
        for (AppDraft a : apps) {
            appItems.add(app(a));
        }
        top.put("apps", appItems);
        return top;
    }

    /** How many connectors: the command line's, else the key's usage_count, else its max_usage, else 2. */
    private int connectors(GroupDraft g) {
        if (options.connectorsPerGroup() != null) {
            return options.connectorsPerGroup();
        }
        if (g.key != null) {
            int used = wholeNumber(g.key, "usage_count", 0);
            if (used > 0) {
                return used;
            }
            return Math.min(MAX_USAGE_LIMIT, wholeNumber(g.key, "max_usage", DEFAULT_CONNECTORS));
        }
        return DEFAULT_CONNECTORS;
    }

    private String connectorsAssumption(GroupDraft g, int connectors) {
        if (options.connectorsPerGroup() != null) {
            return null; // the user said so
        }
        if (g.key == null) {
            return assumed(connectors + " connector" + (connectors == 1 ? "" : "s") + " (no provisioning key for the group in the file: they wait for"
                    + " one, KEY_MISSING)");
        }
        if (wholeNumber(g.key, "usage_count", 0) > 0) {
            return assumed(connectors + " connector" + (connectors == 1 ? "" : "s") + " (the key's usage_count: VMs enrolled with it so far)");
        }
        return assumed(connectors + " connector" + (connectors == 1 ? "" : "s") + " (no usage_count in the " + (json.plan() ? "plan" : "state")
                + ": as many as the key's max_usage allows)");
    }

    private YamlMap group(GroupDraft g, int connectors) {
        TerraformResource r = g.resource;
        YamlMap group = new YamlMap().comment(r.address() + " (" + idText(r) + ")" + (r.managed() ? "" : ", a data source"));
        String place = r.text("city_country") != null ? r.text("city_country") : r.text("country_code");
        String coordinates = r.text("latitude") != null && r.text("longitude") != null
                ? r.text("latitude") + ", " + r.text("longitude") : null;
        if (place != null || coordinates != null) {
            group.comment("at " + join(" ", place, coordinates == null ? null : "(" + coordinates + ")"));
        }
        String profile = r.text("version_profile_name") != null ? r.text("version_profile_name") : r.text("version_profile_id");
        if (profile != null || r.text("override_version_profile") != null || r.text("dns_query_type") != null) {
            group.comment(join("; ", profile == null ? null : "version profile " + profile
                            + ("true".equals(r.text("override_version_profile")) ? " (overridden)" : ""),
                    r.text("dns_query_type") == null ? null : "DNS " + r.text("dns_query_type"))
                    + ": not modelled");
        }
        nameComment(r, g.name, group);
        group.put("name", g.name);
        String location = r.text("location");
        if (location != null && !location.isEmpty()) {
            group.put("location", location);
        }
        String day = r.text("upgrade_day");
        if (day != null && isDay(day)) {
            group.put("upgrade_day", day.toUpperCase(Locale.ROOT));
        } else {
            group.put("upgrade_day", "SUNDAY", day == null ? assumed("upgrade_day SUNDAY (not set: the provider's default)")
                    : assumed("upgrade_day SUNDAY ('" + day + "' is not a day of the week)"));
        }
        group.put("upgrade_time_in_secs", upgradeTime(r, group));
        group.put("connectors", connectors);
        String why = connectorsAssumption(g, connectors);
        if (why != null) {
            group.commentKey("connectors", why);
        }
        group.commentKey("connectors", assumed("500 Mbps each, 4-minute upgrade restarts, no random failures"
                + " (model defaults)"));
        return group;
    }

    private int upgradeTime(TerraformResource r, YamlMap group) {
        String text = r.text("upgrade_time_in_secs");
        if (text == null) {
            group.commentKey("upgrade_time_in_secs", assumed("66600 (18:30; not set: the provider's default)"));
            return 66_600;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            group.commentKey("upgrade_time_in_secs", assumed("66600 ('" + text + "' is not a number of seconds)"));
            return 66_600;
        }
        int inDay = Math.floorMod(seconds, 86_400);
        int stepped = inDay - inDay % 900;
        if (stepped != seconds) {
            group.commentKey("upgrade_time_in_secs", assumed(stepped + " (" + seconds + " in the file: the window"
                    + " starts on a quarter hour of the day)"));
        }
        return stepped;
    }

    private YamlMap app(AppDraft a) {
        TerraformResource r = a.resource;
        YamlMap app = new YamlMap().comment(r.address() + " (" + idText(r) + ")");
        List<String> domains = strings(r.values().get("domain_names"));
        String ports = ports(r);
        if (domains.size() > 1 || ports != null) {
            app.comment(join("; ", domains.size() > 1 ? "domains " + String.join(", ", domains) : null,
                    ports == null ? null : "TCP ports " + ports));
        }
        app.comment("server groups: " + String.join(", ", a.serverGroups()));
        nameComment(r, a.name, app);
        app.put("name", a.name);
        if (!domains.isEmpty()) {
            app.put("host", domains.get(0));
        }
        List<Object> groups = new ArrayList<>();
        a.groups().forEach(g -> groups.add(g.name));
        app.put("groups", groups);
        String health = r.text("health_reporting");
        if (health != null && List.of("NONE", "ON_ACCESS", "CONTINUOUS").contains(health.toUpperCase(Locale.ROOT))) {
            app.put("health_reporting", health.toUpperCase(Locale.ROOT));
        }
        if (r.bool("double_encrypt", false)) {
            app.put("double_encrypt", true);
        }
        app.commentKey("groups", assumed("no demand (model default: 0 mtunnels/s; availability needs none)"));
        return app;
    }

    /** Says the name ZPA gives it when the scenario's had to differ (a scenario name has no spaces). */
    private static void nameComment(TerraformResource r, String name, YamlMap item) {
        String original = r.text("name");
        if (original != null && !original.equals(name)) {
            item.comment("named \"" + original + "\" in ZPA");
        }
    }

    /** Its TCP ports, from tcp_port_ranges (flat from/to pairs) or tcp_port_range blocks, like "80, 8000-8080". */
    private static String ports(TerraformResource r) {
        List<String> flat = strings(r.values().get("tcp_port_ranges"));
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            ranges.add(range(flat.get(i), flat.get(i + 1)));
        }
        JsonNode blocks = r.values().get("tcp_port_range");
        if (blocks != null && blocks.isArray()) {
            for (JsonNode b : blocks) {
                ranges.add(range(b.path("from").asText(), b.path("to").asText()));
            }
        }
        return ranges.isEmpty() ? null : String.join(", ", ranges);
    }

    private static String range(String from, String to) {
        return from.equals(to) || to.isEmpty() ? from : from + "-" + to;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> {
                if (v.isValueNode() && !v.isNull()) {
                    out.add(v.asText());
                }
            });
        }
        return out;
    }

    private static boolean isDay(String day) {
        return List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
                .contains(day.toUpperCase(Locale.ROOT));
    }

    /** A whole number the provider keeps as a string of digits; {@code otherwise} when absent or not digits. */
    private static int wholeNumber(TerraformResource r, String attribute, int otherwise) {
        String text = r.text(attribute);
        if (text == null || !text.trim().matches("\\d{1,9}")) {
            return otherwise;
        }
        return Integer.parseInt(text.trim());
    }

    private String assumed(String what) {
        assumptions++;
        return "assumed: " + what;
    }

    private static String join(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                present.add(p);
            }
        }
        return present.isEmpty() ? null : String.join(separator, present);
    }
}
