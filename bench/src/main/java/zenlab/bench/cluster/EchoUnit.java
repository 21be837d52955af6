package zenlab.bench.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import zenlab.drive.Replication;
import zenlab.drive.StudyPlan;
import zenlab.drive.StudyUnit;

/**
 * What a study unit costs on a cluster without the simulation: the same request as a real
 * unit (the scenario's text, seed, variations, the unit) and an answer of the same size as a
 * real replication's, so that a round trip of it is the cluster path's overhead per unit.
 */
public final class EchoUnit implements Callable<Replication>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String scenarioFile;
    private final String scenarioText;
    private final long seed;
    private final ArrayList<String> variations;
    private final StudyUnit unit;
    private final int apps;
    private final int outages;
    private final int causes;

    /** @param like a real replication of the study, whose sizes the answer copies */
    public EchoUnit(StudyPlan plan, StudyUnit unit, Replication like) {
        this.scenarioFile = plan.scenarioFile();
        this.scenarioText = plan.scenarioText();
        this.seed = plan.scenario().seed();
        this.variations = new ArrayList<>(plan.variationTexts());
        this.unit = unit;
        this.apps = like.availability().length;
        this.outages = like.outageDurationsS()[0].length;
        this.causes = like.brokenByCause().length;
    }

    @Override
    public Replication call() {
        double[] perApp = new double[apps];
        double[][] durations = new double[apps][outages];
        for (int a = 0; a < apps; a++) {
            perApp[a] = 0.999 + unit.replication() * 1e-6 + scenarioText.length() * 1e-12 + seed * 1e-15;
            for (int o = 0; o < outages; o++) {
                durations[a][o] = 60.0 + o + variations.size();
            }
        }
        return new Replication(perApp, perApp.clone(), new long[apps], perApp.clone(), durations, new long[causes],
                new long[causes], scenarioFile.length());
    }
}
