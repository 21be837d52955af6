package zenlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.dsl.ProducerType;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class JournalBusTest {

    /** Checks that it sees 0, 1, 2, ... with nothing skipped; slow on purpose. */
    private static class OrderChecker implements JournalHandler {
        long expected;
        boolean ended;

        @Override
        public void onEntry(JournalEntry entry) {
            if (entry.a != expected) {
                throw new IllegalStateException("expected entry " + expected + " but got " + entry.a);
            }
            expected++;
            if ((expected & 1023) == 0) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void onEnd() {
            ended = true;
        }
    }

    @Test
    void shouldDeliverEveryEntryInOrderThroughAFullRing() {
        OrderChecker fast = new OrderChecker();
        OrderChecker slow = new OrderChecker() {
            @Override
            public void onEntry(JournalEntry entry) {
                super.onEntry(entry);
                if ((entry.a % 10_000) == 0) {
                    try {
                        Thread.sleep(1); // the tiny ring fills: the producer must wait, not drop
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        int n = 500_000;
        try (JournalBus bus = new JournalBus(List.of(fast, slow), 64, ProducerType.SINGLE)) {
            for (int i = 0; i < n; i++) {
                bus.record(i, 1, 0, 0, i, 0, 0);
            }
        }
        assertEquals(n, fast.expected);
        assertEquals(n, slow.expected);
        assertTrue(fast.ended && slow.ended, "onEnd called after the last entry");
    }

    /** A bus closed right after a few entries must still deliver them (start-up race). */
    @Test
    void shouldDeliverEntriesOfAVeryShortRun() {
        for (int run = 0; run < 200; run++) {
            OrderChecker checker = new OrderChecker();
            try (JournalBus bus = JournalBus.singleProducer(List.of(checker))) {
                for (int i = 0; i < 3; i++) {
                    bus.record(i, 1, 0, 0, i, 0, 0);
                }
            }
            assertEquals(3, checker.expected, "run " + run);
        }
    }

    @Test
    void shouldFailTheRunWithTheHandlersNameWhenAHandlerThrows() {
        AtomicBoolean otherEnded = new AtomicBoolean();
        JournalHandler broken = new JournalHandler() {
            @Override
            public void onEntry(JournalEntry entry) throws IOException {
                if (entry.a == 1000) {
                    throw new IOException("No space left on device");
                }
            }

            @Override
            public String name() {
                return "journal.jsonl writer";
            }
        };
        JournalHandler other = new JournalHandler() {
            @Override
            public void onEntry(JournalEntry entry) {
            }

            @Override
            public void onEnd() {
                otherEnded.set(true);
            }
        };
        JournalBus bus = new JournalBus(List.of(broken, other), 256, ProducerType.SINGLE);
        JournalHandlerFailedException failure = assertThrows(JournalHandlerFailedException.class, () -> {
            for (int i = 0; i < 10_000_000; i++) {
                bus.record(i, 1, 0, 0, i, 0, 0);
            }
            bus.close();
        });
        assertEquals("journal handler journal.jsonl writer failed: IOException: No space left on device",
                failure.getMessage());
        assertThrows(JournalHandlerFailedException.class, bus::close);
        assertTrue(otherEnded.get(), "the healthy handler still ended");
    }
}
