/**
 * YAML scenarios to immutable records. Every problem of a file is collected, each as one line
 * {@code file:line:column: what is wrong; expected ...}, so {@code zenlab validate} can list
 * them all and {@code zenlab run} refuses bad input before it writes anything.
 */
package zenlab.scenario;
