package zenlab.fault;

import zenlab.kernel.Scheduler;

/** A fault that schedules its own events once armed. */
public interface Fault {
    void arm(Scheduler scheduler);
}
