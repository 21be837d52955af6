/**
 * The drivers of a model. The virtual driver runs a {@link zenlab.drive.World} on the
 * discrete-event kernel and writes its results; the live driver (a later issue) runs the same
 * actors over real TLS sockets on the wall clock.
 */
package zenlab.drive;
