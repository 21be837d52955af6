package zenlab.scenario;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one YAML mapping field by field, recording a positioned problem for each bad value
 * and, at {@link #finish()}, for each key nobody asked for. Getters return a fallback after a
 * problem so that reading goes on and every problem of the file is found in one pass.
 */
final class YamlMapping {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final Node node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    private YamlMapping(Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The mapping at {@code node}, or empty after recording that it is not one. */
    static Optional<YamlMapping> of(Node node, String path, Problems problems) {
        if (!(node instanceof MappingNode)) {
            problems.at(node, describe(path) + "expected a mapping of keys to values, found " + found(node));
            return Optional.empty();
        }
        YamlMapping mapping = new YamlMapping(node, path, problems);
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode)) {
                problems.at(key, describe(path) + "expected a plain key, found " + found(key));
                continue;
            }
            String name = ((ScalarNode) key).getValue();
            if (mapping.entries.containsKey(name)) {
                problems.at(key, describe(path) + "duplicate key '" + name + "'; expected each key once");
                continue;
            }
            mapping.entries.put(name, tuple);
        }
        return Optional.of(mapping);
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        known.add(key);
        return entries.containsKey(key);
    }

    /** The value node of {@code key}, if present. */
    Optional<Node> get(String key) {
        known.add(key);
        NodeTuple tuple = entries.get(key);
        return tuple == null ? Optional.empty() : Optional.of(tuple.getValueNode());
    }

    Optional<Node> require(String key, String expected) {
        Optional<Node> value = get(key);
        if (value.isEmpty()) {
            problems.at(node, describe(path) + "missing '" + key + "'; expected " + expected);
        }
        return value;
    }

    /** Reports every key that no getter asked for, naming the keys that are allowed. */
    void finish() {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!known.contains(entry.getKey())) {
                problems.at(entry.getValue().getKeyNode(), describe(path) + "unknown key '" + entry.getKey()
                        + "'; expected one of: " + String.join(", ", known));
            }
        }
    }

    Optional<String> string(String key, String expected) {
        return get(key).flatMap(value -> scalar(value, childPath(key), expected));
    }

    Optional<String> requiredString(String key, String expected) {
        return require(key, expected).flatMap(value -> scalar(value, childPath(key), expected));
    }

    long wholeNumber(String key, long fallback, long min, long max) {
        String expected = "a whole number from " + min + " to " + max;
        Optional<Node> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        Optional<String> text = scalar(value.get(), childPath(key), expected);
        if (text.isEmpty()) {
            return fallback;
        }
        String t = text.get().replace("_", "");
        if (!WHOLE_NUMBER.matcher(t).matches()) {
            problems.at(value.get(), describe(childPath(key)) + "expected " + expected + ", found '" + text.get() + "'");
            return fallback;
        }
        try {
            long parsed = Long.parseLong(t);
            if (parsed < min || parsed > max) {
                problems.at(value.get(), describe(childPath(key)) + "expected " + expected + ", found " + parsed);
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.at(value.get(), describe(childPath(key)) + "expected " + expected + ", found '" + text.get() + "'");
            return fallback;
        }
    }

    /** A number greater than zero; NaN after a problem. */
    double positiveNumber(String key, boolean required) {
        String expected = "a number greater than 0, like 2.5";
        Optional<Node> value = required ? require(key, expected) : get(key);
        if (value.isEmpty()) {
            return Double.NaN;
        }
        Optional<String> text = scalar(value.get(), childPath(key), expected);
        if (text.isEmpty()) {
            return Double.NaN;
        }
        String t = text.get().replace("_", "");
        if (!DECIMAL.matcher(t).matches() || !(Double.parseDouble(t) > 0) || Double.isInfinite(Double.parseDouble(t))) {
            problems.at(value.get(), describe(childPath(key)) + "expected " + expected + ", found '" + text.get() + "'");
            return Double.NaN;
        }
        return Double.parseDouble(t);
    }

    /** A duration in ns; {@code fallbackNs} if absent, -1 after a problem. */
    long durationNs(String key, boolean required, long fallbackNs) {
        Optional<Node> value = required ? require(key, Durations.EXPECTED) : get(key);
        if (value.isEmpty()) {
            return required ? -1 : fallbackNs;
        }
        Optional<String> text = scalar(value.get(), childPath(key), Durations.EXPECTED);
        if (text.isEmpty()) {
            return -1;
        }
        try {
            return Durations.parseNs(text.get());
        } catch (IllegalArgumentException e) {
            problems.at(value.get(), describe(childPath(key)) + "expected " + e.getMessage() + ", found '" + text.get() + "'");
            return -1;
        }
    }

    /** The items of a sequence under {@code key}; empty if absent or not a sequence. */
    List<Node> sequence(String key, String expected) {
        Optional<Node> value = get(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof SequenceNode)) {
            problems.at(value.get(), describe(childPath(key)) + "expected " + expected + ", found " + found(value.get()));
            return List.of();
        }
        return ((SequenceNode) value.get()).getValue();
    }

    /** The text of a scalar node, or empty after recording that it is something else. */
    Optional<String> scalar(Node value, String valuePath, String expected) {
        if (!(value instanceof ScalarNode)) {
            problems.at(value, describe(valuePath) + "expected " + expected + ", found " + found(value));
            return Optional.empty();
        }
        return Optional.of(((ScalarNode) value).getValue());
    }

    static String describe(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    static String found(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
