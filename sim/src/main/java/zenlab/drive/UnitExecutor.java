package zenlab.drive;

import java.util.List;

/**
 * Where a study's units run: on this machine's threads ({@link LocalUnitExecutor}) or on the
 * members of a Hazelcast cluster ({@link zenlab.cluster.ClusterUnitExecutor}). Either way each
 * unit's result is the same, so the study merges them with the same code.
 */
public interface UnitExecutor extends AutoCloseable {

    /** Hears of each finished unit, from any thread, and of who ran it. */
    interface Listener {
        void finished(StudyUnit unit, Replication result, String member);
    }

    /**
     * Runs every unit once (a unit lost with a member runs again elsewhere) and returns when all
     * have finished.
     *
     * @throws StudyFailedException if a unit failed, naming the unit and where it ran
     */
    void runAll(StudyPlan plan, List<StudyUnit> units, Listener listener) throws InterruptedException;

    /** Where the units run, for the command's first line: "2 threads on this machine". */
    String describe();

    @Override
    void close();
}
