package zenlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/scenarios.md against the loader: every field its tables document is accepted, with its
 * documented default; every field the loader accepts is documented. The accepted fields are
 * read from the loader itself: an unknown key at each level is answered with the list of keys
 * that level knows.
 */
class ScenarioDocsTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]*(?:\\\\\\|[^|]*)*) \\| ([^|]*) \\|", Pattern.MULTILINE);
    private static final Pattern KNOWN = Pattern.compile("unknown key 'zz'; expected one of: ([^\\n]*)");
    private static final Pattern KINDS = Pattern.compile("expected exactly one of ([^,]+(?:, [a-z_]+)*), found");

    /** A fleet with one of everything; each placeholder takes a field of its level. */
    private static final String FLEET = "name: docs\nduration: 1d\n{TOP}\n"
            + "brokers: [{name: b1{BROKER}}]\n"
            + "provisioning_keys: [{name: K, group: g{KEY}}]\n"
            + "connector_groups: [{name: g{GROUP}}]\n"
            + "apps: [{name: a, groups: [g]{APP}}]\n"
            + "{FAULTS}\n";
    private static final String QUEUE = "name: docs\nduration: 1d\nqueue: {arrival_rate_per_s: 1, service_rate_per_s: 2{QUEUE}}\n";

    private static Path doc() {
        return Path.of(System.getProperty("zenlab.root", "..")).resolve("docs/scenarios.md");
    }

    /** Section heading -> rows of (field, form, default). */
    private static Map<String, List<String[]>> tables() throws IOException {
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(doc())) {
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (m.find() && !m.group(1).equals("---")) {
                tables.computeIfAbsent(section, k -> new ArrayList<>()).add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        return tables;
    }

    private static String fleet(String level, String text) {
        String yaml = FLEET;
        for (String placeholder : List.of("TOP", "BROKER", "KEY", "GROUP", "APP", "FAULTS")) {
            yaml = yaml.replace("{" + placeholder + "}", placeholder.equals(level) ? text : "");
        }
        return yaml;
    }

    private static List<String> known(String yaml, Pattern pattern) {
        try {
            ScenarioLoader.parse("s.yaml", yaml);
        } catch (ScenarioException e) {
            for (ScenarioError error : e.errors()) {
                Matcher m = pattern.matcher(error.message());
                if (m.find()) {
                    return List.of(m.group(1).split(", "));
                }
            }
            fail("no list of known keys in " + e.errors());
        }
        fail("an unknown key was accepted: " + yaml);
        return List.of();
    }

    @Test
    void shouldDocumentEveryFieldTheLoaderAccepts() throws IOException {
        Map<String, List<String[]>> tables = tables();
        TreeSet<String> documented = new TreeSet<>();
        Map<String, String> forms = new LinkedHashMap<>();
        tables.forEach((section, rows) -> {
            String prefix = section.equals("`connector_groups`") ? "connector_groups[]." : section.equals("`apps`")
                    ? "apps[]." : section.equals("`faults`") ? "faults[]." : "";
            for (String[] row : rows) {
                documented.add(prefix + row[0]);
                forms.put(prefix + row[0], row[1]);
            }
        });

        TreeSet<String> accepted = new TreeSet<>();
        known(fleet("TOP", "zz: 1"), KNOWN).forEach(k -> accepted.add(k));
        known(fleet("BROKER", ", zz: 1"), KNOWN).forEach(k -> accepted.add("brokers[]." + k));
        known(fleet("KEY", ", zz: 1"), KNOWN).forEach(k -> accepted.add("provisioning_keys[]." + k));
        known(fleet("GROUP", ", zz: 1"), KNOWN).forEach(k -> accepted.add("connector_groups[]." + k));
        known(fleet("APP", ", zz: 1"), KNOWN).forEach(k -> accepted.add("apps[]." + k));
        known(fleet("APP", ", demand: {zz: 1}"), KNOWN).forEach(k -> accepted.add("apps[].demand." + k));
        known(fleet("APP", ", demand: {duration: {zz: 1}}"), KNOWN).forEach(k -> accepted.add("apps[].demand.duration." + k));
        known(QUEUE.replace("{QUEUE}", ", zz: 1"), KNOWN).forEach(k -> accepted.add("queue." + k));
        known(fleet("FAULTS", "faults: [{at: 1h}]"), KINDS).forEach(k -> accepted.add("faults[]." + k));
        accepted.remove("faults[].at"); // the fault table's preamble documents it
        accepted.removeAll(List.of("queue", "brokers", "provisioning_keys", "connector_groups", "apps", "faults")); // sections
        // demand is documented by its leaves (demand.mbps), sub-mappings by their row's form
        accepted.remove("apps[].demand");
        accepted.remove("apps[].demand.duration");
        for (String nested : List.of("connector_groups[].restart", "connector_groups[].failures")) {
            String level = nested.substring(nested.indexOf('.') + 1);
            String mapping = level.equals("failures") ? "{mtbf: 1d, mttr: 1h, zz: 1}" : "{zz: 1}";
            for (String key : known(fleet("GROUP", ", " + level + ": " + mapping), KNOWN)) {
                assertTrue(forms.getOrDefault(nested, "").contains(key + ":"), nested + "." + key + " is accepted but its"
                        + " row's form does not name it: " + forms.get(nested));
            }
        }
        Map<String, String> faultMappings = Map.of(
                "mac_change", "{connector: K-1, zz: 1}",
                "clock_skew", "{connector: K-1, offset: 1s, zz: 1}",
                "broker_outage", "{broker: b1, for: 1h, zz: 1}",
                "ssl_inspection", "{group: g, for: 1h, zz: 1}",
                "dns_failure", "{connector: K-1, host: a, for: 1h, zz: 1}",
                "link_fault", "{connector: K-1, toxic: reset, for: 1h, zz: 1}");
        faultMappings.forEach((kind, mapping) -> {
            for (String key : known(fleet("FAULTS", "faults: [{at: 1h, " + kind + ": " + mapping + "}]"), KNOWN)) {
                assertTrue(forms.getOrDefault("faults[]." + kind, "").contains(key), "faults' " + kind + "." + key
                        + " is accepted but its row does not name it");
            }
        });
        TreeSet<String> undocumented = new TreeSet<>(accepted);
        undocumented.removeAll(documented);
        TreeSet<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(accepted);
        assertEquals(new TreeSet<>(), undocumented, "accepted by the loader, missing from docs/scenarios.md");
        assertEquals(new TreeSet<>(), unknown, "documented in docs/scenarios.md, refused by the loader");
        assertTrue(documented.size() > 50, "fields documented: " + documented.size());
    }

    @Test
    void shouldAcceptEveryDocumentedDefaultAndMeanIt() throws Exception {
        Scenario fleetBase = ScenarioLoader.parse("s.yaml", fleet("TOP", ""));
        Scenario queueBase = ScenarioLoader.parse("s.yaml", QUEUE.replace("{QUEUE}", ""));
        int checked = 0;
        for (Map.Entry<String, List<String[]>> table : tables().entrySet()) {
            for (String[] row : table.getValue()) {
                Matcher literal = Pattern.compile("^`([^`{}]+)`").matcher(row[2].trim());
                if (!literal.find() || row[0].startsWith("`")) {
                    continue; // required, none, generated or a formula: no literal to write back
                }
                String field = row[0];
                String value = literal.group(1);
                String yaml;
                Scenario base = fleetBase;
                switch (table.getKey()) {
                    case "Top level": yaml = fleet("TOP", field + ": " + value); break;
                    case "`brokers`, `provisioning_keys`":
                        yaml = fleet(field.startsWith("brokers") ? "BROKER" : "KEY",
                                ", " + field.substring(field.indexOf('.') + 1) + ": " + value);
                        break;
                    case "`connector_groups`": yaml = fleet("GROUP", ", " + field + ": " + value); break;
                    case "`apps`": yaml = fleet("APP", ", " + nested(field, value)); break;
                    case "The kernel's test model (`queue:`)":
                        yaml = QUEUE.replace("{QUEUE}", ", " + field.substring("queue.".length()) + ": " + value);
                        base = queueBase;
                        break;
                    default: continue;
                }
                Scenario withDefault;
                try {
                    withDefault = ScenarioLoader.parse("s.yaml", yaml);
                } catch (ScenarioException e) {
                    fail(field + ": its documented default " + value + " is refused: " + e.errors());
                    return;
                }
                assertEquals(base, withDefault, field + ": writing its documented default " + value + " changes the scenario");
                checked++;
            }
        }
        assertTrue(checked >= 25, "defaults checked: " + checked);
    }

    /** {@code demand.duration.mean: 2m} as a flow mapping: {@code demand: {duration: {mean: 2m}}}. */
    private static String nested(String field, String value) {
        String[] parts = field.split("\\.");
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            yaml.append(parts[i]).append(": {");
        }
        yaml.append(parts[parts.length - 1]).append(": ").append(value);
        yaml.append("}".repeat(parts.length - 1));
        return yaml.toString();
    }
}
