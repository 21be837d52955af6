/**
 * The drivers of a model. The virtual driver runs a {@link zenlab.drive.World} on the
 * discrete-event kernel and writes its results; the live driver runs the same fleet model on
 * the wall clock ({@link zenlab.drive.WallClockPacer}) over real TLS sockets on loopback
 * ({@link zenlab.drive.LiveFleetNetwork}), and writes the same results.
 */
package zenlab.drive;
