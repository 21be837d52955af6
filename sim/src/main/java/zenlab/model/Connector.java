package zenlab.model;

import zenlab.kernel.EventHandler;
import zenlab.kernel.RandomStream;
import zenlab.kernel.Scheduler;

/**
 * One connector VM as a sans-I/O state machine: it boots, looks for its provisioning key,
 * enrols, dials out to a broker, serves, pauses and restarts for upgrades, fails and is
 * repaired, backs off and reconnects. It reacts to its own timers and to what the cloud and
 * faults tell it, and reports every state change to {@link Fleet}; it never listens, and it
 * reads time only from the scheduler (plus its own clock offset for certificate checks).
 */
public final class Connector implements EventHandler {

    static final int KEY_CHECK = 1;
    static final int ENROLL_REPLY = 2;
    static final int AUTHENTICATED = 3;
    static final int RETRY = 4;
    static final int PAUSE_OVER = 5;
    static final int RESTART_DONE = 6;
    static final int FAIL = 7;
    static final int REPAIRED = 8;
    static final int TIME_SYNCED = 9;
    static final int STATUS = 10;
    static final int CERT_EXPIRY = 11;
    static final int REPROVISION = 12;
    static final int CERT_RENEWAL = 13;
    static final int STALL_DETECTED = 14;

    /** A connection that hears nothing (not even a ping) this long is cut (as the real connector's idleTimeoutMs). */
    static final long IDLE_TIMEOUT_NS = 30_000_000_000L;
    /** A TLS handshake not done by then fails (as the real connector's handshakeTimeoutMs). */
    static final long HANDSHAKE_TIMEOUT_NS = 10_000_000_000L;

    static final long KEY_RECHECK_NS = 24L * 3600 * 1_000_000_000L;
    static final long CERTIFICATE_LIFETIME_NS = 365L * 86_400 * 1_000_000_000L;
    /** The model's assumption: a connected connector renews its certificate 30 days before expiry. */
    static final long RENEW_BEFORE_NS = 30L * 86_400 * 1_000_000_000L;
    static final long RENEW_RETRY_NS = 86_400L * 1_000_000_000L;
    static final long BACKOFF_FIRST_NS = 1_000_000_000L;
    static final long BACKOFF_MAX_NS = 60_000_000_000L;

    // What an mtunnel reads of its connector is in AdmissionView and ConnectorLinks, by index.
    final int index;
    final ConnectorGroup group;
    private final Fleet fleet;
    private final Scheduler scheduler;
    private final RandomStream random;
    /** For its timers nobody cancels, posted: the kernel keeps no slot for them. */
    private final int handlerId;

    ConnectorState state = ConnectorState.WAITING_FOR_KEY;
    Cause lastCause = Cause.NONE;
    int broker = -1;
    private int preferredBroker;
    boolean enrolled;
    int nameNumber;
    long certNotAfterNs = -1;
    long clockOffsetNs;
    boolean macChanged;
    int version;
    int upgrades;
    int upgradeTarget = -1;
    private boolean awaitingUpgradeUp;
    private long backoffNs = BACKOFF_FIRST_NS;
    /** Apps of its group it cannot resolve, by position in {@code group.apps}; allocated on the first failure. */
    private boolean[] dnsFailed;
    private int dnsFailures;
    private long pendingConnect = Scheduler.NO_EVENT;
    private long pendingFailure = Scheduler.NO_EVENT;
    private long pendingTimeSync = Scheduler.NO_EVENT;
    /** Live mode: a handshake is under way on the real network (the virtual driver uses pendingConnect). */
    private boolean liveAttempt;
    /** Live mode: the last enrolment failed for a reason other than the key, so the next retry enrols again. */
    private boolean enrolmentToRetry;
    /** A link fault on its path to the brokers, or null; latency adds this much to each round trip. */
    zenlab.scenario.LinkToxic linkToxic;
    private long pendingStallDetection = Scheduler.NO_EVENT;

