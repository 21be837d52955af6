package zenlab.report;

/** An assertion names a figure the summary does not have: bad input, found after the run. */
public final class UnknownFigureException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnknownFigureException(String message) {
        super(message);
    }
}
