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
        return of(node, path, problems, null);
    }

    /** As {@link #of(Node, String, Problems)}, with the form that fixes a scalar in its message: {@code {mean: 2m}}. */
    static Optional<YamlMapping> of(Node node, String path, Problems problems, String example) {
        if (!(node instanceof MappingNode)) {
            problems.at(node, describe(path) + "expected a mapping" + (example == null ? " of keys to values" : " like "
                    + example) + ", found " + found(node));
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

    /** A scalar value and the node it stands at, for positioned messages. */
    private record Scalar(Node node, String text) {
    }

    /** The scalar under {@code key}; empty if absent, or not a scalar (a problem is then recorded). */
    private Optional<Scalar> scalarAt(String key, String expected, boolean required) {
        Optional<Node> value = required ? require(key, expected) : get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return scalar(value.get(), childPath(key), expected).map(text -> new Scalar(value.get(), text));
    }

    private void bad(String key, Scalar value, String expected) {
        problems.at(value.node(), describe(childPath(key)) + "expected " + expected + ", found '" + value.text() + "'");
    }

    long wholeNumber(String key, long fallback, long min, long max) {
        String expected = min == Long.MIN_VALUE && max == Long.MAX_VALUE ? "a whole number, like 42"
                : "a whole number from " + min + " to " + max;
        Optional<Scalar> value = scalarAt(key, expected, false);
        if (value.isEmpty()) {
            return fallback;
        }
        String t = value.get().text().replace("_", "");
        try {
            long parsed = Long.parseLong(t);
            if (WHOLE_NUMBER.matcher(t).matches() && parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        bad(key, value.get(), expected);
        return fallback;
    }

    /** A number greater than zero; NaN if absent or after a problem. */
    double positiveNumber(String key, boolean required) {
        return number(key, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE, required, "a number greater than 0, like 2.5");
    }

    /** A number from {@code min} to {@code max}; {@code fallback} if absent or after a problem. */
    double number(String key, double fallback, double min, double max) {
        return number(key, fallback, min, max, false, "a number from " + trim(min) + " to " + trim(max));
    }

    private double number(String key, double fallback, double min, double max, boolean required, String expected) {
        Optional<Scalar> value = scalarAt(key, expected, required);
        if (value.isEmpty()) {
            return fallback;
        }
        String t = value.get().text().replace("_", "");
        if (DECIMAL.matcher(t).matches() && Double.parseDouble(t) >= min && Double.parseDouble(t) <= max) {
            return Double.parseDouble(t);
        }
        bad(key, value.get(), expected);
        return fallback;
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    boolean bool(String key, boolean fallback) {
        Optional<Scalar> value = scalarAt(key, "true or false", false);
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get().text().equals("true") || value.get().text().equals("false")) {
            return Boolean.parseBoolean(value.get().text());
        }
        bad(key, value.get(), "true or false");
        return fallback;
    }

    /** A duration greater than zero in ns; {@code fallbackNs} if absent, -1 after a problem. */
    long positiveDurationNs(String key, boolean required, long fallbackNs) {
        long ns = durationNs(key, required, fallbackNs);
        if (ns == 0 && get(key).isPresent()) {
            problems.at(get(key).get(), describe(childPath(key)) + "expected a duration greater than 0, like 30s, found '"
                    + ScenarioLoader.text(get(key).get()) + "'");
            return -1;
        }
        return ns;
    }

    /** A duration in ns; {@code fallbackNs} if absent, -1 after a problem. */
    long durationNs(String key, boolean required, long fallbackNs) {
        Optional<Scalar> value = scalarAt(key, Durations.EXPECTED, required);
        if (value.isEmpty()) {
            return get(key).isPresent() || required ? -1 : fallbackNs;
        }
        try {
            return Durations.parseNs(value.get().text());
        } catch (IllegalArgumentException e) {
            bad(key, value.get(), e.getMessage());
            return -1;
        }
    }

    /** A duration that may be negative ({@code -400s}); {@code fallback} if absent or bad. */
    long signedDurationNs(String key, long fallback) {
        String expected = "a duration with a unit, optionally negative, like 400s or -2.5s";
        Optional<Scalar> value = scalarAt(key, expected, false);
        if (value.isEmpty()) {
            return fallback;
        }
        String t = value.get().text().trim();
        boolean negative = t.startsWith("-");
        try {
            long ns = Durations.parseNs(negative || t.startsWith("+") ? t.substring(1) : t);
            return negative ? -ns : ns;
        } catch (IllegalArgumentException e) {
            bad(key, value.get(), expected);
            return fallback;
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
