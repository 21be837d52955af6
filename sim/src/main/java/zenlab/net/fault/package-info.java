/** Faults on the real data path: an SSL-inspecting proxy. */
package zenlab.net.fault;
