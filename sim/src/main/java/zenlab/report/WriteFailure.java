package zenlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An I/O failure while results were being written (a full disk, a folder gone), said in one line
 * that names where: "cannot write the results in /data/out: No space left on device". The
 * writer that failed (a buffered journal, a chart) rarely knows its path; the driver does.
 */
public final class WriteFailure {

    private WriteFailure() {
    }

    /** The I/O error in {@code failure}'s chain of causes, or null if it holds none. */
    public static IOException ioCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
            if (t instanceof UncheckedIOException unchecked) {
                return unchecked.getCause();
            }
        }
        return null;
    }

    /** "cannot write WHAT in WHERE: reason", keeping the original as its cause. */
    public static IOException of(String what, Path where, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            reason = fs.getReason();
        }
        return new IOException("cannot write " + what + " in " + where.toAbsolutePath().normalize() + ": " + reason, cause);
    }
}
