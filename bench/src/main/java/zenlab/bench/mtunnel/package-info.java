/** The real data path set up for benchmarks: a broker, connectors and an app on loopback, and load clients. */
package zenlab.bench.mtunnel;
