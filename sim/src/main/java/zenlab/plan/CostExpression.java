package zenlab.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import zenlab.scenario.ConnectorGroupSpec;
import zenlab.scenario.Scenario;

/**
 * What a configuration costs: an arithmetic expression ({@code + - * /}, parentheses, numbers)
 * over the configuration's counts: {@code connectors} (all groups), {@code brokers},
 * {@code groups}, {@code apps}, and {@code group.NAME.connectors}. For example
 * {@code connectors * 120 + brokers * 0} for a monthly price. Parsed once, by recursive descent.
 */
public final class CostExpression {

    /** The default: the number of connectors deployed. */
    public static final String DEFAULT = "connectors";
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|([-+*/()]))");

    private interface Node {
        double value(Map<String, Double> variables);
    }

    private final String text;
    private final Node root;
    private final List<String> tokens = new ArrayList<>();
    private int at;

    private CostExpression(String text) {
        this.text = text;
        Matcher m = TOKEN.matcher(text);
        int end = 0;
        while (end < text.length() && m.find(end) && m.start() == end) {
            tokens.add(m.group().trim());
            end = m.end();
        }
        if (!text.substring(end).isBlank()) {
            throw new IllegalArgumentException("--cost: cannot read '" + text.substring(end).trim() + "' in '" + text
                    + "'; expected numbers, + - * / ( ) and connectors, brokers, groups, apps or group.NAME.connectors");
        }
        root = sum();
        if (at != tokens.size()) {
            throw new IllegalArgumentException("--cost: unexpected '" + tokens.get(at) + "' in '" + text + "'");
        }
    }

    /**
     * Parses {@code text}, checking each name against {@code scenario}.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static CostExpression parse(String text, Scenario scenario) {
        CostExpression e = new CostExpression(text);
        e.of(scenario); // every name known
        return e;
    }

    /** The cost of the configuration {@code scenario}. */
    public double of(Scenario scenario) {
        Map<String, Double> variables = new LinkedHashMap<>();
        double connectors = 0;
        for (ConnectorGroupSpec g : scenario.fleet().groups()) {
            variables.put("group." + g.name() + ".connectors", (double) g.connectors());
            connectors += g.connectors();
        }
        variables.put("connectors", connectors);
        variables.put("brokers", (double) scenario.fleet().brokers().size());
        variables.put("groups", (double) scenario.fleet().groups().size());
        variables.put("apps", (double) scenario.fleet().apps().size());
        return root.value(variables);
    }

    @Override
    public String toString() {
        return text;
    }

    private String peek() {
        return at < tokens.size() ? tokens.get(at) : "";
    }

    private Node sum() {
        Node left = product();
        while (peek().equals("+") || peek().equals("-")) {
            boolean plus = tokens.get(at++).equals("+");
            Node l = left;
            Node r = product();
            left = plus ? v -> l.value(v) + r.value(v) : v -> l.value(v) - r.value(v);
        }
        return left;
    }

    private Node product() {
        Node left = unary();
        while (peek().equals("*") || peek().equals("/")) {
            boolean times = tokens.get(at++).equals("*");
            Node l = left;
            Node r = unary();
            left = times ? v -> l.value(v) * r.value(v) : v -> l.value(v) / r.value(v);
        }
        return left;
    }

    private Node unary() {
        if (peek().equals("-")) {
            at++;
            Node inner = unary();
            return v -> -inner.value(v);
        }
        return atom();
    }

    private Node atom() {
        String token = peek();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("--cost: '" + text + "' ends too soon; expected a number or a name");
        }
        at++;
        if (token.equals("(")) {
            Node inner = sum();
            if (!peek().equals(")")) {
                throw new IllegalArgumentException("--cost: a '(' without its ')' in '" + text + "'");
            }
            at++;
            return inner;
        }
        if (Character.isDigit(token.charAt(0))) {
            double n = Double.parseDouble(token);
            return v -> n;
        }
        if (!Character.isLetter(token.charAt(0)) && token.charAt(0) != '_') {
            throw new IllegalArgumentException("--cost: unexpected '" + token + "' in '" + text + "'");
        }
        return v -> {
            Double value = v.get(token);
            if (value == null) {
                throw new IllegalArgumentException("--cost: no '" + token + "' in this scenario; expected connectors,"
                        + " brokers, groups, apps or one of " + v.keySet().stream().filter(k -> k.startsWith("group.")).toList());
            }
            return value;
        };
    }
}
