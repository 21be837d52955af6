package zenlab.scenario;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Loads and validates a scenario file. The scenario format is documented in docs/scenarios.md
 * ("Scenario format"); every field read here is listed there with its unit and default.
 */
public final class ScenarioLoader {

    /** Seed of a scenario that names none. */
    public static final long DEFAULT_SEED = 1;

    /** Journal level of a scenario that names none: every mtunnel of a year in full is gigabytes. */
    public static final JournalLevel DEFAULT_JOURNAL = JournalLevel.MILESTONES;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String NAME_EXPECTED = "a name of letters, digits, '.', '_' or '-' (at most 64), like melbourne-pair";

    private ScenarioLoader() {
    }

    /**
     * Reads and validates {@code path}.
     *
     * @throws ScenarioException listing every problem found, each with file, line and column
     */
    public static Scenario load(Path path) throws ScenarioException {
        String file = path.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw single(file, "no such file; expected the path of a scenario .yaml file");
        } catch (CharacterCodingException e) {
            throw single(file, "the file is not UTF-8 text; expected a UTF-8 YAML file");
        } catch (IOException e) {
            throw single(file, "cannot read the file (" + e.getMessage() + "); expected a readable scenario file");
        }
        return parse(file, text);
    }

    /** Validates scenario text; {@code file} names it in messages. */
    public static Scenario parse(String file, String text) throws ScenarioException {
        Node root = compose(file, text);
        Problems problems = new Problems(file);
        Optional<YamlMapping> top = YamlMapping.of(root, "", problems);
        if (top.isEmpty()) {
            throw new ScenarioException(problems.all());
        }
        Scenario scenario = read(top.get(), problems);
        if (problems.any()) {
            throw new ScenarioException(problems.all());
        }
        return scenario;
    }

    /**
     * The YAML node tree of scenario text, within every input limit (a scenario, or an overlay
     * merged into one).
     *
     * @throws ScenarioException with the first limit crossed or the syntax error, positioned
     */
    public static Node compose(String file, String text) throws ScenarioException {
        Problems problems = new Problems(file);
        if (!InputLimits.check(text, file, problems)) {
            throw new ScenarioException(problems.all());
        }
        Optional<Node> root;
        try (Reader reader = new java.io.StringReader(text)) {
            root = new Compose(InputLimits.settings(file)).composeReader(reader);
        } catch (MarkedYamlEngineException e) {
            problems.at(e.getProblemMark(), "not valid YAML: " + e.getProblem() + "; expected a YAML mapping");
            throw new ScenarioException(problems.all());
        } catch (YamlEngineException | IOException e) {
            throw single(file, "not valid YAML: " + e.getMessage() + "; expected a YAML mapping");
        }
        if (root.isEmpty()) {
            throw single(file, "the file is empty; expected a scenario with at least name, duration and a model section");
        }
        return root.get();
    }

    private static Scenario read(YamlMapping top, Problems problems) {
        String name = top.requiredString("name", NAME_EXPECTED).orElse("scenario");
        if (!NAME.matcher(name).matches()) {
            top.get("name").ifPresent(n -> problems.at(n, "name: expected " + NAME_EXPECTED + ", found '" + name + "'"));
        }
        top.get("description");
        long seed = top.wholeNumber("seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        long durationNs = top.durationNs("duration", true, -1);
        if (durationNs == 0) {
            top.get("duration").ifPresent(n -> problems.at(n, "duration: expected a duration greater than 0"));
        }
        JournalLevel journal = journalLevel(top);
        // Live mode paces the scenario: this many simulated seconds pass per second of wall time.
        double timeScale = top.number("time_scale", 0, 1e-3, 1e9);
        QueueSection queue = null;
        FleetSection fleet = null;
        boolean isFleet = false;
        for (String key : FleetLoader.SECTIONS) {
            isFleet |= top.has(key);
        }
        if (top.has("queue")) {
            if (isFleet) {
                problems.at(top.get("queue").orElseThrow(), "queue: a scenario is either the queue test model or a"
                        + " fleet; expected 'queue:' or brokers/connector_groups/apps, not both");
            }
            for (String setting : FleetLoader.SETTINGS) {
                top.get(setting).ifPresent(n -> problems.at(n, setting + ": only a fleet scenario has it; the queue"
                        + " test model has no connectors, brokers or timeline; expected it removed"));
            }
            queue = top.get("queue").flatMap(n -> YamlMapping.of(n, "queue", problems)).map(ScenarioLoader::queue).orElse(null);
        } else if (isFleet) {
            fleet = FleetLoader.read(top, durationNs);
        } else {
            problems.at(top.node(), "missing a model section; expected a fleet (brokers, provisioning_keys,"
                    + " connector_groups, apps, faults) or 'queue:' (the kernel's M/M/c/K test model)");
        }
        List<AssertionSpec> assertions = assertions(top);
        top.finish();
        return new Scenario(problems.file(), name, seed, durationNs, journal, queue, fleet, assertions, timeScale,
                problems.warnings());
    }

    private static JournalLevel journalLevel(YamlMapping top) {
        String expected = "full, milestones or summary";
        Optional<Node> node = top.get("journal");
        if (node.isEmpty()) {
            return DEFAULT_JOURNAL;
        }
        Optional<String> text = top.scalar(node.get(), "journal", expected);
        if (text.isEmpty()) {
            return DEFAULT_JOURNAL;
        }
        for (JournalLevel level : JournalLevel.values()) {
            if (level.yamlName().equals(text.get().toLowerCase(Locale.ROOT))) {
                return level;
            }
        }
        top.problems().at(node.get(), "journal: expected " + expected + ", found '" + text.get() + "'");
        return DEFAULT_JOURNAL;
    }

    private static QueueSection queue(YamlMapping q) {
        double lambda = q.positiveNumber("arrival_rate_per_s", true);
        double mu = q.positiveNumber("service_rate_per_s", true);
        int servers = (int) q.wholeNumber("servers", 1, 1, 1_000_000);
        int capacity = Integer.MAX_VALUE;
        Optional<Node> capacityNode = q.get("capacity");
        String capacityExpected = "a whole number of customers >= servers, servers, or unlimited";
        if (capacityNode.isPresent()) {
            Optional<String> text = q.scalar(capacityNode.get(), "queue.capacity", capacityExpected);
            if (text.isPresent() && text.get().equals("servers")) {
                capacity = servers; // no waiting room: the Erlang loss system
            } else if (text.isPresent() && !text.get().equals("unlimited")) {
                try {
                    capacity = Integer.parseInt(text.get().replace("_", ""));
                    if (capacity < servers) {
                        q.problems().at(capacityNode.get(), "queue.capacity: expected " + capacityExpected + " (" + servers + "), found " + capacity);
                    }
                } catch (NumberFormatException e) {
                    q.problems().at(capacityNode.get(), "queue.capacity: expected " + capacityExpected + ", found '" + text.get() + "'");
                }
            }
        }
        long warmupNs = q.durationNs("warmup", false, 0);
        q.finish();
        return new QueueSection(lambda, mu, servers, capacity, warmupNs);
    }

    private static List<AssertionSpec> assertions(YamlMapping top) {
        List<AssertionSpec> assertions = new ArrayList<>();
        for (Node item : top.sequence("assertions", "a list of assertions")) {
            Optional<String> text = top.scalar(item, "assertions", AssertionSpec.EXPECTED);
            if (text.isEmpty()) {
                continue;
            }
            int line = item.getStartMark().map(m -> m.getLine() + 1).orElse(1);
            int column = item.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
            try {
                assertions.add(AssertionSpec.parse(text.get(), top.problems().file(), line, column));
            } catch (IllegalArgumentException e) {
                top.problems().at(item, "assertions: expected " + e.getMessage() + ", found '" + text.get() + "'");
            }
        }
        return assertions;
    }

    private static ScenarioException single(String file, String message) {
        return new ScenarioException(List.of(new ScenarioError(file, 1, 1, message)));
    }

    /** The text of a scalar node, or null for a mapping or list. */
    static String text(Node node) {
        return node instanceof ScalarNode ? ((ScalarNode) node).getValue() : null;
    }
}
