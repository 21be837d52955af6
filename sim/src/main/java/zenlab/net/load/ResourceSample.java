package zenlab.net.load;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this JVM holds at one moment, as a soak run records it each minute: heap in use after a
 * collection, direct memory (NIO's and Netty's own), live threads, open file descriptors.
 *
 * @param openFds -1 where /proc/self/fd cannot be read
 */
public record ResourceSample(long heapUsedBytes, long directBytes, int threads, long openFds) {

    /** Collects first, so that heap is what is still referenced, not what is waiting to be freed. */
    public static ResourceSample now() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            }
        }
        long nettyDirect = io.netty.util.internal.PlatformDependent.usedDirectMemory();
        direct += Math.max(0, nettyDirect);
        return new ResourceSample(rt.totalMemory() - rt.freeMemory(), direct,
                ManagementFactory.getThreadMXBean().getThreadCount(), countOpenFds());
    }

    private static long countOpenFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
