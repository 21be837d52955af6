package zenlab.bench.hold;

import zenlab.kernel.EventHandler;
import zenlab.kernel.Simulation;

/** zenlab's {@link Simulation}: each event's handler schedules the next. */
public final class ZenlabHold implements HoldEngine, EventHandler {

    private Simulation sim;
    private HoldDraws draws;

    @Override
    public void fill(int pending, HoldDraws draws) {
        this.draws = draws;
        sim = new Simulation(pending);
        for (int i = 0; i < pending; i++) {
            sim.schedule(draws.nextNs(), this, 0, 0);
        }
    }

    @Override
    public void onEvent(int kind, long arg) {
        sim.schedule(draws.nextNs(), this, kind, arg);
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
