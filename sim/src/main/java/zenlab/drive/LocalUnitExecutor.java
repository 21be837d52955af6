package zenlab.drive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import zenlab.scenario.Scenario;

/** Runs a study's units on a fixed number of threads of this JVM. */
public final class LocalUnitExecutor implements UnitExecutor {

    /** How the results and the report name this JVM when it ran units alone. */
    public static final String MEMBER = "this machine";

    private final int threads;
    private final ExecutorService pool;

    public LocalUnitExecutor(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(this.threads, runnable -> {
            Thread t = new Thread(runnable, "zenlab-replication");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void runAll(StudyPlan plan, List<StudyUnit> units, Listener listener) throws InterruptedException {
        List<List<String>> points = plan.points();
        List<Scenario> scenarios = new ArrayList<>();
        for (List<String> point : points) {
            scenarios.add(plan.scenarioAt(point));
        }
        List<Future<?>> futures = new ArrayList<>();
        for (StudyUnit unit : units) {
            futures.add(pool.submit(() -> {
                listener.finished(unit, Replication.run(scenarios.get(unit.point()), unit.seed()), MEMBER);
                return null;
            }));
        }
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get();
            } catch (ExecutionException e) {
                for (Future<?> f : futures) {
                    f.cancel(true);
                }
                throw new StudyFailedException("unit " + units.get(i) + " failed on " + MEMBER + ": "
                        + e.getCause(), e.getCause());
            }
        }
    }

    @Override
    public String describe() {
        return threads + (threads == 1 ? " thread" : " threads") + " on this machine";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
