package zenlab.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import zenlab.drive.Replication;
import zenlab.drive.StudyPlan;
import zenlab.drive.StudyUnit;
import zenlab.scenario.Scenario;

/**
 * One study unit as it travels to a member: the scenario's text, seed and variations (so the
 * member needs no shared files), the unit, and the submitter's zenlab version, which the
 * member checks before it runs anything.
 */
final class RemoteUnit implements Callable<Replication>, Serializable {

    private static final long serialVersionUID = 1L;

    /** Makes a member fail every unit it is given, so that a test can check how a study reports it. */
    static final String FAIL_PROPERTY = "zenlab.cluster.failUnits";

    private final String version;
    private final String scenarioFile;
    private final String scenarioText;
    private final long seed;
    private final ArrayList<String> variations;
    private final int replications;
    private final StudyUnit unit;

    RemoteUnit(StudyPlan plan, StudyUnit unit) {
        this.version = MemberVersion.current();
        this.scenarioFile = plan.scenarioFile();
        this.scenarioText = plan.scenarioText();
        this.seed = plan.scenario().seed();
        this.variations = new ArrayList<>(plan.variationTexts());
        this.replications = plan.replications();
        this.unit = unit;
    }

    @Override
    public Replication call() throws Exception {
        if (!version.equals(MemberVersion.current())) {
            throw new IllegalStateException("this member runs zenlab " + MemberVersion.current() + " and the study "
                    + version + "; a unit runs only on a member of the study's version");
        }
        if (Boolean.getBoolean(FAIL_PROPERTY)) {
            throw new IllegalStateException("this member was started with -D" + FAIL_PROPERTY + "=true");
        }
        return Replication.run(scenarioAt(), unit.seed());
    }

    /** The unit's scenario; the last plan is kept, since a member runs many units of one study. */
    private Scenario scenarioAt() throws Exception {
        String fingerprint = String.join("\u0000", version, scenarioFile, scenarioText, Long.toString(seed),
                String.join("\n", variations), Integer.toString(replications));
        LastPlan last = lastPlan;
        if (last == null || !last.fingerprint.equals(fingerprint)) {
            StudyPlan plan = StudyPlan.of(scenarioFile, scenarioText, seed, variations, replications);
            last = new LastPlan(fingerprint, plan, plan.points());
            lastPlan = last;
        }
        return last.plan.scenarioAt(last.points.get(unit.point()));
    }

    private record LastPlan(String fingerprint, StudyPlan plan, List<List<String>> points) {
    }

    private static volatile LastPlan lastPlan;
}
