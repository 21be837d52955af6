package zenlab.drive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import zenlab.report.Estimate;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioLoader;
import zenlab.scenario.Variation;

/**
 * Whether the studies' 95% intervals contain the truth 95% of the time where availability nears
 * 1: many independent 20-replication studies of a case theory answers (one group of n
 * connectors failing independently, MTBF 5 days, MTTR 4 hours, no upgrades: availability
 * 1 - (4/124)^n), counting the intervals that contain theory, for the interval the study writes
 * and, beside it, Student's t on per-replication availability (the study's interval before
 * 2026-12-06). The studies are seeded, so each count is the same on every run.
 */
class IntervalCoverageTest {

    private static final Study STUDY = new Study(new PrintStream(OutputStream.nullOutputStream()), false,
            Runtime.getRuntime().availableProcessors());
    private static final int REPLICATIONS = 20;

    /** {written interval's coverage, Student's t coverage} over {@code studies} studies of n connectors. */
    static double[] coverage(int connectors, int studies) throws Exception {
        double theory = 1 - Math.pow(4.0 / 124.0, connectors);
        int covered = 0;
        int coveredByT = 0;
        for (int s = 0; s < studies; s++) {
            Scenario scenario = ScenarioLoader.parse("coverage.yaml", String.join("\n",
                    "name: coverage",
                    "seed: " + (1000 + s),
                    "duration: 365d",
                    "broker_rtt: 0ms",
                    "brokers: [{name: b1}]",
                    "provisioning_keys: [{name: K, max_usage: 3, group: g}]",
                    "connector_groups: [{name: g, connectors: 1, upgrades_enabled: false, failures: {mtbf: 5d, mttr: 4h}}]",
                    "apps: [{name: crm, groups: [g]}]"));
            Variation connectorsN = Variation.parse("group.connectors=" + connectors);
            List<Study.Point> points = STUDY.run(scenario, connectorsN, REPLICATIONS);
            JsonNode availability = Study.summary(scenario, connectorsN, REPLICATIONS, points)
                    .path("results").get(0).path("apps").get(0).path("availability");
            if (availability.path("ciLow").isNumber() && availability.path("ciLow").asDouble() <= theory
                    && theory <= availability.path("ciHigh").asDouble()) {
                covered++;
            }
            double[] values = points.get(0).replications().stream().mapToDouble(r -> r.availability()[0]).toArray();
            if (Estimate.of(values).covers(theory)) {
                coveredByT++;
            }
        }
        return new double[] {(double) covered / studies, (double) coveredByT / studies};
    }

    private static void check(int studies, double atLeast) throws Exception {
        StringBuilder table = new StringBuilder();
        for (int n = 1; n <= 3; n++) {
            double[] c = coverage(n, studies);
            table.append(String.format(Locale.ROOT, "n=%d: %d studies, this interval %.1f%%, Student's t %.1f%%%n",
                    n, studies, 100 * c[0], 100 * c[1]));
            assertTrue(c[0] >= atLeast, "coverage at n=" + n + " below " + atLeast + ":\n" + table);
        }
        System.out.print(table);
    }

    /** 100 studies per n in mvn verify (about 30 s); the count is seeded, so it cannot flicker. */
    @Test
    void shouldCoverTheoryNearAvailabilityOne() throws Exception {
        check(100, 0.92);
    }

    /** The full measurement for docs/studies.md: 400 studies per n (run with -Dzenlab.excludedGroups=none). */
    @Test
    @Tag("long")
    void shouldCoverTheoryAtLeast93PercentOver400Studies() throws Exception {
        check(400, 0.93);
    }
}
