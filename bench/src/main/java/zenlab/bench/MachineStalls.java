package zenlab.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How often this machine takes a core away: {@code threads} threads each spin on
 * {@link System#nanoTime()} for {@code seconds} and count the gaps between two consecutive
 * readings longer than 1 ms and 5 ms. A spinning thread does no I/O, takes no lock and allocates
 * nothing, so every such gap is time its core was not running it: the hypervisor ran something
 * else, or the kernel did. No latency measured on the machine can have a tail shorter than that.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar zenlab.bench.MachineStalls 2 10}
 */
public final class MachineStalls {

    private static final long ONE_MS_NS = 1_000_000L;

    private MachineStalls() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: MachineStalls THREADS SECONDS");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[0]);
        long seconds = Math.min(Long.parseLong(args[1]), 600); // bounded, whatever it is asked
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int id = i;
            Thread spinner = new Thread(() -> System.out.println(spin(id, seconds)), "spinner-" + i);
            spinners.add(spinner);
            spinner.start();
        }
        for (Thread spinner : spinners) {
            spinner.join();
        }
    }

    private static String spin(int id, long seconds) {
        long endNs = System.nanoTime() + seconds * 1_000 * ONE_MS_NS;
        long lastNs = System.nanoTime();
        long maxGapNs = 0;
        int over1Ms = 0;
        int over5Ms = 0;
        for (long nowNs = lastNs; nowNs < endNs; nowNs = System.nanoTime()) {
            long gapNs = nowNs - lastNs;
            lastNs = nowNs;
            if (gapNs > ONE_MS_NS) {
                over1Ms++;
                over5Ms += gapNs > 5 * ONE_MS_NS ? 1 : 0;
                maxGapNs = Math.max(maxGapNs, gapNs);
            }
        }
        return String.format(java.util.Locale.ROOT, "spinner %d: %d gaps over 1 ms, %d over 5 ms, longest %.1f ms in %d s",
                id, over1Ms, over5Ms, maxGapNs / 1e6, seconds);
    }
}
