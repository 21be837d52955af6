package zenlab.scenario;

import java.util.List;

/**
 * A private app and its users' demand.
 *
 * @param mtunnelsPerS     new mtunnels per second (Poisson); 0 for none
 * @param meanDurationNs   mean mtunnel lifetime (exponential)
 * @param mbps             bandwidth one mtunnel uses while it lives
 * @param users            distinct users, each sticking to its connector for 30 minutes
 * @param doubleEncrypt    the app segment's {@code double_encrypt}: costs connector capacity
 * @param live             what serves the app on the real data path
 */
public record AppSpec(String name, String host, List<String> groups, String healthReporting,
                      boolean doubleEncrypt, double mtunnelsPerS, long meanDurationNs, double mbps,
                      int users, LiveAppSpec live) {

    public AppSpec {
        groups = List.copyOf(groups);
    }
}
