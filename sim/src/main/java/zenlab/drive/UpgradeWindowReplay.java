package zenlab.drive;

import java.util.Arrays;
import java.util.Optional;
import zenlab.fault.Fault;
import zenlab.fault.Faults;
import zenlab.kernel.Journal;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Simulation;
import zenlab.model.ConnectorState;
import zenlab.model.Fleet;
import zenlab.model.FleetJournal;
import zenlab.model.FleetNames;
import zenlab.scenario.ConnectorGroupSpec;
import zenlab.scenario.Scenario;

/**
 * Replays a fleet scenario up to the end of its first upgrade window and keeps that window
 * minute by minute: the connectors up in the upgraded group and the active mtunnels, from
 * {@value #BEFORE_MINUTES} minutes before it opens until it closes. What a study's
 * upgrade-window chart shows, for one replication of each varied value.
 */
public final class UpgradeWindowReplay {

    static final int BEFORE_MINUTES = 10;
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long DAY_NS = 86_400_000_000_000L;

    private UpgradeWindowReplay() {
    }

    /** One window, sample i at minute {@code i - BEFORE_MINUTES} from its opening. */
    public record Trace(String group, long opensAtNs, double[] minutesFromOpening, double[] connectorsUp,
                        double[] activeMtunnels) {
    }

    /** The first upgrade window of the first group with upgrades on, or empty if none opens in the run. */
    public static Optional<Trace> run(Scenario scenario, long seed) {
        int group = -1;
        for (int g = 0; g < scenario.fleet().groups().size(); g++) {
            ConnectorGroupSpec spec = scenario.fleet().groups().get(g);
            if (spec.upgradesEnabled() && spec.connectors() > 0) {
                group = g;
                break;
            }
        }
        if (group < 0) {
            return Optional.empty();
        }
        Simulation sim = new Simulation();
        Recorder recorder = new Recorder(FleetNames.of(scenario.fleet()), group);
        Fleet fleet = new Fleet(scenario.fleet(), sim, new RandomStreams(seed), recorder);
        for (Fault fault : Faults.of(scenario.fleet().faults(), fleet)) {
            fault.arm(sim);
        }
        fleet.start();
        long endNs = scenario.durationNs();
        while (recorder.opensAtNs < 0 && sim.nowNs() < endNs) {
            sim.run(Math.min(endNs, sim.nowNs() + DAY_NS));
        }
        if (recorder.opensAtNs < 0) {
            return Optional.empty();
        }
        long windowEndNs = Math.min(endNs, recorder.opensAtNs + Fleet.UPGRADE_WINDOW_NS);
        sim.run(Math.max(sim.nowNs(), windowEndNs));
        recorder.sampleUntil(windowEndNs + 1);

        int first = (int) Math.max(0, recorder.opensAtNs / MINUTE_NS - BEFORE_MINUTES);
        int last = (int) Math.min(recorder.samples - 1, windowEndNs / MINUTE_NS);
        int n = last - first + 1;
        double[] minutes = new double[n];
        for (int i = 0; i < n; i++) {
            minutes[i] = (first + i) - recorder.opensAtNs / (double) MINUTE_NS;
        }
        return Optional.of(new Trace(scenario.fleet().groups().get(group).name(), recorder.opensAtNs, minutes,
                Arrays.copyOfRange(recorder.up, first, last + 1), Arrays.copyOfRange(recorder.mtunnels, first, last + 1)));
    }

    /** The journal of the replay: counts kept up to date, sampled at each whole minute of virtual time. */
    private static final class Recorder implements Journal {
        private final FleetNames names;
        private final int group;
        private final boolean[] connectorUp;
        private int upInGroup;
        private long activeMtunnels;
        long opensAtNs = -1;
        private long nextSampleNs;
        double[] up = new double[1024];
        double[] mtunnels = new double[1024];
        int samples;

        Recorder(FleetNames names, int group) {
            this.names = names;
            this.group = group;
            this.connectorUp = new boolean[names.connectorCount()];
        }

        @Override
        public void record(long timeNs, int kind, int subject, int cause, long a, long b, double value) {
            sampleUntil(timeNs);
            switch (kind) {
                case FleetJournal.CONNECTOR_STATE -> {
                    boolean nowUp = ConnectorState.of((int) a).up();
                    if (names.groupOfConnector(subject) == group && nowUp != connectorUp[subject]) {
                        connectorUp[subject] = nowUp;
                        upInGroup += nowUp ? 1 : -1;
                    }
                }
                case FleetJournal.MTUNNEL_ESTABLISHED -> activeMtunnels++;
                case FleetJournal.MTUNNEL_FREED, FleetJournal.MTUNNEL_BROKEN -> activeMtunnels--;
                case FleetJournal.UPGRADE_WINDOW_OPENED -> {
                    if (subject == group && opensAtNs < 0) {
                        opensAtNs = timeNs;
                    }
                }
                default -> { }
            }
        }

        /** Samples every whole minute before {@code timeNs}: the state after all events at or before it. */
        void sampleUntil(long timeNs) {
            while (nextSampleNs < timeNs) {
                if (samples == up.length) {
                    up = Arrays.copyOf(up, samples * 2);
                    mtunnels = Arrays.copyOf(mtunnels, samples * 2);
                }
                up[samples] = upInGroup;
                mtunnels[samples] = activeMtunnels;
                samples++;
                nextSampleNs += MINUTE_NS;
            }
        }
    }
}
