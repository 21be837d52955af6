package zenlab.bench.mtunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine has spent busy, all cores together, from {@code /proc/stat}: user,
 * system, interrupts and softirq. A loopback byte costs as much in the kernel (copies, softirq
 * on the receiving side) as in the JVM, and softirq time is not charged to any process, so the
 * process's own CPU time would hide half the cost. On a machine without {@code /proc/stat} the
 * figure is unknown ({@link #available()} false).
 */
public final class MachineCpu {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every architecture we run on. */
    private static final long NS_PER_TICK = 10_000_000L;

    private MachineCpu() {
    }

    public static boolean available() {
        return Files.isReadable(PROC_STAT);
    }

    /** Busy nanoseconds since boot, summed over cores (10 ms resolution per core); -1 if unknown. */
    public static long busyNs() {
        try (var reader = Files.newBufferedReader(PROC_STAT)) {
            String line = reader.readLine(); // "cpu  user nice system idle iowait irq softirq steal ..."
            String[] f = line.trim().split("\\s+");
            long busyTicks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                    + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            return busyTicks * NS_PER_TICK;
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }
}
