package zenlab.tfimport;

/** Input that cannot be imported: one line saying what is wrong and what is expected (exit code 2). */
public final class ImportException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }
}
