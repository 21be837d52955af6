/**
 * The discrete-event kernel: virtual time in nanoseconds, an event queue ordered by
 * (time, insertion sequence), the {@link zenlab.kernel.Simulation} run loop, named random
 * streams, and the journal bus that carries every observable fact off the hot thread.
 *
 * <p>Like SimPy, the kernel is a handful of types around one idea: events on a clock. It knows
 * nothing of connectors, brokers or mtunnels and imports nothing else of zenlab.
 */
package zenlab.kernel;
