package zenlab.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a process takes part in a cluster: the cluster's name (required: it keeps unrelated
 * clusters apart; it is not a secret), the members to join, the address to bind, and how many
 * units it runs at once.
 *
 * @param clusterName Hazelcast's cluster name
 * @param join {@code host:port} of members to join; empty for the first member
 * @param bindHost the IP address to listen on (loopback unless told otherwise)
 * @param bindPort the port, or 0 for an ephemeral one
 * @param threads units this member runs at once
 * @param kubernetesServiceDns the headless service whose pods are the members (Hazelcast's
 *     Kubernetes discovery, instead of {@code join}), or null
 */
public record ClusterOptions(String clusterName, List<String> join, String bindHost, int bindPort, int threads,
                             String kubernetesServiceDns) {

    /** Members listed by address, the way every test and docs/cluster.md use it. */
    public ClusterOptions(String clusterName, List<String> join, String bindHost, int bindPort, int threads) {
        this(clusterName, join, bindHost, bindPort, threads, null);
    }

    /** Hazelcast's first port: where a worker started without --bind listens, and a study looks first. */
    public static final int DEFAULT_PORT = 5701;
    public static final String DEFAULT_JOIN = "127.0.0.1:" + DEFAULT_PORT;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST_PORT = Pattern.compile("\\[?([^\\[\\]]+?)]?:(\\d{1,5})");

    public ClusterOptions {
        join = List.copyOf(join);
    }

    /**
     * Checks and resolves the options as the command line gave them.
     *
     * @throws IllegalArgumentException with what is wrong and what is expected
     */
    public static ClusterOptions parse(String clusterName, String join, String bind, int threads) {
        return parse(clusterName, join, bind, threads, null);
    }

    /**
     * The same, with Hazelcast's Kubernetes discovery when {@code kubernetesServiceDns} is set
     * (then {@code join} must not be).
     */
    public static ClusterOptions parse(String clusterName, String join, String bind, int threads,
                                       String kubernetesServiceDns) {
        if (kubernetesServiceDns != null && join != null) {
            throw new IllegalArgumentException("--kubernetes: expected either --join or --kubernetes, found both");
        }
        if (clusterName == null || !NAME.matcher(clusterName).matches()) {
            throw new IllegalArgumentException("--cluster: expected a cluster name of letters, digits, '.', '_' or '-'"
                    + " (at most 64), found " + (clusterName == null ? "none (the name is required to join)" : "'" + clusterName + "'"));
        }
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("--threads: expected 1 to 1024, found " + threads);
        }
        List<String> members = new ArrayList<>();
        if (join != null) {
            for (String part : join.split(",")) {
                if (!part.isBlank()) {
                    HostPort hp = hostPort("--join", part.trim());
                    members.add(hp.host() + ":" + hp.port());
                }
            }
            if (members.isEmpty()) {
                throw new IllegalArgumentException("--join: expected HOST:PORT[,HOST:PORT...], found '" + join + "'");
            }
        }
        HostPort b = hostPort("--bind", bind);
        return new ClusterOptions(clusterName, members, b.host(), b.port(), threads, kubernetesServiceDns);
    }

    private record HostPort(String host, int port) {
    }

    private static HostPort hostPort(String option, String text) {
        Matcher m = HOST_PORT.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
            throw new IllegalArgumentException(option + ": expected HOST:PORT like 127.0.0.1:5701, found '" + text + "'");
        }
        try {
            // Hazelcast binds interfaces by IP address, so a name is resolved once here.
            return new HostPort(InetAddress.getByName(m.group(1)).getHostAddress(), Integer.parseInt(m.group(2)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + ": cannot resolve '" + m.group(1) + "'; expected an IP address"
                    + " or a name this machine resolves");
        }
    }
}