    Connector(int index, ConnectorGroup group, Fleet fleet, Scheduler scheduler, RandomStream random) {
        this.index = index;
        this.group = group;
        this.fleet = fleet;
        this.scheduler = scheduler;
        this.random = random;
        this.preferredBroker = index % fleet.brokerCount();
        this.handlerId = scheduler.register(this);
    }

    public ConnectorState state() {
        return state;
    }

    /** Serving: takes new mtunnels. */
    boolean serving() {
        return state == ConnectorState.CONNECTED;
    }

    void boot() {
        scheduler.post(0, handlerId, KEY_CHECK, 0);
        if (fleet.statusIntervalNs() > 0) {
            scheduler.post(fleet.statusIntervalNs(), handlerId, STATUS, 0);
        }
    }

    @Override
    public void onEvent(int kind, long arg) {
        switch (kind) {
            case KEY_CHECK: checkKey(); break;
            case ENROLL_REPLY: enrolmentReply((int) arg); break;
            case AUTHENTICATED: authenticated(); break;
            case RETRY: retry(); break;
            case PAUSE_OVER: restartForUpgrade(); break;
            case RESTART_DONE: restartDone(); break;
            case FAIL: fail(Cause.CONNECTOR_FAILURE, true); break;
            case REPAIRED: repaired(); break;
            case TIME_SYNCED: timeSynced(); break;
            case STATUS: status(); break;
            case CERT_EXPIRY: certificateExpiry(); break;
            case CERT_RENEWAL: renewCertificate(); break;
            case REPROVISION: reprovision(); break;
            case STALL_DETECTED: stallDetected(); break;
            default: throw new IllegalStateException("unknown connector event " + kind);
        }
    }

    // ---- boot and enrolment -------------------------------------------------------------

    private void checkKey() {
        if (scheduler.nowNs() < group.keyProvidedAfterNs) {
            // The deployment notes: without a key at boot, the connector looks again in 24 h.
            setState(ConnectorState.WAITING_FOR_KEY, Cause.KEY_MISSING);
            scheduler.post(KEY_RECHECK_NS, handlerId, KEY_CHECK, 0);
            return;
        }
        if (skewed()) {
            waitForTimeSync();
            return;
        }
        enrol();
    }

    private void enrol() {
        setState(ConnectorState.ENROLLING, Cause.NONE);
        CloudNetwork network = fleet.network();
        if (network != null) {
            // Live: the real tenant counts the key's uses and says which n this connector gets.
            int b = fleet.pickBroker(preferredBroker);
            if (b < 0) {
                enrolmentToRetry = true;
                backOff(Cause.BROKER_UNREACHABLE);
                return;
            }
            liveAttempt = true;
            network.enrol(index, b);
            return;
        }
        // The cloud takes key uses in the order requests arrive, whatever order replies return in.
        scheduler.post(fleet.brokerRttNs(random), handlerId, ENROLL_REPLY, fleet.useKey(group));
    }

    /** Live: the real enrolment's answer, the n of {@code <key>-<n>} or why not. */
    void liveEnrolmentAnswered(int n, Cause cause) {
        if (state != ConnectorState.ENROLLING || !liveAttempt) {
            return; // it moved on (a restart, a fault) while the answer travelled
        }
        liveAttempt = false;
        switch (cause) {
            case NONE -> enrolmentReply(n);
            case KEY_EXHAUSTED, KEY_INVALID -> enrolmentReply(-1);
            case CERT_NOT_YET_VALID, CERT_EXPIRED, CLOCK_SKEW -> waitForTimeSync();
            default -> {
                enrolmentToRetry = true;
                backOff(cause);
            }
        }
    }

    private void enrolmentReply(int n) {
        if (n < 0) {
            enrolled = false;
            setState(ConnectorState.REFUSED, Cause.KEY_EXHAUSTED);
            fleet.enrolmentRefused(this, Cause.KEY_EXHAUSTED);
            return;
        }
        enrolled = true;
        nameNumber = n;
        macChanged = false;
        version = Math.max(version, group.releasedVersion());
        issueCertificate();
        fleet.enrolled(this);
        scheduleNextFailure();
        connect();
    }

