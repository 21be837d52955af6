package zenlab.net.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mtunnel churn against an echo app through a broker's client port: many short users, each
 * opening an mtunnel, using it and closing it, with the rude ones a real fleet also sees: some
 * abort (RST), some never read what comes back, some half-close and wait for the rest. Bounded
 * in count and time; it stops by itself.
 */
public final class ChurnLoad {

    /** What a churn run did. {@code failed} counts users whose echo did not come back whole. */
    public record Counts(long opened, long completed, long aborted, long neverRead, long halfClosed, long failed) {
    }

    private static final int ECHO_BYTES = 16 * 1024;
    private static final int SOCKET_TIMEOUT_MS = 15_000; // beyond the broker's 10 s setup timeout, so a stalled setup shows as the broker's cut

    private final InetSocketAddress echo;
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong neverRead = new AtomicLong();
    private final AtomicLong halfClosed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** The first few failures, described, so that a soak that fails says how. */
    private final java.util.List<String> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    public ChurnLoad(InetSocketAddress echo) {
        this.echo = echo;
    }

    /**
     * Runs {@code users} users at a time until {@code durationMs} has passed or {@code maxMtunnels}
     * mtunnels were opened, and returns the counts so far (they add up over calls).
     */
    public Counts run(int users, long durationMs, long maxMtunnels) throws InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMs);
        ExecutorService pool = Executors.newFixedThreadPool(users, r -> {
            Thread t = new Thread(r, "zenlab-churn");
            t.setDaemon(true);
            return t;
        });
        for (int u = 0; u < users; u++) {
            long seed = opened.get() * 31 + u;
            pool.execute(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                while (System.nanoTime() < deadlineNs && opened.incrementAndGet() <= maxMtunnels) {
                    oneUser(random);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(durationMs + 4L * SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
        opened.set(Math.min(opened.get(), maxMtunnels));
        return counts();
    }

    /** The first failures (at most 10): which kind of user, and what went wrong. */
    public java.util.List<String> failures() {
        synchronized (failures) {
            return java.util.List.copyOf(failures);
        }
    }

    public Counts counts() {
        return new Counts(opened.get(), completed.get(), aborted.get(), neverRead.get(), halfClosed.get(), failed.get());
    }

    private void oneUser(SplittableRandom random) {
        int kind = random.nextInt(10);
        byte[] sent = new byte[kind == 9 ? 1024 : ECHO_BYTES];
        random.nextBytes(sent);
        int localPort = -1;
        try (Socket s = new Socket()) {
            s.setSoTimeout(SOCKET_TIMEOUT_MS);
            s.connect(echo, SOCKET_TIMEOUT_MS);
            localPort = s.getLocalPort();
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(sent);
            out.flush();
            switch (kind) {
                case 7 -> { // aborts: the connection ends with a reset, whatever is in flight
                    s.setSoLinger(true, 0);
                    aborted.incrementAndGet();
                }
                case 8 -> { // never reads: the echo piles up until the user leaves
                    Thread.sleep(50);
                    neverRead.incrementAndGet();
                }
                case 9 -> { // half-closes, then reads everything until the far end closes too
                    s.shutdownOutput();
                    byte[] back = in.readAllBytes();
                    count(Arrays.equals(sent, back), halfClosed, "half-closed user got " + back.length + " of " + sent.length);
                }
                default -> {
                    byte[] back = in.readNBytes(sent.length);
                    count(Arrays.equals(sent, back), completed, "user got " + back.length + " of " + sent.length);
                }
            }
        } catch (IOException e) {
            fail("user of kind " + kind + " from port " + localPort + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void count(boolean whole, AtomicLong counter, String otherwise) {
        if (whole) {
            counter.incrementAndGet();
        } else {
            fail(otherwise + (otherwise.contains(" of ") ? " bytes, or other bytes" : ""));
        }
    }

    private void fail(String what) {
        failed.incrementAndGet();
        if (failures.size() < 10) {
            failures.add(what);
        }
    }
}
