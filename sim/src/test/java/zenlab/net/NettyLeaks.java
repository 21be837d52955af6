package zenlab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Catches Netty's leak reports (logged through java.util.logging, as no other logging library is
 * on the class path) so a test can fail on them. Netty reports a leak when the leaked buffer is
 * garbage-collected and another is allocated, so {@link #assertNone()} collects and allocates.
 */
public final class NettyLeaks {

    private static final List<String> REPORTS = new ArrayList<>();
    private static final Logger LOGGER = Logger.getLogger("io.netty.util.ResourceLeakDetector");

    static {
        LOGGER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue() && record.getMessage() != null
                        && record.getMessage().contains("LEAK")) {
                    synchronized (REPORTS) {
                        REPORTS.add(record.getMessage());
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private NettyLeaks() {
    }

    public static void assertNone() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            for (int j = 0; j < 100; j++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(64);
                b.release();
            }
        }
        List<String> found;
        synchronized (REPORTS) {
            found = new ArrayList<>(REPORTS);
            REPORTS.clear(); // each leak fails one test, not every test after it
        }
        assertEquals(List.of(), found, "Netty reported leaked buffers");
    }

    /** Installs the handler (loading this class runs the static initialiser that does). */
    public static void watch() {
        synchronized (REPORTS) {
            REPORTS.size(); // touches the class: its initialiser has run by now
        }
    }
}
