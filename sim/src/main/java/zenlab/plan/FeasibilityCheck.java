package zenlab.plan;

import java.util.List;

/**
 * The fully sequential feasibility check of one configuration against its requirements
 * (S. Andradottir and S.-H. Kim, "Fully sequential procedures for comparing constrained systems
 * via simulation", Naval Research Logistics 57:403-421, 2010; D. Batur and S.-H. Kim, "Finding
 * feasible systems in the presence of constraints on multiple performance measures", ACM TOMACS
 * 20(3):13, 2010).
 *
 * <p>Each observation is the mean of a batch of replications. After {@code n0} batches the
 * sample variance {@code S2} of each requirement's figure is fixed; then, after every batch
 * {@code r >= n0}, the sum of the observations' margins over the bound,
 * {@code G(r) = sum (Y_j - q)} (negated for an upper bound), is compared with the triangular
 * continuation region {@code R(r) = max(0, h2 S2 / (2 eps) - eps r / 2)}: above {@code R(r)}
 * the requirement is declared met, below {@code -R(r)} not met, between, another batch. The
 * configuration is feasible once every requirement is met, infeasible as soon as one is not.
 * With {@code eta = ((2 beta)^(-2/(n0-1)) - 1) / 2} and {@code h2 = 2 eta (n0 - 1)}, the chance
 * of a wrong verdict on a requirement whose true mean lies outside the tolerance {@code eps} of
 * its bound is at most {@code beta} for normal observations (Fabian's bound, as in Kim and
 * Nelson's KN). A check that re-reads a confidence interval after each replication has no such
 * bound; this one keeps it by spending the error once, along the triangle.
 */
final class FeasibilityCheck {

    /** A verdict on one requirement or on the configuration. */
    enum Verdict { FEASIBLE, INFEASIBLE, UNDECIDED }

    private final List<Requirement> requirements;
    private final double h2;
    private final int n0;
    private final double[][] firstStage;
    private final double[] variance;
    private final double[] margins;
    private final Verdict[] verdicts;
    private int batches;

    FeasibilityCheck(List<Requirement> requirements, double h2, int n0) {
        this.requirements = requirements;
        this.h2 = h2;
        this.n0 = n0;
        this.firstStage = new double[requirements.size()][n0];
        this.variance = new double[requirements.size()];
        this.margins = new double[requirements.size()];
        this.verdicts = new Verdict[requirements.size()];
        java.util.Arrays.fill(verdicts, Verdict.UNDECIDED);
    }

    /** {@code h2} of the triangle for an error of {@code beta} per requirement after {@code n0} first batches. */
    static double h2(double beta, int n0) {
        double eta = (Math.pow(2 * beta, -2.0 / (n0 - 1)) - 1) / 2;
        return 2 * eta * (n0 - 1);
    }

    /** Takes one batch's means, one per requirement, and decides what it can. */
    void add(double[] batchMeans) {
        for (int i = 0; i < requirements.size(); i++) {
            Requirement q = requirements.get(i);
            double margin = q.atLeast() ? batchMeans[i] - q.threshold() : q.threshold() - batchMeans[i];
            margins[i] += margin;
            if (batches < n0) {
                firstStage[i][batches] = batchMeans[i];
            }
        }
        batches++;
        if (batches == n0) {
            for (int i = 0; i < requirements.size(); i++) {
                variance[i] = sampleVariance(firstStage[i]);
            }
        }
        if (batches < n0) {
            return;
        }
        for (int i = 0; i < requirements.size(); i++) {
            if (verdicts[i] != Verdict.UNDECIDED) {
                continue;
            }
            double eps = requirements.get(i).tolerance();
            double region = Math.max(0, h2 * variance[i] / (2 * eps) - eps * batches / 2);
            if (margins[i] > region || (region == 0 && margins[i] >= 0)) {
                verdicts[i] = Verdict.FEASIBLE;
            } else if (margins[i] < -region) {
                verdicts[i] = Verdict.INFEASIBLE;
            }
        }
    }

    /** Infeasible as soon as one requirement is not met; feasible once all are; else undecided. */
    Verdict verdict() {
        boolean all = true;
        for (Verdict v : verdicts) {
            if (v == Verdict.INFEASIBLE) {
                return Verdict.INFEASIBLE;
            }
            all &= v == Verdict.FEASIBLE;
        }
        return all ? Verdict.FEASIBLE : Verdict.UNDECIDED;
    }

    /** A verdict reached otherwise on one requirement (the first look); the sums go on for the others. */
    void decide(int requirement, Verdict verdict) {
        if (verdicts[requirement] == Verdict.UNDECIDED) {
            verdicts[requirement] = verdict;
        }
    }

    Verdict verdict(int requirement) {
        return verdicts[requirement];
    }

    int batches() {
        return batches;
    }

    /**
     * The batches a rule that looks only once needs for each requirement to give the same
     * guarantee (a right verdict, at the same error, whenever the mean lies beyond the tolerance
     * from its bound), from the same first {@code n0} batches: Stein's two-stage sample size
     * {@code (t S / eps)^2}, with {@code t} the {@code 1 - beta} quantile of Student's t with
     * {@code n0 - 1} degrees of freedom, as the two-stage procedures a fully sequential one is
     * measured against take it (Rinott 1978; Kim and Nelson 2001). Not knowing in advance how far
     * a configuration lies from its bound, it must plan for the tolerance. Valid after {@code n0} batches.
     */
    long[] fixedSampleBatches(double t) {
        long[] batches = new long[requirements.size()];
        for (int i = 0; i < batches.length; i++) {
            double eps = requirements.get(i).tolerance();
            batches[i] = Math.max(n0, (long) Math.ceil(t * t * variance[i] / (eps * eps)));
        }
        return batches;
    }

    /**
     * The same with hindsight: Stein's size for the distance of the mean observed to the bound
     * (the tolerance if closer), what a one-look rule would need had it known how far each
     * configuration lies. No procedure can know it in advance; it bounds what a grid study sized
     * by an oracle would run.
     */
    long[] hindsightBatches(double t) {
        long[] batches = new long[requirements.size()];
        for (int i = 0; i < batches.length; i++) {
            double distance = Math.max(Math.abs(margins[i] / this.batches), requirements.get(i).tolerance());
            batches[i] = Math.max(n0, (long) Math.ceil(t * t * variance[i] / (distance * distance)));
        }
        return batches;
    }

    private static double sampleVariance(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (values.length - 1);
    }
}
