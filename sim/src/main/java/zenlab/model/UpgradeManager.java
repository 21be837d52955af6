package zenlab.model;

import java.time.DayOfWeek;
import zenlab.kernel.EventHandler;
import zenlab.kernel.RandomStream;
import zenlab.kernel.Scheduler;

/**
 * A group's weekly software upgrades (the vendor's documented behaviour): a 4-hour window from
 * {@code upgrade_day} at {@code upgrade_time_in_secs}; one connector at a time, picked at
 * random among those not yet on the new version; the next is picked once the previous serves
 * again; a failed upgrade pauses the group until the next window, which retries it. The
 * model's assumption: a new version is released every week, so every window has work.
 * Virtual time 0 is a Monday, 00:00 cloud time.
 */
final class UpgradeManager implements EventHandler {

    static final long WINDOW_NS = 4L * 3600 * 1_000_000_000L;
    static final long WEEK_NS = 7L * 86_400 * 1_000_000_000L;
    private static final int OPEN = 1;
    private static final int CLOSE = 2;

    private final ConnectorGroup group;
    private final Fleet fleet;
    private final Scheduler scheduler;
    /** Its windows' opening and closing are posted: never cancelled. */
    private final int handlerId;
    private final RandomStream random;
    private final long firstWindowNs;
    private final boolean enabled;
    private int releasedVersion;
    private long windowEndNs = -1;
    private boolean paused;
    private int upgradedThisWindow;
    private int current = -1;
    int windows;
    int upgraded;
    int failed;

    UpgradeManager(ConnectorGroup group, Fleet fleet, Scheduler scheduler, RandomStream random,
                   DayOfWeek day, int timeInSecs, boolean enabled) {
        this.group = group;
        this.fleet = fleet;
        this.scheduler = scheduler;
        this.handlerId = scheduler.register(this);
        this.random = random;
        this.enabled = enabled;
        this.firstWindowNs = ((long) (day.getValue() - 1) * 86_400 + timeInSecs) * 1_000_000_000L;
    }

    int releasedVersion() {
        return releasedVersion;
    }

    void start() {
        if (enabled) {
            scheduler.post(firstWindowNs, handlerId, OPEN, 0);
        }
    }

    @Override
    public void onEvent(int kind, long arg) {
        if (kind == OPEN) {
            open();
        } else {
            fleet.upgradeWindowClosed(group, upgradedThisWindow);
            windowEndNs = -1;
        }
    }

    private void open() {
        releasedVersion++;
        windows++;
        windowEndNs = scheduler.nowNs() + WINDOW_NS;
        paused = false;
        upgradedThisWindow = 0;
        fleet.upgradeWindowOpened(group, releasedVersion);
        scheduler.post(WINDOW_NS, handlerId, CLOSE, 0);
        scheduler.post(WEEK_NS, handlerId, OPEN, 0);
        next();
    }

    /** Picks the next connector to upgrade, if the window is open and the group not paused. */
    private void next() {
        if (current >= 0 || paused || windowEndNs < 0 || scheduler.nowNs() >= windowEndNs) {
            return;
        }
        int eligible = 0;
        for (int c : group.members) {
            if (eligible(fleet.connector(c))) {
                eligible++;
            }
        }
        if (eligible == 0) {
            return;
        }
        int pick = random.nextInt(eligible);
        for (int c : group.members) {
            Connector connector = fleet.connector(c);
            if (eligible(connector) && pick-- == 0) {
                current = c;
                fleet.upgradeStarted(connector, releasedVersion);
                connector.beginUpgrade(releasedVersion);
                return;
            }
        }
    }

    private boolean eligible(Connector c) {
        return c.version < releasedVersion && c.state == ConnectorState.CONNECTED;
    }

    /** The upgrading connector serves again ({@code ok}) or its upgrade failed. */
    void finished(Connector connector, boolean ok) {
        if (connector.index != current) {
            return;
        }
        current = -1;
        if (ok) {
            upgradedThisWindow++;
            upgraded++;
        } else {
            failed++;
            paused = true;
        }
        next();
    }
}
