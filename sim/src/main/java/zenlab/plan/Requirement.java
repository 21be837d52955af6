package zenlab.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import zenlab.drive.Replication;
import zenlab.model.Cause;
import zenlab.scenario.AssertionSpec;
import zenlab.scenario.AssertionSpec.Comparison;
import zenlab.scenario.Scenario;

/**
 * One requirement of a plan, such as {@code app.crm.availability >= 0.9999}: a figure every
 * replication yields, a bound, and the tolerance within which either verdict is acceptable
 * (the indifference zone). Written in the scenarios' assertion grammar; {@code app.*} stands
 * for every app.
 *
 * @param expression the requirement as it applies (a wildcard expanded to one app)
 * @param figure the figure's path, like {@code app.crm.availability}
 * @param atLeast true for {@code >=} or {@code >}, false for {@code <=} or {@code <}
 * @param threshold the bound
 * @param tolerance the indifference zone's half-width, in the figure's unit
 * @param perReplication the figure of one replication
 */
public record Requirement(String expression, String figure, boolean atLeast, double threshold, double tolerance,
                          ToDoubleFunction<Replication> perReplication) {

    /** The figures a requirement may name: those every replication of a study yields. */
    public static final List<String> FIGURES = List.of("app.NAME.availability", "app.NAME.downtimeSeconds",
            "app.NAME.outages", "app.NAME.longestOutageSeconds", "mtunnels.refused", "mtunnels.broken",
            "mtunnels.refusedByCause.CAUSE", "mtunnels.brokenByCause.CAUSE");

    /**
     * The requirements {@code text} stands for in {@code scenario} (several with {@code app.*}).
     *
     * @param relativeTolerance the tolerance as a share of the distance from the threshold to the
     *     figure's ideal (1 for availability, 0 for counts and times); of the threshold itself
     *     when that distance is 0
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static List<Requirement> parse(String text, Scenario scenario, double relativeTolerance) {
        AssertionSpec spec;
        try {
            spec = AssertionSpec.parse(text.replace("app.*.", "app.ANY."), "--require", 1, 1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected 'figure >= number' or 'figure <= number', like"
                    + " app.crm.availability >= 0.9999 or app.*.availability >= 0.9999, found '" + text + "'");
        }
        Comparison c = spec.comparison();
        if (c == Comparison.EQUAL || c == Comparison.NOT_EQUAL) {
            throw new IllegalArgumentException("a requirement is a bound: expected >=, >, <= or <, found "
                    + c.symbol() + " in '" + text + "'");
        }
        boolean atLeast = c == Comparison.AT_LEAST || c == Comparison.ABOVE;
        List<String> apps = scenario.fleet().apps().stream().map(a -> a.name()).toList();
        String path = spec.path();
        List<Requirement> out = new ArrayList<>();
        if (path.startsWith("app.")) {
            String rest = path.substring("app.".length());
            int dot = rest.lastIndexOf('.');
            String app = dot < 0 ? rest : rest.substring(0, dot);
            String field = dot < 0 ? "" : rest.substring(dot + 1);
            List<String> names = app.equals("ANY") ? apps : List.of(app);
            for (String name : names) {
                int a = apps.indexOf(name);
                if (a < 0) {
                    throw new IllegalArgumentException("no app '" + name + "' in the scenario; expected one of: "
                            + String.join(", ", apps) + " (or app.* for every one)");
                }
                ToDoubleFunction<Replication> f = switch (field) {
                    case "availability" -> r -> r.availability()[a];
                    case "downtimeSeconds" -> r -> r.downtimeS()[a];
                    case "outages" -> r -> r.outages()[a];
                    case "longestOutageSeconds" -> r -> r.longestOutageS()[a];
                    default -> null;
                };
                if (f == null) {
                    throw unknown(path);
                }
                String figure = "app." + name + "." + field;
                double ideal = field.equals("availability") ? 1 : 0;
                out.add(new Requirement(figure + " " + c.symbol() + " " + number(spec.threshold()), figure, atLeast,
                        spec.threshold(), tolerance(spec.threshold(), ideal, relativeTolerance), f));
            }
            return out;
        }
        ToDoubleFunction<Replication> f = switch (path) {
            case "mtunnels.refused" -> r -> java.util.Arrays.stream(r.refusedByCause()).sum();
            case "mtunnels.broken" -> r -> java.util.Arrays.stream(r.brokenByCause()).sum();
            default -> byCause(path);
        };
        if (f == null) {
            throw unknown(path);
        }
        out.add(new Requirement(path + " " + c.symbol() + " " + number(spec.threshold()), path, atLeast,
                spec.threshold(), tolerance(spec.threshold(), 0, relativeTolerance), f));
        return out;
    }

    private static ToDoubleFunction<Replication> byCause(String path) {
        for (String kind : List.of("refusedByCause", "brokenByCause")) {
            String prefix = "mtunnels." + kind + ".";
            if (path.startsWith(prefix)) {
                Cause cause;
                try {
                    cause = Cause.valueOf(path.substring(prefix.length()));
                } catch (IllegalArgumentException e) {
                    return null;
                }
                int i = cause.ordinal();
                return kind.equals("refusedByCause") ? r -> r.refusedByCause()[i] : r -> r.brokenByCause()[i];
            }
        }
        return null;
    }

    private static IllegalArgumentException unknown(String path) {
        return new IllegalArgumentException("no figure '" + path + "' that every replication yields; expected one of: "
                + String.join(", ", FIGURES));
    }

    private static double tolerance(double threshold, double ideal, double relative) {
        double distance = Math.abs(ideal - threshold);
        return relative * (distance > 0 ? distance : Math.max(Math.abs(threshold), 1));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** Whether {@code mean} meets the bound. */
    public boolean holds(double mean) {
        return atLeast ? mean >= threshold : mean <= threshold;
    }
}
