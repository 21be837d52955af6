package zenlab.tfimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;

/**
 * What the user knows and Terraform does not (brokers, demand, failure rates, faults,
 * assertions), merged into an imported scenario ({@code --with OVERLAY.yaml}):
 * <ul>
 *   <li>{@code connector_groups}, {@code apps} and {@code provisioning_keys} entries are merged
 *       by name into the imported entry of that name, field by field; an entry that names none
 *       is an error;</li>
 *   <li>{@code faults} and {@code assertions} are added to the imported ones;</li>
 *   <li>anything else at the top ({@code brokers}, {@code duration}, {@code seed}, ...) replaces
 *       the imported value.</li>
 * </ul>
 */
final class ScenarioOverlay {

    static final List<String> BY_NAME = List.of("connector_groups", "apps", "provisioning_keys");
    static final List<String> ADDED = List.of("faults", "assertions");

    private ScenarioOverlay() {
    }

    /** Merges the overlay file's text into {@code scenario}. */
    static void merge(String file, String text, YamlMap scenario) throws ImportException {
        Node root;
        try {
            root = ScenarioLoader.compose(file, text);
        } catch (ScenarioException e) {
            throw new ImportException(e.getMessage());
        }
        if (!(root instanceof MappingNode top)) {
            throw at(file, root, "expected a mapping of scenario fields, like {apps: [{name: crm, demand: ...}]}");
        }
        for (NodeTuple t : top.getValue()) {
            String key = keyOf(file, t);
            Node value = t.getValueNode();
            if (BY_NAME.contains(key)) {
                mergeByName(file, key, value, scenario);
            } else if (ADDED.contains(key)) {
                List<Object> items = new ArrayList<>();
                if (scenario.get(key) instanceof List<?> existing) {
                    items.addAll(existing);
                }
                if (!(value instanceof SequenceNode seq)) {
                    throw at(file, value, key + ": expected a list");
                }
                for (Node item : seq.getValue()) {
                    items.add(tree(file, item));
                }
                scenario.put(key, items);
            } else {
                scenario.put(key, tree(file, value));
            }
        }
    }

    private static void mergeByName(String file, String section, Node value, YamlMap scenario) throws ImportException {
        if (!(value instanceof SequenceNode seq)) {
            throw at(file, value, section + ": expected a list of entries with the name of an imported one");
        }
        List<?> imported = scenario.get(section) instanceof List<?> l ? l : List.of();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            if (!(item instanceof MappingNode entry)) {
                throw at(file, item, section + "[" + i + "]: expected a mapping with a name, like {name: crm, ...}");
            }
            Object parsed = tree(file, entry);
            YamlMap fields = (YamlMap) parsed;
            Object name = fields.get("name");
            String wanted = name instanceof YamlScalar s ? s.text() : null;
            YamlMap target = null;
            List<String> names = new ArrayList<>();
            for (Object o : imported) {
                if (o instanceof YamlMap m) {
                    String n = String.valueOf(m.get("name"));
                    names.add(n);
                    if (n.equals(wanted)) {
                        target = m;
                    }
                }
            }
            if (target == null) {
                Node at = entry.getValue().stream().filter(t -> "name".equals(scalarText(t.getKeyNode())))
                        .map(NodeTuple::getValueNode).findFirst().orElse(entry);
                throw at(file, at, section + "[" + i + "].name: " + (wanted == null ? "missing" : "no imported "
                        + singular(section) + " '" + wanted + "'") + "; expected one of: " + String.join(", ", names));
            }
            for (Map.Entry<String, Object> f : fields.entries().entrySet()) {
                if (!f.getKey().equals("name")) {
                    target.put(f.getKey(), f.getValue());
                }
            }
        }
    }

    private static String singular(String section) {
        return switch (section) {
            case "connector_groups" -> "connector group";
            case "apps" -> "app";
            default -> "provisioning key";
        };
    }

    /** The node as strings, lists and {@link YamlMap}s, scalars kept as written. */
    private static Object tree(String file, Node node) throws ImportException {
        if (node instanceof ScalarNode s) {
            return new YamlScalar(s.getValue(), s.getScalarStyle() == ScalarStyle.PLAIN);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(tree(file, item));
            }
            return items;
        }
        MappingNode map = (MappingNode) node;
        YamlMap m = new YamlMap();
        for (NodeTuple t : map.getValue()) {
            m.put(keyOf(file, t), tree(file, t.getValueNode()));
        }
        return m;
    }

    private static String keyOf(String file, NodeTuple t) throws ImportException {
        String key = scalarText(t.getKeyNode());
        if (key == null) {
            throw at(file, t.getKeyNode(), "expected a plain key");
        }
        return key;
    }

    private static String scalarText(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static ImportException at(String file, Node node, String message) {
        Optional<Mark> mark = node.getStartMark();
        return new ImportException(file + ":" + mark.map(m -> m.getLine() + 1).orElse(1) + ":"
                + mark.map(m -> m.getColumn() + 1).orElse(1) + ": " + message);
    }
}
