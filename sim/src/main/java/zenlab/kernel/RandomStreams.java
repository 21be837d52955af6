package zenlab.kernel;

import java.nio.charset.StandardCharsets;

/**
 * One seed, many independent named streams. A stream's seed is a hash of the run's seed and
 * the stream's name alone, so adding an actor (a new name) never shifts the draws of another,
 * and the same name gives the same draws in every run with that seed.
 */
public final class RandomStreams {

    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream called {@code name}, e.g. {@code "connector/Melbourne-1/failures"}. */
    public RandomStream stream(String name) {
        return new RandomStream(name, seedFor(seed, name));
    }

    /** The seed of the stream called {@code name}: a {@link RandomCursor}'s state seeded with it draws as that stream. */
    public long seedOf(String name) {
        return seedFor(seed, name);
    }

    /** The seed of replication {@code r} of a study: distinct for each r, the same every time. */
    public static long replicationSeed(long seed, int replication) {
        return mix64(seed + 0x9E3779B97F4A7C15L * (replication + 1L));
    }

    static long seedFor(long rootSeed, String name) {
        return mix64(rootSeed ^ mix64(fnv1a64(name)));
    }

    /** FNV-1a over UTF-8: fixed by specification, unlike {@code String.hashCode} of 32 bits. */
    static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** The SplitMix64 finaliser (Steele, Lea, Flood 2014): spreads every input bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
