/** A cluster set up for benchmarks: a {@code zenlab worker} in a JVM of its own, and this JVM as the study's member. */
package zenlab.bench.cluster;
