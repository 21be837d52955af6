package zenlab.drive;

/** A unit of a study failed: the study stops and says which unit, where, and why. */
public final class StudyFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StudyFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