    private void issueCertificate() {
        certNotAfterNs = scheduler.nowNs() + CERTIFICATE_LIFETIME_NS;
        scheduler.post(CERTIFICATE_LIFETIME_NS, handlerId, CERT_EXPIRY, 0);
        scheduler.post(CERTIFICATE_LIFETIME_NS - RENEW_BEFORE_NS, handlerId, CERT_RENEWAL, 0);
    }

    private void renewCertificate() {
        if (state == ConnectorState.BLOCKED || state == ConnectorState.REFUSED || !enrolled) {
            return;
        }
        if (state.up()) {
            issueCertificate();
        } else if (scheduler.nowNs() + RENEW_RETRY_NS < certNotAfterNs) {
            scheduler.post(RENEW_RETRY_NS, handlerId, CERT_RENEWAL, 0);
        }
    }

    private void certificateExpiry() {
        if (scheduler.nowNs() >= certNotAfterNs && enrolled && state != ConnectorState.BLOCKED) {
            block(Cause.CERT_EXPIRED); // the expiry of a certificate since renewed is stale
        }
    }

    // ---- connecting -----------------------------------------------------------------------

    private void connect() {
        CloudNetwork network = fleet.network();
        // Live, the real handshake finds the proxy and the skew; virtual, the model does.
        if (network == null && group.sslInspected) {
            // The proxy presents its own CA: the pinned check fails, nothing passes.
            backOff(Cause.UNTRUSTED_CERTIFICATE);
            return;
        }
        if (network == null && skewed()) {
            waitForTimeSync();
            return;
        }
        if (network == null && linkToxic == zenlab.scenario.LinkToxic.RESET) {
            backOff(Cause.CONNECTION_LOST); // every connection is reset as it opens
            return;
        }
        int b = fleet.pickBroker(preferredBroker);
        if (b < 0) {
            backOff(Cause.BROKER_UNREACHABLE);
            return;
        }
        broker = b;
        preferredBroker = b;
        setState(ConnectorState.CONNECTING, Cause.NONE);
        if (network != null) {
            liveAttempt = true;
            network.connect(index, b);
            return;
        }
        long handshakeNs = fleet.brokerRttNs(random) + fleet.linkExtraRttNs(index);
        if (linkToxic == zenlab.scenario.LinkToxic.STALL) {
            handshakeNs = HANDSHAKE_TIMEOUT_NS; // nothing comes back: the handshake times out
        }
        pendingConnect = scheduler.schedule(handshakeNs, this, AUTHENTICATED, 0);
    }

    /** Live: the real handshakes with broker {@code b} are done (cause NONE) or failed, and why. */
    void liveConnectAnswered(int b, Cause cause) {
        if (state != ConnectorState.CONNECTING || !liveAttempt || b != broker) {
            return;
        }
        liveAttempt = false;
        switch (cause) {
            case NONE -> serveNow();
            case FINGERPRINT_MISMATCH -> block(cause); // AuthFailed: the fingerprint bound at enrolment differs
            case CERT_NOT_YET_VALID, CERT_EXPIRED, CLOCK_SKEW -> {
                fleet.network().disconnect(index);
                broker = -1;
                waitForTimeSync();
            }
            default -> {
                fleet.network().disconnect(index);
                broker = -1;
                backOff(cause);
            }
        }
    }

    /** Live: the connection to the broker dropped without the model asking (a reset, a stall). */
    void liveConnectionLost(Cause cause) {
        if (state == ConnectorState.CONNECTED || state == ConnectorState.PAUSED) {
            brokerLost(cause);
        }
    }

    private void authenticated() {
        pendingConnect = Scheduler.NO_EVENT;
        if (state != ConnectorState.CONNECTING) {
            return;
        }
        if (!fleet.brokerUp(broker)) {
            backOff(Cause.BROKER_UNREACHABLE);
            return;
        }
        if (linkToxic == zenlab.scenario.LinkToxic.STALL) {
            broker = -1;
            backOff(Cause.HANDSHAKE_FAILED);
            return;
        }
        if (macChanged) {
            // The broker checks the hardware fingerprint bound at enrolment: AuthFailed.
            block(Cause.FINGERPRINT_MISMATCH);
            return;
        }
        serveNow();
    }

