package zenlab.drive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import zenlab.kernel.RandomStreams;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;
import zenlab.scenario.Variation;

/**
 * What a study runs: a scenario (its text too, so that another machine can load it), the varied
 * parameters, and the replications of each point of their full factorial grid. A unit is one
 * (point, replication) pair; its seed depends on the replication only, so every point is compared
 * on common random numbers and a unit gives the same result wherever it runs.
 *
 * @param scenarioFile the file's name, as messages name it
 * @param scenarioText the file's text, from which a member loads the same scenario
 * @param scenario the loaded scenario, with any {@code --seed} applied
 * @param variations the varied parameters, in the order given; the first varies slowest
 */
public record StudyPlan(String scenarioFile, String scenarioText, Scenario scenario, List<Variation> variations,
                        int replications) {

    public StudyPlan {
        variations = List.copyOf(variations);
    }

    /** Points of a grid at most: beyond, a study or plan is better split into several. */
    public static final int MAX_POINTS = 10_000;

    /**
     * The plan of a grid given as {@code --vary} texts, every point checked against the scenario
     * before anything runs.
     *
     * @throws IllegalArgumentException saying which variation is wrong and what is expected
     */
    public static StudyPlan grid(String scenarioFile, String scenarioText, Scenario scenario, List<String> vary,
                                 int replications) {
        if (scenario.fleet() == null) {
            throw new IllegalArgumentException("a study replicates a fleet scenario; this one is the queue test model");
        }
        List<Variation> variations = new ArrayList<>();
        long points = 1;
        for (String v : vary) {
            Variation variation = Variation.parse(v);
            if (variations.stream().anyMatch(other -> other.path().equals(variation.path()))) {
                throw new IllegalArgumentException("expected each parameter once, found " + variation.path() + " twice");
            }
            variations.add(variation);
            points *= variation.values().size();
            if (points > MAX_POINTS) {
                throw new IllegalArgumentException("expected a grid of at most " + MAX_POINTS + " points, found more");
            }
        }
        StudyPlan plan = new StudyPlan(scenarioFile, scenarioText, scenario, variations, replications);
        for (List<String> point : plan.points()) {
            plan.scenarioAt(point); // every value checked before anything runs
        }
        return plan;
    }

    /** The grid's points in order, each the values of every varied parameter; one empty point if nothing varies. */
    public List<List<String>> points() {
        List<List<String>> points = new ArrayList<>();
        points.add(List.of());
        for (Variation variation : variations) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> point : points) {
                for (String value : variation.values()) {
                    List<String> longer = new ArrayList<>(point);
                    longer.add(value);
                    next.add(List.copyOf(longer));
                }
            }
            points = next;
        }
        return points;
    }

    /**
     * The scenario at one point of the grid.
     *
     * @throws IllegalArgumentException if a value does not suit the scenario
     */
    public Scenario scenarioAt(List<String> point) {
        Scenario s = scenario;
        for (int i = 0; i < variations.size(); i++) {
            s = variations.get(i).apply(s, point.get(i));
        }
        return s;
    }

    /**
     * How a point is named in study.json, the tables and the charts: the value alone when one
     * parameter varies (as a one-parameter study always named it), {@code path=value; path=value}
     * for a grid, and "as written" when nothing varies.
     */
    public String label(List<String> point) {
        if (variations.isEmpty()) {
            return "as written";
        }
        if (variations.size() == 1) {
            return point.get(0);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < variations.size(); i++) {
            parts.add(variations.get(i).path() + "=" + point.get(i));
        }
        return String.join("; ", parts);
    }

    /** What was varied, as study.json's "varied" says it: "nothing", one path, or the paths joined by " x ". */
    public String varied() {
        if (variations.isEmpty()) {
            return "nothing";
        }
        return String.join(" x ", variations.stream().map(Variation::path).toList());
    }

    /** Every unit, point by point and replication by replication: the order results are merged in. */
    public List<StudyUnit> units() {
        List<StudyUnit> units = new ArrayList<>();
        int points = points().size();
        for (int p = 0; p < points; p++) {
            for (int r = 0; r < replications; r++) {
                units.add(new StudyUnit(p, r, RandomStreams.replicationSeed(scenario.seed(), r)));
            }
        }
        return units;
    }

    /** Replications {@code from} (inclusive) to {@code to} (exclusive) of one point, as units. */
    public List<StudyUnit> units(int point, int from, int to) {
        List<StudyUnit> units = new ArrayList<>();
        for (int r = from; r < to; r++) {
            units.add(new StudyUnit(point, r, RandomStreams.replicationSeed(scenario.seed(), r)));
        }
        return units;
    }

    /** The plan as a member rebuilds it from text: the same scenario, seed and variations. */
    public static StudyPlan of(String scenarioFile, String scenarioText, long seed, List<String> variations,
                               int replications) throws ScenarioException {
        Scenario scenario = ScenarioLoader.parse(scenarioFile, scenarioText).withSeed(seed);
        List<Variation> parsed = new ArrayList<>();
        for (String v : variations) {
            parsed.add(Variation.parse(v));
        }
        return new StudyPlan(scenarioFile, scenarioText, scenario, parsed, replications);
    }

    /** Each variation as {@code --vary} wrote it, so that {@link #of} parses it back. */
    public List<String> variationTexts() {
        return variations.stream().map(v -> v.path() + "=" + String.join(",", v.values())).toList();
    }

    /**
     * A fingerprint of everything a unit's result depends on (scenario text, seed, variations,
     * replications and zenlab's version): a resumed study reuses saved units only if it matches.
     */
    public String fingerprint(String zenlabVersion) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(zenlabVersion, scenarioText, Long.toString(scenario.seed()),
                    String.join("\n", variationTexts()), Integer.toString(replications))) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
