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
 * slots. Each handler runs on its own thread and sees every entry in order.
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

    private final Disruptor<JournalEntry> disruptor;
    private final RingBuffer<JournalEntry> ring;
    private final CountDownLatch handlersEnded;
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
        handlersEnded = new CountDownLatch(handlers.size());
        @SuppressWarnings("unchecked")
        EventHandler<JournalEntry>[] adapters = new EventHandler[handlers.size()];
        for (int i = 0; i < adapters.length; i++) {
            adapters[i] = new HandlerAdapter(handlers.get(i));
        }
        if (adapters.length > 0) {
            disruptor.handleEventsWith(adapters);
        }
        ring = disruptor.start();
    }

    @Override
    public void record(long timeNs, int kind, int subject, int cause, long a, long b, double value) {
        if (failure != null) {
            throw failure;
        }
        long sequence = ring.next();
        try {
            ring.get(sequence).set(timeNs, kind, subject, cause, a, b, value);
        } finally {
            ring.publish(sequence);
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
        disruptor.shutdown();
        try {
            handlersEnded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the journal handlers finished", e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void fail(String handlerName, Throwable cause) {
        if (failure == null) {
            failure = new JournalHandlerFailedException(handlerName, cause);
        }
    }

    /** Adapts a {@link JournalHandler} to the Disruptor, isolating its failures. */
    private final class HandlerAdapter implements EventHandler<JournalEntry> {
        private final JournalHandler handler;
        private boolean failed;

        HandlerAdapter(JournalHandler handler) {
            this.handler = handler;
        }

        @Override
        public void onEvent(JournalEntry entry, long sequence, boolean endOfBatch) {
            if (failed) {
                return; // keep consuming so the producer never blocks on a dead handler
            }
            try {
                handler.onEntry(entry);
            } catch (Throwable t) {
                failed = true;
                fail(handler.name(), t);
            }
        }

        @Override
        public void onShutdown() {
            try {
                if (!failed) {
                    handler.onEnd();
                }
            } catch (Throwable t) {
                fail(handler.name(), t);
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
