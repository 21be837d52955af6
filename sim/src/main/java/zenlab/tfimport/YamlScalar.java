package zenlab.tfimport;

/**
 * A scalar as a user wrote it in an overlay: its text, and whether it was plain (unquoted), so
 * that {@code 30d}, {@code 0.5} and {@code true} are written back as they were read.
 */
record YamlScalar(String text, boolean plain) {
}
