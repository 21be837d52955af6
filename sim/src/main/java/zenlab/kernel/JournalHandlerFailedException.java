package zenlab.kernel;

/** A journal handler threw: the run's results would be incomplete, so the run fails. */
public final class JournalHandlerFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalHandlerFailedException(String handlerName, Throwable cause) {
        super("journal handler " + handlerName + " failed: " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
