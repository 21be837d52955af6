/**
 * JMH benchmarks, shaded into bench/target/benchmarks.jar. Each {@code <Subject>Benchmark}
 * names its baseline and the command that runs it in its class comment.
 */
package zenlab.bench;
