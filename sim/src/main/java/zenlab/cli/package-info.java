/** The command line, with picocli: {@code zenlab run}, {@code zenlab validate}. */
package zenlab.cli;
