/** The wire: frames, and mtunnels multiplexed on a TLS connection with per-mtunnel credit and backpressure. */
package zenlab.net.tunnel;