    private void serveNow() {
        backoffNs = BACKOFF_FIRST_NS;
        setState(ConnectorState.CONNECTED, Cause.NONE);
        if (awaitingUpgradeUp) {
            awaitingUpgradeUp = false;
            group.upgrades.finished(this, true);
        }
    }

    private void backOff(Cause cause) {
        setState(ConnectorState.BACKOFF, cause);
        long jitteredNs = (long) (backoffNs * random.uniform(0.8, 1.2));
        pendingConnect = scheduler.schedule(jitteredNs, this, RETRY, 0);
        backoffNs = Math.min(BACKOFF_MAX_NS, backoffNs * 2);
    }

    private void retry() {
        pendingConnect = Scheduler.NO_EVENT;
        if (state == ConnectorState.BACKOFF && enrolmentToRetry) {
            enrolmentToRetry = false;
            enrol();
        } else if (state == ConnectorState.BACKOFF) {
            connect();
        }
    }

    /** Skew beyond tolerance fails certificate checks: behind the cloud, "not yet valid". */
    private boolean skewed() {
        return Math.abs(clockOffsetNs) > fleet.skewToleranceNs();
    }

    private void waitForTimeSync() {
        setState(ConnectorState.WAITING_FOR_TIME_SYNC, clockOffsetNs < 0 ? Cause.CERT_NOT_YET_VALID : Cause.CLOCK_SKEW);
        if (pendingTimeSync == Scheduler.NO_EVENT) {
            pendingTimeSync = scheduler.schedule(fleet.timeSyncDelayNs(), this, TIME_SYNCED, 0);
        }
    }

    private void timeSynced() {
        pendingTimeSync = Scheduler.NO_EVENT;
        clockOffsetNs = 0;
        if (fleet.network() != null) {
            fleet.network().clockOffset(index, 0);
        }
        fleet.fault(index, zenlab.model.FleetJournal.FAULT_TIME_SYNCED, 0);
        if (state == ConnectorState.WAITING_FOR_TIME_SYNC) {
            if (enrolled) {
                connect();
            } else {
                enrol();
            }
        }
    }

    // ---- upgrades ---------------------------------------------------------------------------

    /** Starts an upgrade: pause (refusing new mtunnels), then restart. False if not serving. */
    boolean beginUpgrade(int targetVersion) {
        if (state != ConnectorState.CONNECTED) {
            return false;
        }
        upgradeTarget = targetVersion;
        if (fleet.network() != null) {
            fleet.network().pause(index);
        }
        setState(ConnectorState.PAUSED, Cause.PAUSED_FOR_UPGRADE);
        scheduler.post(group.upgradePauseNs, handlerId, PAUSE_OVER, 0);
        return true;
    }

    private void restartForUpgrade() {
        if (upgradeTarget < 0 || state == ConnectorState.DOWN || state == ConnectorState.BLOCKED) {
            return;
        }
        restart(Cause.UPGRADE_RESTART);
    }

    private void restart(Cause cause) {
        cancelConnect();
        fleet.breakMtunnels(this, Cause.CONNECTION_LOST);
        broker = -1;
        setState(ConnectorState.RESTARTING, cause);
        long downNs = (long) random.lognormalWithMean(group.restartMeanNs, group.restartSdNs);
        scheduler.post(Math.max(0, downNs), handlerId, RESTART_DONE, 0);
    }

    private void restartDone() {
        if (state != ConnectorState.RESTARTING) {
            return;
        }
        if (upgradeTarget >= 0) {
            int target = upgradeTarget;
            upgradeTarget = -1;
            if (random.bernoulli(group.upgradeFailureProbability)) {
                fleet.upgradeFinished(this, target, Cause.UPGRADE_FAILED);
                group.upgrades.finished(this, false);
            } else {
                version = target;
                upgrades++;
                fleet.upgradeFinished(this, target, Cause.NONE);
                awaitingUpgradeUp = true; // the next connector waits until this one serves again
            }
        }
        connect();
    }

