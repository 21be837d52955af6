package zenlab.fault;

import zenlab.kernel.EventHandler;
import zenlab.kernel.Scheduler;

/**
 * A fault that starts at one virtual time and, for some kinds, ends {@code forNs} later: the
 * start and the end are its two events.
 */
abstract class TimedFault implements Fault, EventHandler {

    private static final int START = 1;
    private static final int END = 2;

    private final long atNs;
    private final long forNs;
    private Scheduler scheduler;

    TimedFault(long atNs, long forNs) {
        this.atNs = atNs;
        this.forNs = forNs;
    }

    @Override
    public final void arm(Scheduler scheduler) {
        this.scheduler = scheduler;
        scheduler.schedule(atNs, this, START, 0);
    }

    @Override
    public final void onEvent(int kind, long arg) {
        if (kind == START) {
            start();
            if (forNs > 0) {
                scheduler.schedule(forNs, this, END, 0);
            }
        } else {
            end();
        }
    }

    abstract void start();

    void end() {
    }
}
