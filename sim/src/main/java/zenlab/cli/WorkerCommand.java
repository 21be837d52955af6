package zenlab.cli;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import zenlab.cluster.ClusterMember;
import zenlab.cluster.ClusterOptions;
import zenlab.cluster.MemberVersion;

/** {@code zenlab worker}: a Hazelcast member that runs the units of studies submitted to its cluster. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        header = "Join a zenlab cluster and run the units of its studies.",
        description = "Joins (or starts) a zenlab cluster as a Hazelcast member and runs the units of the studies"
            + " submitted to it (zenlab study --cluster NAME), until Ctrl-C or SIGTERM. Prints its address and,"
            + " whenever it changes, the members it sees. Members talk without TLS (Hazelcast's open edition):"
            + " keep workers on a private network.",
        footerHeading = "%nExample:%n",
        footer = "  zenlab worker --cluster lab --join 127.0.0.1:5701")
final class WorkerCommand implements Callable<Integer> {

    /** When set to a process id, the worker exits once that process has gone (tests use it to leave nothing behind). */
    static final String EXIT_WITH_PID_PROPERTY = "zenlab.worker.exitWithPid";

    @Spec
    private CommandSpec spec;

    @Option(names = "--cluster", paramLabel = "NAME", required = true,
            description = "the cluster's name; a member joins only a cluster of the same name")
    private String cluster;

    @Option(names = "--join", paramLabel = "HOST:PORT,...",
            description = "members to join (default: none, this worker starts the cluster)")
    private String join;

    @Option(names = "--kubernetes", paramLabel = "SERVICE_DNS",
            description = "find the members through Hazelcast's Kubernetes discovery: the headless service's DNS name,"
                    + " like zenlab-workers.default.svc.cluster.local (instead of --join; see docs/cluster.md)")
    private String kubernetes;

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = ClusterOptions.DEFAULT_JOIN,
            description = "the address to listen on; the next free port is taken if this one is busy,"
                    + " port 0 takes any (default: ${DEFAULT-VALUE})")
    private String bind;

    @Option(names = "--threads", paramLabel = "N", description = "units run at once (default: all cores)")
    private Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterOptions options;
        try {
            options = ClusterOptions.parse(cluster, join, bind,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), kubernetes);
        } catch (IllegalArgumentException e) {
            err.println("zenlab worker: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        HazelcastInstance member;
        try {
            member = ClusterMember.start(options);
        } catch (RuntimeException e) {
            err.println("zenlab worker: cannot start a cluster member on " + options.bindHost() + ":" + options.bindPort()
                    + ": " + Main.describe(e));
            return ExitCodes.RUN_FAILED;
        }
        CountDownLatch stop = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Thread onSignal = new Thread(() -> {
            stopping.set(true);
            stop.countDown();
            member.getLifecycleService().shutdown(); // a study reruns whatever this member had in flight
        }, "zenlab-worker-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        watchParent(stop);
        Member self = member.getCluster().getLocalMember();
        out.printf(Locale.ROOT, "zenlab worker %s  member %s of cluster %s  %d threads%n", MemberVersion.current(),
                ClusterMember.nameOf(self), options.clusterName(), options.threads());
        printMembers(out, member);
        member.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                printMembers(out, member);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                printMembers(out, member);
            }
        });
        member.getLifecycleService().addLifecycleListener(event -> {
            LifecycleState state = event.getState();
            if (state == LifecycleState.MERGING) {
                out.println("cut off from the rest of cluster " + options.clusterName() + " and found it again: merging back");
            } else if (state == LifecycleState.MERGED) {
                out.println("back in cluster " + options.clusterName());
                printMembers(out, member);
            } else if (state == LifecycleState.MERGE_FAILED) {
                out.println("could not merge back into cluster " + options.clusterName()
                        + " (Hazelcast's split-brain merge failed; its warning above says why): restart this worker");
            } else if (state == LifecycleState.SHUTDOWN && !stopping.get()) {
                err.println("zenlab worker: the cluster member stopped by itself; restart this worker");
                stop.countDown();
            }
            out.flush();
        });
        stop.await();
        if (!stopping.get() && !member.getLifecycleService().isRunning()) {
            return ExitCodes.RUN_FAILED;
        }
        out.println("stopping");
        out.flush();
        return ExitCodes.OK;
    }

    private static synchronized void printMembers(PrintWriter out, HazelcastInstance member) {
        List<String> seen = new ArrayList<>();
        for (Member m : member.getCluster().getMembers()) {
            String v = ClusterMember.versionOf(m);
            seen.add(ClusterMember.nameOf(m) + (m.localMember() ? " (this worker)" : "")
                    + (ClusterMember.compatible(m) ? "" : " (zenlab " + v + ": refused, gets no units)"));
        }
        out.printf(Locale.ROOT, "members %d: %s%n", seen.size(), String.join(", ", seen));
        out.flush();
    }

    /** Exits with the process named by {@value #EXIT_WITH_PID_PROPERTY}, if any. */
    private static void watchParent(CountDownLatch stop) {
        String pid = System.getProperty(EXIT_WITH_PID_PROPERTY);
        if (pid == null) {
            return;
        }
        Thread watcher = new Thread(() -> {
            var parent = ProcessHandle.of(Long.parseLong(pid));
            try {
                while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                    if (stop.await(500, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
            System.exit(ExitCodes.OK);
        }, "zenlab-worker-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
