/**
 * The classic hold model (Jones 1986) on each event-list engine: remove the earliest event at
 * time t, insert one at t + Exp(1). Every engine replays the same precomputed Exp(1) draws,
 * so they differ only in their queue and dispatch.
 */
package zenlab.bench.hold;
