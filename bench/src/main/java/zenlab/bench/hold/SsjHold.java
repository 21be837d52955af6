package zenlab.bench.hold;

import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.EventList;

/**
 * SSJ's own {@link Simulator} over one of its event lists ({@code Henriksen},
 * {@code SplayTree}). Each event's {@code actions()} reschedules itself, as an SSJ model does.
 * {@code Simulator.start()} runs until stopped and drops the event it pops after a stop, so
 * one hold is one step of the same loop: remove the first event (which sets the clock), run
 * its actions.
 */
public final class SsjHold implements HoldEngine {

    private final EventList eventList;
    private SteppingSimulator sim;
    private HoldDraws draws;

    public SsjHold(EventList eventList) {
        this.eventList = eventList;
    }

    @Override
    public void fill(int pending, HoldDraws draws) {
        this.draws = draws;
        sim = new SteppingSimulator(eventList);
        for (int i = 0; i < pending; i++) {
            new HoldEvent(sim).schedule(draws.nextSeconds());
        }
    }

    @Override
    public void hold() {
        sim.step();
    }

    @Override
    public int pending() {
        int count = 0;
        for (Event ignored : sim.getEventList()) {
            count++;
        }
        return count;
    }

    @Override
    public double nowSeconds() {
        return sim.time();
    }

    private final class HoldEvent extends Event {
        HoldEvent(Simulator sim) {
            super(sim);
        }

        @Override
        public void actions() {
            schedule(draws.nextSeconds());
        }
    }

    /** SSJ's Simulator, one event at a time through its own removeFirstEvent(). */
    private static final class SteppingSimulator extends Simulator {
        SteppingSimulator(EventList eventList) {
            super(eventList);
            stopped = false; // as start() does before its loop
            simulating = true;
        }

        void step() {
            removeFirstEvent().actions();
        }
    }
}
