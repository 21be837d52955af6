package zenlab.bench.hold;

import java.util.PriorityQueue;

/** The baseline: a plain {@link PriorityQueue} of event objects ordered by (time, sequence). */
public final class PriorityQueueHold implements HoldEngine {

    private static final class Item implements Comparable<Item> {
        double time;
        long sequence;

        @Override
        public int compareTo(Item other) {
            int byTime = Double.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private PriorityQueue<Item> queue;
    private HoldDraws draws;
    private double now;
    private long nextSequence;

    @Override
    public void fill(int pending, HoldDraws draws) {
        this.draws = draws;
        queue = new PriorityQueue<>(pending);
        for (int i = 0; i < pending; i++) {
            Item item = new Item();
            item.time = draws.nextSeconds();
            item.sequence = nextSequence++;
            queue.add(item);
        }
    }

    @Override
    public void hold() {
        Item item = queue.poll();
        now = item.time;
        item.time = now + draws.nextSeconds();
        item.sequence = nextSequence++;
        queue.add(item);
    }

    @Override
    public int pending() {
        return queue.size();
    }

    @Override
    public double nowSeconds() {
        return now;
    }
}
