package zenlab.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.statistics.distribution.TDistribution;
import zenlab.drive.Replication;
import zenlab.drive.Study;
import zenlab.drive.StudyPlan;
import zenlab.drive.StudyUnit;
import zenlab.drive.UnitExecutor;
import zenlab.drive.UnitStore;
import zenlab.report.Estimate;
import zenlab.scenario.Scenario;

/**
 * {@code zenlab plan}'s procedure: the configurations of the grid in order of cost, each put
 * through a {@link FeasibilityCheck} on batches of replications until it is declared feasible
 * or infeasible (or reaches the replication limit: undecided, never feasible); the first one
 * declared feasible is the answer, and the costlier ones are not examined.
 *
 * <p>Replication r of every configuration uses the same seed (common random numbers), and runs
 * as a study unit on the study's executor, locally or on a cluster, saved as it finishes so
 * that {@code --resume} replays the same decisions. The error is spent once per configuration
 * and requirement: {@code beta = (1 - confidence) / (configurations x requirements)}
 * (Bonferroni), so that the chance of declaring any infeasible configuration feasible is at
 * most {@code 1 - confidence}.
 */
public final class Planner {

    /**
     * How the procedure runs.
     *
     * @param confidence chance that no verdict outside the tolerances is wrong
     * @param batchSize replications per observation
     * @param initialBatches observations before the first decision (n0)
     */
    public record Options(double confidence, int batchSize, int initialBatches) {
    }

    /** A point of the grid, with its cost. */
    public record Configuration(int point, String label, List<String> values, Scenario scenario, double cost) {
    }

    /** One requirement's figure at one configuration: its mean and 95% interval, and its verdict. */
    public record Figure(Requirement requirement, Estimate estimate, String verdict) {
    }

    /**
     * What became of a configuration.
     *
     * @param verdict feasible, infeasible, undecided, or "not examined" (costlier than the answer)
     */
    public record Examined(Configuration configuration, String verdict, int replications, List<Figure> figures) {
    }

    /**
     * The plan's result.
     *
     * @param fixedGridReplications what a grid study with the same guarantee would run: every
     *     configuration of the grid with as many replications as the hardest one examined needs for
     *     a single look at the same error and tolerance (Stein's two-stage sample size)
     * @param hindsightGridReplications the same for a grid sized knowing how far each configuration lies from its bound
     */
    public record Outcome(List<Examined> configurations, Examined chosen, long replications, long fixedGridReplications,
                          long hindsightGridReplications, double beta, double h2,
                          SortedMap<String, Integer> unitsByMember) {
    }

    private final List<Requirement> requirements;
    private final CostExpression cost;
    private final Options options;

    public Planner(List<Requirement> requirements, CostExpression cost, Options options) {
        this.requirements = List.copyOf(requirements);
        this.cost = cost;
        this.options = options;
    }

    /** The grid's configurations in the order they are examined: cheapest first, the grid's order among equals. */
    public List<Configuration> configurations(StudyPlan plan) {
        List<Configuration> all = new ArrayList<>();
        List<List<String>> points = plan.points();
        for (int p = 0; p < points.size(); p++) {
            Scenario s = plan.scenarioAt(points.get(p));
            all.add(new Configuration(p, plan.label(points.get(p)), points.get(p), s, cost.of(s)));
        }
        all.sort(Comparator.comparingDouble(Configuration::cost).thenComparingInt(Configuration::point));
        return all;
    }

    /**
     * Runs the procedure. {@code plan.replications()} is the limit per configuration, a whole
     * number of batches.
     */
    public Outcome run(StudyPlan plan, UnitExecutor executor, UnitStore store) throws InterruptedException {
        List<Configuration> configurations = configurations(plan);
        int k = configurations.size();
        double beta = (1 - options.confidence()) / ((double) k * requirements.size());
        // Half the error for the first look at availability and downtime, half for the sequential triangle.
        double h2 = FeasibilityCheck.h2(beta / 2, options.initialBatches());
        double t = TDistribution.of(options.initialBatches() - 1).inverseCumulativeProbability(1 - beta);
        int b = options.batchSize();
        int maxBatches = plan.replications() / b;
        double replicationS = plan.scenario().durationNs() / 1e9;
        Replication[][] results = new Replication[k][plan.replications()];
        SortedMap<String, Integer> unitsByMember = new TreeMap<>();
        List<Examined> examined = new ArrayList<>();
        Examined chosen = null;
        long spent = 0;
        long fixedBatches = options.initialBatches();
        long hindsightBatches = options.initialBatches();
        for (Configuration c : configurations) {
            if (chosen != null) {
                examined.add(new Examined(c, "not examined", 0, List.of()));
                continue;
            }
            FeasibilityCheck check = new FeasibilityCheck(requirements, h2, options.initialBatches());
            int done = 0;
            while (check.verdict() == FeasibilityCheck.Verdict.UNDECIDED && check.batches() < maxBatches) {
                int batches = check.batches() == 0 ? options.initialBatches() : 1;
                run(plan, c.point(), done * b, (done + batches) * b, executor, store, results, unitsByMember);
                for (int j = done; j < done + batches; j++) {
                    check.add(batchMeans(results[c.point()], j * b, b));
                }
                if (done == 0) {
                    firstLook(check, c, java.util.Arrays.asList(results[c.point()]).subList(0, batches * b), replicationS,
                            beta / 2);
                }
                done += batches;
            }
            int replications = done * b;
            spent += replications;
            for (long needed : check.fixedSampleBatches(t)) {
                fixedBatches = Math.max(fixedBatches, needed);
            }
            for (long needed : check.hindsightBatches(t)) {
                hindsightBatches = Math.max(hindsightBatches, needed);
            }
            List<Replication> seen = java.util.Arrays.asList(results[c.point()]).subList(0, replications);
            List<Figure> figures = new ArrayList<>();
            for (int i = 0; i < requirements.size(); i++) {
                figures.add(new Figure(requirements.get(i), estimate(requirements.get(i), seen, c.scenario(), replicationS),
                        name(check.verdict(i))));
            }
            Examined e = new Examined(c, name(check.verdict()), replications, figures);
            examined.add(e);
            if (check.verdict() == FeasibilityCheck.Verdict.FEASIBLE) {
                chosen = e;
            }
        }
        // A grid study gives every point as many replications as its hardest decision needs.
        long fixedGrid = (long) k * fixedBatches * b;
        return new Outcome(examined, chosen, spent, fixedGrid, (long) k * hindsightBatches * b, beta, h2, unitsByMember);
    }

