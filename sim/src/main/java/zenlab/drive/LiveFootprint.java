package zenlab.drive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import zenlab.net.load.ResourceSample;

/**
 * What a live run's lab costs this JVM, per connector: process CPU over the run, and heap,
 * direct memory and open file descriptors held at its end beyond what the JVM held before the
 * network started. Everything in the lab counts (brokers, link proxies, apps, the users'
 * clients), so these are the lab's costs divided among its connectors, an upper bound for a
 * connector's own; one JVM hosts all of them, so nothing finer can be told apart.
 */
final class LiveFootprint {

    private final ResourceSample before;
    private final long cpuBeforeNs;
    private final long wallBeforeNs;
    private ResourceSample after;
    private long cpuNs;
    private long wallNs;

    private LiveFootprint(ResourceSample before, long cpuBeforeNs, long wallBeforeNs) {
        this.before = before;
        this.cpuBeforeNs = cpuBeforeNs;
        this.wallBeforeNs = wallBeforeNs;
    }

    /** Before the live network starts. */
    static LiveFootprint begin() {
        return new LiveFootprint(ResourceSample.now(), processCpuNs(), System.nanoTime());
    }

    /** At the run's end, while the network still holds everything it opened. */
    void end() {
        cpuNs = processCpuNs() - cpuBeforeNs;
        wallNs = System.nanoTime() - wallBeforeNs;
        after = ResourceSample.now();
    }

    void summarise(ObjectNode live, int connectors) {
        if (after == null) {
            return;
        }
        ObjectNode f = live.putObject("footprint");
        int n = Math.max(1, connectors);
        f.put("connectors", connectors);
        f.put("wallSeconds", wallNs / 1e9);
        f.put("cpuSeconds", cpuNs / 1e9);
        f.put("cpuShareOfACorePerConnector", cpuNs / (double) Math.max(1, wallNs) / n);
        f.put("heapBytesBefore", before.heapUsedBytes());
        f.put("heapBytesAtEnd", after.heapUsedBytes());
        f.put("heapBytesPerConnector", (after.heapUsedBytes() - before.heapUsedBytes()) / n);
        f.put("directBytesPerConnector", (after.directBytes() - before.directBytes()) / n);
        f.put("threads", after.threads());
        if (before.openFds() >= 0 && after.openFds() >= 0) {
            f.put("openFdsPerConnector", (after.openFds() - before.openFds()) / (double) n);
        }
    }

    private static long processCpuNs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