    // ---- failures -----------------------------------------------------------------------------

    private void scheduleNextFailure() {
        if (group.mtbfNs > 0 && pendingFailure == Scheduler.NO_EVENT) {
            pendingFailure = scheduler.schedule(random.exponentialNs(group.mtbfNs), this, FAIL, 0);
        }
    }

    /** The VM fails: everything it carried breaks, it is down until repaired. */
    void fail(Cause cause, boolean fromMtbf) {
        if (fromMtbf) {
            pendingFailure = Scheduler.NO_EVENT;
        }
        if (state == ConnectorState.DOWN || state == ConnectorState.BLOCKED || state == ConnectorState.REFUSED
                || !enrolled) {
            if (fromMtbf) {
                scheduleNextFailure();
            }
            return;
        }
        cancelConnect();
        fleet.breakMtunnels(this, Cause.CONNECTION_LOST);
        broker = -1;
        if (upgradeTarget >= 0 || awaitingUpgradeUp) {
            upgradeTarget = -1;
            awaitingUpgradeUp = false;
            group.upgrades.finished(this, false);
        }
        setState(ConnectorState.DOWN, cause);
        long repairNs = group.mttrNs > 0 ? random.exponentialNs(group.mttrNs) : group.restartMeanNs;
        scheduler.post(repairNs, handlerId, REPAIRED, 0);
    }

    private void repaired() {
        if (state != ConnectorState.DOWN) {
            return;
        }
        scheduleNextFailure();
        connect();
    }

    // ---- what the cloud and faults tell it ----------------------------------------------------

    /** Its broker went away (outage or redirect): sessions end, reconnect elsewhere after a backoff. */
    void brokerLost(Cause cause) {
        if (broker < 0 || !(state == ConnectorState.CONNECTED || state == ConnectorState.PAUSED
                || state == ConnectorState.CONNECTING)) {
            return;
        }
        cancelConnect();
        fleet.breakMtunnels(this, Cause.CONNECTION_LOST);
        preferredBroker = (broker + 1) % fleet.brokerCount();
        broker = -1;
        if (cause == Cause.REDIRECTED) {
            backoffNs = BACKOFF_FIRST_NS; // the documented redirect: reconnect about a second later
        }
        if (state == ConnectorState.PAUSED) {
            // Paused for an upgrade: it restarts soon anyway; it just loses its connection now.
            fleet.connectorStateChanged(this, ConnectorState.PAUSED, state, cause);
            return;
        }
        backOff(cause);
    }

    /**
     * Its link to the brokers degrades or heals. A reset drops the connection at once; a stall
     * is noticed only when the idle timeout expires (live: by the real connector's idle check).
     */
    void linkChanged(zenlab.scenario.LinkToxic toxic) {
        linkToxic = toxic;
        if (pendingStallDetection != Scheduler.NO_EVENT) {
            scheduler.cancel(pendingStallDetection);
            pendingStallDetection = Scheduler.NO_EVENT;
        }
        if (toxic == zenlab.scenario.LinkToxic.RESET) {
            brokerLost(Cause.CONNECTION_LOST);
        } else if (toxic == zenlab.scenario.LinkToxic.STALL && fleet.network() == null
                && (state == ConnectorState.CONNECTED || state == ConnectorState.PAUSED)) {
            pendingStallDetection = scheduler.schedule(IDLE_TIMEOUT_NS, this, STALL_DETECTED, 0);
        }
    }

    private void stallDetected() {
        pendingStallDetection = Scheduler.NO_EVENT;
        if (linkToxic == zenlab.scenario.LinkToxic.STALL) {
            brokerLost(Cause.PEER_STALLED);
        }
    }

