package zenlab.drive;

import java.io.Serializable;

/**
 * One unit of a study: replication {@code replication} of the grid's point {@code point}, run
 * with {@code seed}. Fully determined by the plan and these three numbers.
 */
public record StudyUnit(int point, int replication, long seed) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** "point 3, replication 7", as messages name a unit. */
    @Override
    public String toString() {
        return "point " + point + ", replication " + replication;
    }
}
