package zenlab.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts this process's Hazelcast member, configured for a zenlab cluster: TCP/IP join to the
 * listed members only (no multicast, no cloud discovery), bound to one interface, no phone-home,
 * quick failure detection, and the attributes other members check (version, threads).
 */
public final class ClusterMember {

    /** The distributed executor that runs study units; its pool is the member's --threads. */
    public static final String EXECUTOR = "zenlab-study-units";
    /** How often a member looks for the rest of a cluster it was cut from (Hazelcast's split-brain merge). */
    public static final int MERGE_CHECK_SECONDS = 5;
    static final String VERSION_ATTRIBUTE = "zenlab.version";
    static final String THREADS_ATTRIBUTE = "zenlab.threads";

    /** Held so that the level set on it stays (java.util.logging keeps loggers weakly). */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
    /** Its reconnection attempts to a member that left; zenlab reports members leaving itself. */
    private static final Logger HAZELCAST_TCP_LOG = Logger.getLogger("com.hazelcast.internal.server.tcp");
    /** Its word on a unit that finished after the study had stopped (it failed elsewhere): nothing to act on. */
    private static final Logger HAZELCAST_INVOCATION_LOG =
            Logger.getLogger("com.hazelcast.spi.impl.operationservice.impl.Invocation");

    private ClusterMember() {
    }

    /** Starts a member and returns once it has joined (or, first of its cluster, formed) the cluster. */
    public static HazelcastInstance start(ClusterOptions options) {
        // Hazelcast's INFO lines (banners, partition tables) would bury zenlab's own; warnings still show.
        HAZELCAST_LOG.setLevel(Level.WARNING);
        HAZELCAST_TCP_LOG.setLevel(Level.SEVERE);
        HAZELCAST_INVOCATION_LOG.setLevel(Level.SEVERE);
        return Hazelcast.newHazelcastInstance(config(options));
    }

    static Config config(ClusterOptions options) {
        Config config = new Config();
        config.setClusterName(options.clusterName());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false"); // this network reaches nobody, and should not try
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false"); // zenlab's commands end their member themselves
        // A killed member is noticed within seconds, so its units run again elsewhere soon.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        // After a network partition heals, the smaller side merges back within seconds instead of
        // Hazelcast's default 5 minutes: a worker cut off by a blip gets units again soon.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", Integer.toString(MERGE_CHECK_SECONDS));
        config.setProperty("hazelcast.merge.next.run.delay.seconds", Integer.toString(MERGE_CHECK_SECONDS));
        config.getJetConfig().setEnabled(false);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.bindPort());
        network.setPortAutoIncrement(options.bindPort() != 0);
        network.setPortCount(100);
        if (options.bindHost().equals("0.0.0.0")) {
            config.setProperty("hazelcast.socket.bind.any", "true"); // a pod: its one interface, whatever its address
        } else {
            network.getInterfaces().setEnabled(true).addInterface(options.bindHost());
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (options.kubernetesServiceDns() != null) {
            join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", options.kubernetesServiceDns());
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(options.join());
        }

        config.getExecutorConfig(EXECUTOR).setPoolSize(options.threads()).setStatisticsEnabled(false);
        config.getMemberAttributeConfig().setAttribute(VERSION_ATTRIBUTE, MemberVersion.current());
        config.getMemberAttributeConfig().setAttribute(THREADS_ATTRIBUTE, Integer.toString(options.threads()));
        return config;
    }

    /** The zenlab version a member announced. */
    public static String versionOf(Member member) {
        String v = member.getAttribute(VERSION_ATTRIBUTE);
        return v == null ? "(not zenlab)" : v;
    }

    /** How many units a member runs at once, as it announced (1 if it did not). */
    public static int threadsOf(Member member) {
        try {
            return Math.max(1, Integer.parseInt(member.getAttribute(THREADS_ATTRIBUTE)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** "127.0.0.1:5702", as messages and the report name a member. */
    public static String nameOf(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    /** Whether units may run on the member: only a member of this very zenlab version. */
    public static boolean compatible(Member member) {
        return MemberVersion.current().equals(versionOf(member));
    }
}
