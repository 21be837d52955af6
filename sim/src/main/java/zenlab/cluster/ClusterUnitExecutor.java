package zenlab.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import zenlab.drive.Replication;
import zenlab.drive.StudyFailedException;
import zenlab.drive.StudyPlan;
import zenlab.drive.StudyUnit;
import zenlab.drive.UnitExecutor;

/**
 * Runs a study's units on the members of a Hazelcast cluster, this process among them. Each
 * member gets at most as many units as it has threads, so a member that joins late takes work
 * as soon as it appears, and a fast member is never left idle behind a slow one's queue. A unit
 * lost with a member that left (killed, partitioned, shut down) runs again on another; a unit
 * that fails on a member fails the study, naming both. Members of another zenlab version are
 * refused by name and get nothing.
 */
public final class ClusterUnitExecutor implements UnitExecutor {

    private static final long POLL_MS = 200;

    private final HazelcastInstance hazelcast;
    private final PrintWriter notices;
    private final Set<UUID> refused = new HashSet<>();

    /** @param notices where members refused, left and joined are reported (stderr) */
    public ClusterUnitExecutor(HazelcastInstance hazelcast, PrintWriter notices) {
        this.hazelcast = hazelcast;
        this.notices = notices;
    }

    /** What the executor hears, on its one dispatching thread. */
    private sealed interface Outcome permits Done, Failed, MemberLeft {
    }

    private record Done(StudyUnit unit, Member member, Replication result) implements Outcome {
    }

    private record Failed(StudyUnit unit, Member member, Throwable error) implements Outcome {
    }

    private record MemberLeft(Member member) implements Outcome {
    }

    @Override
    public void runAll(StudyPlan plan, List<StudyUnit> units, Listener listener) throws InterruptedException {
        IExecutorService executor = hazelcast.getExecutorService(ClusterMember.EXECUTOR);
        BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        UUID registration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // The dispatch loop reads the member list each round: nothing to do.
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                outcomes.add(new MemberLeft(event.getMember()));
            }
        });
        Deque<StudyUnit> waiting = new ArrayDeque<>(units);
        Map<StudyUnit, UUID> runningOn = new HashMap<>();
        Map<UUID, Integer> running = new HashMap<>();
        Set<StudyUnit> finished = new HashSet<>();
        Map<UUID, Integer> lostWith = new HashMap<>(); // units handed out again because their member went
        try {
            while (finished.size() < units.size()) {
                if (!hazelcast.getLifecycleService().isRunning()) {
                    throw new StudyFailedException("this process's cluster member stopped with "
                            + (units.size() - finished.size()) + " units unfinished", null);
                }
                for (Member member : hazelcast.getCluster().getMembers()) {
                    if (!usable(member)) {
                        continue;
                    }
                    int capacity = ClusterMember.threadsOf(member);
                    while (!waiting.isEmpty() && running.getOrDefault(member.getUuid(), 0) < capacity) {
                        StudyUnit unit = waiting.poll();
                        if (finished.contains(unit)) {
                            continue; // handed out again after a member left, then finished by it after all
                        }
                        runningOn.put(unit, member.getUuid());
                        running.merge(member.getUuid(), 1, Integer::sum);
                        submit(executor, plan, unit, member, outcomes);
                    }
                }
                Outcome outcome = outcomes.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (outcome instanceof Done done) {
                    release(done.unit(), done.member(), runningOn, running);
                    if (finished.add(done.unit())) {
                        listener.finished(done.unit(), done.result(), ClusterMember.nameOf(done.member())
                                + (done.member().localMember() ? " (the study's own member)" : ""));
                    }
                } else if (outcome instanceof Failed failed) {
                    if (!release(failed.unit(), failed.member(), runningOn, running) || finished.contains(failed.unit())) {
                        continue; // already handed out again, or finished elsewhere
                    }
                    if (!lostWithMember(failed.error())) {
                        throw new StudyFailedException("unit " + failed.unit() + " failed on member "
                                + ClusterMember.nameOf(failed.member()) + " (zenlab "
                                + ClusterMember.versionOf(failed.member()) + "): " + describe(failed.error()),
                                failed.error());
                    }
                    waiting.addFirst(failed.unit());
                    lostWith.merge(failed.member().getUuid(), 1, Integer::sum);
                } else if (outcome instanceof MemberLeft left) {
                    int lost = lostWith.getOrDefault(left.member().getUuid(), 0);
                    for (var it = runningOn.entrySet().iterator(); it.hasNext(); ) {
                        var entry = it.next();
                        if (entry.getValue().equals(left.member().getUuid())) {
                            it.remove();
                            waiting.addFirst(entry.getKey());
                            lost++;
                        }
                    }
                    running.remove(left.member().getUuid());
                    notices.printf("zenlab study: member %s left the cluster; its %d unit%s in flight run again elsewhere%n",
                            ClusterMember.nameOf(left.member()), lost, lost == 1 ? "" : "s");
                    notices.flush();
                }
            }
        } finally {
            hazelcast.getCluster().removeMembershipListener(registration);
        }
    }

    /** Whether units may go to the member; a member of another version is refused once, by name. */
    private boolean usable(Member member) {
        if (ClusterMember.compatible(member)) {
            return true;
        }
        if (refused.add(member.getUuid())) {
            notices.printf("zenlab study: member %s runs zenlab %s, this study %s: refused, it gets no units%n",
                    ClusterMember.nameOf(member), ClusterMember.versionOf(member), MemberVersion.current());
            notices.flush();
        }
        return false;
    }

    private static void submit(IExecutorService executor, StudyPlan plan, StudyUnit unit, Member member,
                               BlockingQueue<Outcome> outcomes) {
        try {
            executor.submitToMember(new RemoteUnit(plan, unit), member, new ExecutionCallback<Replication>() {
                @Override
                public void onResponse(Replication result) {
                    outcomes.add(new Done(unit, member, result));
                }

                @Override
                public void onFailure(Throwable error) {
                    outcomes.add(new Failed(unit, member, error));
                }
            });
        } catch (RuntimeException e) {
            outcomes.add(new Failed(unit, member, e)); // the member left between the list and the send
        }
    }

    /** Frees the member's slot if the unit was still its own; false if the unit had been handed elsewhere. */
    private static boolean release(StudyUnit unit, Member member, Map<StudyUnit, UUID> runningOn,
                                   Map<UUID, Integer> running) {
        if (!member.getUuid().equals(runningOn.get(unit))) {
            return false;
        }
        runningOn.remove(unit);
        running.computeIfPresent(member.getUuid(), (uuid, n) -> n > 1 ? n - 1 : null);
        return true;
    }

    /** Whether the unit failed because its member went away, not because of the unit. */
    static boolean lostWithMember(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MemberLeftException || t instanceof TargetNotMemberException
                    || t instanceof TargetDisconnectedException || t instanceof HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        Throwable t = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public String describe() {
        Set<Member> members = hazelcast.getCluster().getMembers();
        int threads = members.stream().filter(ClusterMember::compatible).mapToInt(ClusterMember::threadsOf).sum();
        return String.format("cluster %s: %d member%s, %d threads", hazelcast.getConfig().getClusterName(),
                members.size(), members.size() == 1 ? "" : "s", threads);
    }

    @Override
    public void close() {
        hazelcast.getLifecycleService().shutdown(); // leaves politely: the others need not detect a failure
    }
}
