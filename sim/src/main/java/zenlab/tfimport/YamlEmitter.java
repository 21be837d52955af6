package zenlab.tfimport;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link YamlMap} as block-style YAML with its comments; a mapping of a few plain
 * scalars goes on one line in flow style ({@code {mean: 4m}}), as the bundled scenarios write them.
 * Strings are quoted unless they are plainly safe, so no text from a Terraform file can change
 * the structure of the scenario written.
 */
final class YamlEmitter {

    /** Text that is a plain scalar in block and flow context alike and not a number, boolean or null. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@/+-]*(?: [A-Za-z0-9_.@/+<>=!-]+)*");
    private static final Pattern SPECIAL = Pattern.compile("(?i)true|false|null|yes|no|on|off|y|n|~|\\.inf|\\.nan");
    private static final int FLOW_MAX_ENTRIES = 4;

    private final StringBuilder out = new StringBuilder();

    private YamlEmitter() {
    }

    static String write(YamlMap document) {
        YamlEmitter e = new YamlEmitter();
        for (String c : document.comments()) {
            e.comment(0, c);
        }
        e.mapping(document, 0, false);
        return e.out.toString();
    }

    private void comment(int indent, String text) {
        out.append(" ".repeat(indent)).append(text.isEmpty() ? "#" : "# " + text.replace('\n', ' ')).append('\n');
    }

    /** Block mapping at {@code indent}; {@code firstInline}: its first key continues a "- " already written. */
    private void mapping(YamlMap map, int indent, boolean firstInline) {
        boolean first = true;
        for (Map.Entry<String, Object> e : map.entries().entrySet()) {
            List<String> comments = map.commentsOf(e.getKey());
            if (first && firstInline && !comments.isEmpty()) {
                out.append('\n');
                firstInline = false;
            }
            for (String c : comments) {
                comment(indent, c);
            }
            if (!(first && firstInline)) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append(key(e.getKey())).append(':');
            value(e.getValue(), indent);
        }
        if (map.entries().isEmpty()) {
            out.append(firstInline ? "{}\n" : " ".repeat(indent) + "{}\n");
        }
    }

    private void value(Object v, int indent) {
        if (v instanceof YamlMap m) {
            if (m.entries().isEmpty()) {
                out.append(" {}\n");
            } else if (flowable(m)) {
                out.append(' ').append(flow(m)).append('\n');
            } else {
                out.append('\n');
                mapping(m, indent + 2, false);
            }
        } else if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append(" []\n");
                return;
            }
            if (shortScalars(list)) {
                StringBuilder flow = new StringBuilder();
                for (Object item : list) {
                    flow.append(flow.length() == 0 ? "" : ", ").append(scalar(item));
                }
                out.append(" [").append(flow).append("]\n");
                return;
            }
            out.append('\n');
            for (Object item : list) {
                if (item instanceof YamlMap m) {
                    for (String c : m.comments()) {
                        comment(indent + 2, c);
                    }
                    out.append(" ".repeat(indent + 2)).append("- ");
                    if (flowable(m) && m.entries().size() <= 2) {
                        out.append(flow(m)).append('\n');
                    } else {
                        mapping(m, indent + 4, true);
                    }
                } else {
                    out.append(" ".repeat(indent + 2)).append("- ").append(scalar(item)).append('\n');
                }
            }
        } else {
            out.append(' ').append(scalar(v)).append('\n');
        }
    }

    /** A list of a few names: one line, {@code [syd, mel]}. */
    private static boolean shortScalars(List<?> list) {
        int chars = 0;
        for (Object item : list) {
            if (item instanceof YamlMap || item instanceof List<?>) {
                return false;
            }
            String text = scalar(item);
            if (!SAFE.matcher(text).matches() || text.contains(" ")) {
                return false;
            }
            chars += text.length() + 2;
        }
        return chars <= 60;
    }

    private static boolean flowable(YamlMap m) {
        if (m.entries().size() > FLOW_MAX_ENTRIES) {
            return false;
        }
        for (Map.Entry<String, Object> e : m.entries().entrySet()) {
            if (!m.commentsOf(e.getKey()).isEmpty()) {
                return false;
            }
            Object v = e.getValue();
            if (v instanceof YamlMap inner) {
                if (!flowable(inner)) {
                    return false;
                }
            } else if (v instanceof List<?> || (v instanceof YamlScalar s && s.plain() && !SAFE.matcher(s.text()).matches()
                    && !s.text().matches("-?[0-9][0-9a-zA-Z_.+:-]*"))) {
                return false;
            }
        }
        return true;
    }

    private static String flow(YamlMap m) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entries().entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(key(e.getKey())).append(": ");
            b.append(e.getValue() instanceof YamlMap inner ? flow(inner) : scalar(e.getValue()));
        }
        return b.append('}').toString();
    }

    private static String key(String key) {
        return SAFE.matcher(key).matches() && !SPECIAL.matcher(key).matches() ? key : quote(key);
    }

    static String scalar(Object v) {
        if (v instanceof YamlScalar s) {
            return s.plain() ? s.text() : quote(s.text());
        }
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        String text = String.valueOf(v);
        return SAFE.matcher(text).matches() && !SPECIAL.matcher(text).matches() ? text : quote(text);
    }

    /** A YAML double-quoted scalar: every character outside printable ASCII escaped. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029'
                            || c == '\u0085' || c == '\ufeff') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
