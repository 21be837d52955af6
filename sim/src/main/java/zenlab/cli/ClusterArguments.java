package zenlab.cli;

import picocli.CommandLine.Option;
import zenlab.cluster.ClusterOptions;

/** The options by which a study or a plan runs its units on a zenlab cluster (picocli mixin). */
final class ClusterArguments {

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "run on the zenlab cluster of this name (see zenlab worker); this process joins it as a member")
    private String cluster;

    @Option(names = "--join", paramLabel = "HOST:PORT,...",
            description = "members of the cluster to join (default with --cluster: " + ClusterOptions.DEFAULT_JOIN + ")")
    private String join;

    @Option(names = "--kubernetes", paramLabel = "SERVICE_DNS",
            description = "find the members through Hazelcast's Kubernetes discovery: the headless service's DNS name,"
                    + " like zenlab-workers.default.svc.cluster.local (instead of --join; see docs/cluster.md)")
    private String kubernetes;

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "where this process's member listens on a cluster (default: ${DEFAULT-VALUE}, any port)")
    private String bind;

    /**
     * The cluster to run on, or null to run on this machine.
     *
     * @throws IllegalArgumentException saying what is wrong with the options
     */
    ClusterOptions options(int ownThreads) {
        if (cluster == null && join == null && kubernetes == null) {
            return null;
        }
        return ClusterOptions.parse(cluster, join != null || kubernetes != null ? join : ClusterOptions.DEFAULT_JOIN, bind,
                ownThreads, kubernetes);
    }
}
