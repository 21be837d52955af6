package zenlab.scenario;

import java.util.ArrayDeque;
import java.util.Deque;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Every limit a scenario file must stay within, in one place, checked on the YAML parser's
 * event stream before anything is built from it. The parser is iterative, so no nesting can
 * overflow the stack here; the first limit crossed is reported at its line and column and the
 * check stops there (a file of a thousand '[' gets one line, not a thousand).
 */
final class InputLimits {

    /**
     * 8 MiB: 100,000 connectors in groups of 10, every group and provisioning key written out
     * (as ScaleScenario writes them), are about 3.2 MB; scale-20k is 0.64 MB.
     */
    static final int MAX_FILE_CHARS = 8 << 20;
    /** Mappings and lists inside each other: the deepest scenario field is 5 levels down. */
    static final int MAX_DEPTH = 32;
    /** Aliases (*name) in collections: none is needed, a few are tolerated, a billion laughs are not. */
    static final int MAX_ALIASES = 20;
    static final int MAX_DOCUMENTS = 1;
    static final int MAX_KEY_CHARS = 128;
    static final int MAX_SCALAR_CHARS = 4_096;
    /** Entries of one list or mapping: 100,000 connectors are given by a count, not listed. */
    static final int MAX_ITEMS = 100_000;

    private InputLimits() {
    }

    /** The settings every scenario is parsed with. */
    static LoadSettings settings(String file) {
        return LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES).setCodePointLimit(MAX_FILE_CHARS * 4).build();
    }

    /** A collection being read: whether it is a mapping, and how many nodes it holds so far. */
    private static final class Open {
        final boolean mapping;
        int nodes;

        Open(boolean mapping) {
            this.mapping = mapping;
        }
    }

    /**
     * Checks {@code text} against every limit, adding the first problem found.
     *
     * @return false if a limit was crossed; syntax errors are left to the composer, which names them
     */
    static boolean check(String text, String file, Problems problems) {
        if (text.length() > MAX_FILE_CHARS) {
            problems.at(java.util.Optional.empty(), "the file has " + text.length() + " characters; expected a scenario"
                    + " of at most " + MAX_FILE_CHARS + " (" + (MAX_FILE_CHARS >> 20) + " MiB)");
            return false;
        }
        Deque<Open> open = new ArrayDeque<>();
        int documents = 0;
        try {
            for (Event event : new Parse(settings(file)).parseString(text)) {
                String limit = null;
                switch (event.getEventId()) {
                    case DocumentStart -> {
                        if (++documents > MAX_DOCUMENTS) {
                            limit = "a second YAML document ('---'); expected one scenario per file";
                        }
                    }
                    case MappingStart, SequenceStart -> {
                        limit = node(open, event, true);
                        if (limit == null && open.size() >= MAX_DEPTH) {
                            limit = "mappings and lists nested deeper than " + MAX_DEPTH + " levels; expected a scenario"
                                    + " nested at most " + MAX_DEPTH + " deep";
                        }
                        open.push(new Open(event.getEventId() == Event.ID.MappingStart));
                    }
                    case MappingEnd, SequenceEnd -> open.pop();
                    case Scalar, Alias -> limit = node(open, event, false);
                    default -> { }
                }
                if (limit != null) {
                    problems.at(event.getStartMark(), limit);
                    return false;
                }
            }
        } catch (YamlEngineException syntax) {
            return true; // the composer reports it with its position
        }
        return true;
    }

    /** Counts a node in the collection it stands in, and checks its size. */
    private static String node(Deque<Open> open, Event event, boolean collection) {
        Open parent = open.peek();
        boolean key = parent != null && parent.mapping && parent.nodes % 2 == 0;
        if (parent != null && ++parent.nodes > MAX_ITEMS * (parent.mapping ? 2 : 1)) {
            return "more than " + MAX_ITEMS + " entries in one " + (parent.mapping ? "mapping" : "list")
                    + "; expected at most " + MAX_ITEMS;
        }
        if (!collection && event instanceof ScalarEvent scalar) {
            int length = scalar.getValue().length();
            if (key && length > MAX_KEY_CHARS) {
                return "a key of " + length + " characters; expected a field name of at most " + MAX_KEY_CHARS;
            }
            if (length > MAX_SCALAR_CHARS) {
                return "a value of " + length + " characters; expected at most " + MAX_SCALAR_CHARS;
            }
        }
        return null;
    }
}
