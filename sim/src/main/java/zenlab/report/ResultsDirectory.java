package zenlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A run's results folder, written atomically: files go to a hidden sibling folder that is
 * renamed to the final name only when the run has finished. A failed or interrupted run leaves
 * the previous results as they were and no half-written folder.
 */
public final class ResultsDirectory implements AutoCloseable {

    private static final int REMOVE_ATTEMPTS = 100;
    private static final long REMOVE_RETRY_MS = 20;

    private final Path target;
    private final Path staging;
    private final Thread removeOnExit;
    private volatile boolean committed;

    public ResultsDirectory(Path target) throws IOException {
        this.target = target.toAbsolutePath().normalize();
        Path parent = this.target.getParent();
        Files.createDirectories(parent);
        removeStaleStaging(parent, this.target.getFileName().toString());
        // The owner's pid in the name lets a later run tell a killed run's leftovers from a live run's folder.
        this.staging = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".tmp-"
                + ProcessHandle.current().pid() + "-");
        // Ctrl-C ends the JVM without unwinding: remove the unfinished folder on the way out.
        this.removeOnExit = new Thread(this::removeStagingQuietly, "zenlab-remove-unfinished-results");
        Runtime.getRuntime().addShutdownHook(removeOnExit);
    }

    /**
     * The run's threads keep writing while shutdown hooks run, so a file may appear behind the
     * walk and the folder refuse to go: try again for a while (a writer fails once it is gone).
     */
    private void removeStagingQuietly() {
        for (int attempt = 0; attempt < REMOVE_ATTEMPTS && !committed; attempt++) {
            try {
                deleteTree(staging);
                return;
            } catch (IOException writtenMeanwhile) {
                try {
                    Thread.sleep(REMOVE_RETRY_MS);
                } catch (InterruptedException e) {
                    return; // the JVM is exiting; nothing better to do than leave it
                }
            }
        }
    }


    /**
     * Removes the unfinished folders of runs into the same target that were killed (SIGKILL, a
     * crash: no shutdown hook ran), named {@code .NAME.tmp-PID-...} with a PID no longer alive.
     */
    static void removeStaleStaging(Path parent, String name) throws IOException {
        String prefix = "." + name + ".tmp-";
        try (var entries = Files.newDirectoryStream(parent, path -> path.getFileName().toString().startsWith(prefix))) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                if (dash <= 0 || !rest.substring(0, dash).matches("\\d{1,10}")) {
                    continue; // not ours to judge
                }
                long pid = Long.parseLong(rest.substring(0, dash));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // a run still going on
                }
                try {
                    deleteTree(entry);
                } catch (IOException raced) {
                    // another run removed it first
                }
            }
        }
    }

    /** Where the run writes its files until {@link #commit()}. */
    public Path staging() {
        return staging;
    }

    public Path target() {
        return target;
    }

    /** Puts the finished results in place of any earlier ones. */
    public void commit() throws IOException {
        Path previous = null;
        if (Files.exists(target)) {
            previous = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(previous);
            move(target, previous);
        }
        move(staging, target);
        committed = true;
        if (previous != null) {
            deleteTree(previous);
        }
    }

    /** Removes the staging folder if the run did not commit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(removeOnExit);
        } catch (IllegalStateException exiting) {
            return; // the hook is running or about to
        }
        if (!committed) {
            try {
                deleteTree(staging);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the unfinished results in " + staging, e);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
