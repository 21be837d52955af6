package zenlab.bench.hold;

import zenlab.kernel.EventHandler;
import zenlab.kernel.Simulation;

/**
 * zenlab's {@link Simulation}: each event's handler schedules the next, either as a cancellable
 * event (an id and a slot, as SSJ's event objects are) or posted (no id, nothing beyond the
 * queue entry, as the models' arrivals are).
 */
public final class ZenlabHold implements HoldEngine, EventHandler {

    private final boolean posted;
    private Simulation sim;
    private HoldDraws draws;
    private int handlerId;

    /** @param posted whether events go through {@link Simulation#post} instead of {@link Simulation#schedule} */
    public ZenlabHold(boolean posted) {
        this.posted = posted;
    }

    @Override
    public void fill(int pending, HoldDraws draws) {
        this.draws = draws;
        sim = new Simulation(pending);
        handlerId = sim.register(this);
        for (int i = 0; i < pending; i++) {
            next(0, 0);
        }
    }

    @Override
    public void onEvent(int kind, long arg) {
        next(kind, arg);
    }

    private void next(int kind, long arg) {
        if (posted) {
            sim.post(draws.nextNs(), handlerId, kind, (int) arg);
        } else {
            sim.schedule(draws.nextNs(), this, kind, arg);
        }
    }

    @Override
    public void hold() {
        sim.step();
    }

    @Override
    public int pending() {
        return sim.pending();
    }

    @Override
    public double nowSeconds() {
        return sim.nowNs() / 1e9;
    }
}
