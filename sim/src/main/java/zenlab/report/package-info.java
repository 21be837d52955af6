/**
 * Results: the journal-bus handlers (journal.jsonl writer, latency histograms), summary.json,
 * assertion checks, the console summary, the progress bar, and the atomic results folder.
 * Formatting happens here, off the simulation's hot thread.
 */
package zenlab.report;
