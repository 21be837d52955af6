/**
 * Faults as actors: each schedules its own events at the virtual times a scenario names and
 * tells the fleet what happened (a MAC change, a skewed clock, a broker outage or redirect, an
 * SSL-inspecting proxy, a DNS failure, a crash). The kernel knows nothing of them.
 */
package zenlab.fault;