    /**
     * One look after the first batches at the requirements on availability and downtime, with the
     * interval that holds near 1 ({@link zenlab.report.DowntimeInterval}, {@code tail} in each
     * tail): met if its upper end of unavailability is within the bound, not met if its lower end
     * is beyond. Far from the bound it decides at once what the triangle, whose first width grows
     * as the variance over the tolerance, would take hundreds of batches to.
     */
    private void firstLook(FeasibilityCheck check, Configuration c, List<Replication> seen, double replicationS,
                           double tail) {
        List<String> apps = c.scenario().fleet().apps().stream().map(a -> a.name()).toList();
        for (int i = 0; i < requirements.size(); i++) {
            Requirement q = requirements.get(i);
            String figure = q.figure();
            boolean availability = figure.endsWith(".availability") && q.atLeast();
            boolean downtime = figure.endsWith(".downtimeSeconds") && !q.atLeast();
            if (!figure.startsWith("app.") || !(availability || downtime)) {
                continue;
            }
            int a = apps.indexOf(figure.substring("app.".length(), figure.lastIndexOf('.')));
            double bound = availability ? 1 - q.threshold() : q.threshold() / replicationS;
            double[] u = Study.unavailabilityInterval(seen, a, replicationS, tail);
            if (Double.isFinite(u[1]) && u[1] <= bound) {
                check.decide(i, FeasibilityCheck.Verdict.FEASIBLE);
            } else if (u[0] >= bound) {
                check.decide(i, FeasibilityCheck.Verdict.INFEASIBLE);
            }
        }
    }

    private static String name(FeasibilityCheck.Verdict v) {
        return v.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Runs replications [from, to) of one point that the store does not hold yet. */
    private static void run(StudyPlan plan, int point, int from, int to, UnitExecutor executor, UnitStore store,
                            Replication[][] results, SortedMap<String, Integer> unitsByMember) throws InterruptedException {
        List<StudyUnit> missing = new ArrayList<>();
        for (StudyUnit unit : plan.units(point, from, to)) {
            UnitStore.Saved saved = store == null ? null : store.saved(unit);
            if (saved == null) {
                missing.add(unit);
            } else {
                results[point][unit.replication()] = saved.result();
                synchronized (unitsByMember) {
                    unitsByMember.merge(saved.member(), 1, Integer::sum);
                }
            }
        }
        executor.runAll(plan, missing, (unit, result, member) -> {
            if (store != null) {
                store.save(unit, result, member);
            }
            synchronized (results) {
                results[unit.point()][unit.replication()] = result;
            }
            synchronized (unitsByMember) {
                unitsByMember.merge(member, 1, Integer::sum);
            }
        });
    }

    private double[] batchMeans(Replication[] replications, int from, int size) {
        double[] means = new double[requirements.size()];
        for (int i = 0; i < means.length; i++) {
            double sum = 0;
            for (int r = from; r < from + size; r++) {
                sum += requirements.get(i).perReplication().applyAsDouble(replications[r]);
            }
            means[i] = sum / size;
        }
        return means;
    }

    /** The figure's mean with the study's interval: near-1 availability and downtime as a study gives them. */
    private static Estimate estimate(Requirement q, List<Replication> replications, Scenario scenario, double replicationS) {
        double[] values = replications.stream().mapToDouble(q.perReplication()).toArray();
        Estimate t = Estimate.of(values);
        String figure = q.figure();
        if (figure.startsWith("app.") && (figure.endsWith(".availability") || figure.endsWith(".downtimeSeconds"))) {
            String app = figure.substring("app.".length(), figure.lastIndexOf('.'));
            int a = scenario.fleet().apps().stream().map(x -> x.name()).toList().indexOf(app);
            double[] u = Study.unavailabilityInterval(replications, a, replicationS);
            return figure.endsWith(".availability") ? t.withInterval(1 - u[1], 1 - u[0])
                    : t.withInterval(u[0] * replicationS, u[1] * replicationS);
        }
        return t;
    }
}