    /** An intercepting proxy appeared in (or left) the group's path. */
    void sslInspectionChanged(boolean inspected) {
        if (inspected && (state == ConnectorState.CONNECTED || state == ConnectorState.CONNECTING)) {
            cancelConnect();
            fleet.breakMtunnels(this, Cause.CONNECTION_LOST);
            broker = -1;
            backOff(Cause.UNTRUSTED_CERTIFICATE);
        }
    }

    /** The VM's clock jumps; certificate checks use it at the next handshake. */
    void clockSkewed(long offsetNs) {
        clockOffsetNs = offsetNs;
        if (fleet.network() != null) {
            fleet.network().clockOffset(index, offsetNs);
        }
        if (skewed() && pendingTimeSync == Scheduler.NO_EVENT) {
            pendingTimeSync = scheduler.schedule(fleet.timeSyncDelayNs(), this, TIME_SYNCED, 0);
        }
    }

    /** The VM's MAC changes (migration, clone): it restarts and its fingerprint no longer matches. */
    void macChanged(long reprovisionAfterNs) {
        macChanged = true;
        if (fleet.network() != null) {
            fleet.network().macChanged(index);
        }
        if (state != ConnectorState.DOWN && state != ConnectorState.BLOCKED && enrolled) {
            restart(Cause.FINGERPRINT_MISMATCH);
        }
        if (reprovisionAfterNs >= 0) {
            scheduler.post(reprovisionAfterNs, handlerId, REPROVISION, 0);
        }
    }

    /** An administrator re-provisions the VM: a new enrolment, using the key once more. */
    private void reprovision() {
        if (state == ConnectorState.BLOCKED || state == ConnectorState.RESTARTING || state == ConnectorState.BACKOFF) {
            cancelConnect();
            fleet.fault(index, FleetJournal.FAULT_REPROVISIONED, 0);
            enrol();
        }
    }

    /** DNS for one app's host fails or recovers on this connector. */
    void dnsChanged(int app, boolean failed) {
        int position = group.positionOfApp(app);
        if (position < 0 || cannotResolve(app) == failed) {
            return;
        }
        if (dnsFailed == null) {
            dnsFailed = new boolean[group.apps.length];
        }
        dnsFailed[position] = failed;
        dnsFailures += failed ? 1 : -1;
        if (fleet.network() != null) {
            fleet.network().dns(index, app, failed);
        }
        fleet.appReachabilityChanged(this, app, !failed);
    }

    /** Some app of its group does not resolve. */
    boolean hasDnsFailures() {
        return dnsFailures > 0;
    }

    /** Whether a DNS failure keeps this connector from the app (an index of the fleet's apps). */
    boolean cannotResolve(int app) {
        return dnsFailures > 0 && dnsFailed[group.positionOfApp(app)];
    }

    private void block(Cause cause) {
        cancelConnect();
        fleet.breakMtunnels(this, Cause.CONNECTION_LOST);
        broker = -1;
        if (awaitingUpgradeUp) {
            awaitingUpgradeUp = false;
            group.upgrades.finished(this, false);
        }
        setState(ConnectorState.BLOCKED, cause);
    }

    private void status() {
        if (state.up()) {
            fleet.status(this);
        }
        scheduler.post(fleet.statusIntervalNs(), handlerId, STATUS, 0);
    }

    /** Stops any connection attempt and, live, closes the real connections: every caller drops the broker. */
    private void cancelConnect() {
        if (pendingConnect != Scheduler.NO_EVENT) {
            scheduler.cancel(pendingConnect);
            pendingConnect = Scheduler.NO_EVENT;
        }
        if (fleet.network() != null) {
            liveAttempt = false;
            fleet.network().disconnect(index);
        }
    }

    private void setState(ConnectorState next, Cause cause) {
        ConnectorState previous = state;
        state = next;
        lastCause = cause;
        fleet.connectorStateChanged(this, previous, next, cause);
    }

    /** For fault injection: crash now, repaired after the group's MTTR. */
    void crash() {
        fail(Cause.CONNECTOR_FAILURE, false);
    }
}
