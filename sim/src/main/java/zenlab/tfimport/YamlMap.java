package zenlab.tfimport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML mapping being written, in insertion order, with the comments that go above it (when it
 * is an item of a list) and above each of its keys. Values are strings, numbers, booleans,
 * {@link YamlScalar}s, lists and other {@code YamlMap}s.
 */
final class YamlMap {

    private final Map<String, Object> entries = new LinkedHashMap<>();
    private final Map<String, List<String>> keyComments = new LinkedHashMap<>();
    private final List<String> comments = new ArrayList<>();

    YamlMap put(String key, Object value) {
        entries.put(key, value);
        return this;
    }

    /** Puts the value with a comment line above its key. */
    YamlMap put(String key, Object value, String comment) {
        put(key, value);
        commentKey(key, comment);
        return this;
    }

    void commentKey(String key, String comment) {
        if (comment == null) {
            return;
        }
        keyComments.computeIfAbsent(key, k -> new ArrayList<>()).add(comment);
    }

    /** A comment line above this mapping (as a list item) or above the document (at the top). */
    YamlMap comment(String line) {
        comments.add(line);
        return this;
    }

    Object get(String key) {
        return entries.get(key);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Map<String, Object> entries() {
        return entries;
    }

    List<String> commentsOf(String key) {
        return keyComments.getOrDefault(key, List.of());
    }

    List<String> comments() {
        return comments;
    }
}
