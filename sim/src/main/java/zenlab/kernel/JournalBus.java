package zenlab.kernel;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one bus between producers (the kernel, later Netty event loops) and consumers (journal
 * writer, metrics, status log): an LMAX Disruptor ring of preallocated {@link JournalEntry}
 * slots. The handlers share one consuming thread and see every entry in publication order: on
 * the 2-core machines this lab targets, producer plus one consumer keeps both cores busy, where
 * a thread per handler makes three threads contend for two cores.
 *
 * <p>A single producer (the virtual-time kernel) claims slots one at a time but publishes them
 * {@value #PUBLISH_BATCH} at a time, so the consumer's cache line holding the cursor is written
 * once per batch rather than once per entry; {@link #close} publishes the rest. Several
 * producers (Netty event loops) publish every entry at once.
 *
 * <p>A full ring makes {@link #record} wait for the slowest handler: nothing is dropped. A
 * handler that throws is not called again; its failure is remembered and rethrown to the
 * producer at its next {@code record} and at {@link #close}, so a run never ends with a
 * silently incomplete journal. The consuming threads sleep when idle
 * ({@link SleepingWaitStrategy}), which costs the producer nothing per publish.
 */
public final class JournalBus implements Journal, AutoCloseable {

    /** Entries of a ring: a power of two; 64 Ki entries of about 64 bytes is 4 MiB. */
    public static final int DEFAULT_RING_SIZE = 1 << 16;
    static final int PUBLISH_BATCH = 256;

    private final Disruptor<JournalEntry> disruptor;
    private final RingBuffer<JournalEntry> ring;
    private final CountDownLatch consumerStarted = new CountDownLatch(1);
    private final CountDownLatch handlersEnded = new CountDownLatch(1);
    private final boolean batchPublish;
    private long firstUnpublished = -1;
    private long lastClaimed = -1;
    private volatile JournalHandlerFailedException failure;
    private boolean closed;

    /** A bus for one producing thread, such as the virtual-time kernel. */
    public static JournalBus singleProducer(List<? extends JournalHandler> handlers) {
        return new JournalBus(handlers, DEFAULT_RING_SIZE, ProducerType.SINGLE);
    }

    /** A bus for several producing threads, such as Netty event loops. */
    public static JournalBus multiProducer(List<? extends JournalHandler> handlers) {
        return new JournalBus(handlers, DEFAULT_RING_SIZE, ProducerType.MULTI);
    }

    public JournalBus(List<? extends JournalHandler> handlers, int ringSize, ProducerType producerType) {
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two, was " + ringSize);
        }
        disruptor = new Disruptor<>(JournalEntry::new, ringSize, new HandlerThreads(), producerType,
                new SleepingWaitStrategy());
        disruptor.setDefaultExceptionHandler(new RecordingExceptionHandler());
        disruptor.handleEventsWith(new Consumer(handlers));
        batchPublish = producerType == ProducerType.SINGLE;
        ring = disruptor.start();
        // Disruptor's shutdown() counts a consumer as behind only once its thread runs; a run
        // that closed the bus before then lost its whole journal (a test of a 10 ms run caught it).
        awaitUninterruptibly(consumerStarted);
    }

    @Override
    public void record(long timeNs, int kind, int subject, int cause, long a, long b, double value) {
        if (failure != null) {
            throw failure;
        }
        long sequence = ring.next();
        ring.get(sequence).set(timeNs, kind, subject, cause, a, b, value);
        lastClaimed = sequence;
        if (!batchPublish) {
            ring.publish(sequence);
        } else if (firstUnpublished < 0) {
            firstUnpublished = sequence;
        } else if (sequence - firstUnpublished + 1 == PUBLISH_BATCH) {
            ring.publish(firstUnpublished, sequence);
            firstUnpublished = -1;
        }
    }

    /** Makes every entry recorded so far visible to the handlers. */
    public void flush() {
        if (firstUnpublished >= 0) {
            ring.publish(firstUnpublished, lastClaimed);
            firstUnpublished = -1;
        }
    }

    /**
     * Waits until every handler has consumed every entry and ended, then stops the threads.
     *
     * @throws JournalHandlerFailedException if any handler failed during the run
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        flush();
        disruptor.shutdown();
        awaitUninterruptibly(handlersEnded);
        if (failure != null) {
            throw failure;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String handlerName, Throwable cause) {
        if (failure == null) {
            failure = new JournalHandlerFailedException(handlerName, cause);
        }
    }

    /**
     * The one consuming thread: calls each handler in turn. A handler that throws is not given
     * another entry; the others go on, so the producer never blocks on a dead handler. Every
     * handler is ended, a failed one too, so that it closes its files.
     */
    private final class Consumer implements EventHandler<JournalEntry> {
        private final JournalHandler[] handlers;
        private final boolean[] failed;

        Consumer(List<? extends JournalHandler> handlers) {
            this.handlers = handlers.toArray(new JournalHandler[0]);
            this.failed = new boolean[this.handlers.length];
        }

        @Override
        public void onStart() {
            consumerStarted.countDown();
        }

        @Override
        public void onEvent(JournalEntry entry, long sequence, boolean endOfBatch) {
            for (int i = 0; i < handlers.length; i++) {
                if (failed[i]) {
                    continue;
                }
                try {
                    handlers[i].onEntry(entry);
                } catch (Throwable t) {
                    failed[i] = true;
                    fail(handlers[i].name(), t);
                }
            }
        }

        @Override
        public void onShutdown() {
            try {
                for (int i = 0; i < handlers.length; i++) {
                    try {
                        handlers[i].onEnd();
                    } catch (Throwable t) {
                        if (!failed[i]) {
                            fail(handlers[i].name(), t);
                        } // a failed handler ends only to let go of its files: its first failure is the one told
                    }
                }
            } finally {
                handlersEnded.countDown();
            }
        }
    }

    /** Errors outside a handler's own code (the Disruptor's) still fail the run. */
    private final class RecordingExceptionHandler implements ExceptionHandler<JournalEntry> {
        @Override
        public void handleEventException(Throwable ex, long sequence, JournalEntry event) {
            fail("journal bus", ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            fail("journal bus", ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            fail("journal bus", ex);
        }
    }

    /** Daemon threads named after the bus, so a thread dump says what they are. */
    private static final class HandlerThreads implements ThreadFactory {
        private static final AtomicInteger COUNTER = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "zenlab-journal-" + COUNTER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
