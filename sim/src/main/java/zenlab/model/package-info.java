/**
 * The actors of a scenario as sans-I/O state machines: they receive events from a
 * {@link zenlab.kernel.Scheduler}, change state, schedule timers and record journal entries.
 * They never touch a socket, a thread or the wall clock. Imports kernel types only.
 */
package zenlab.model;
