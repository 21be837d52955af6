package zenlab.model;

/**
 * Which of its app's candidates each user last used, and until when it sticks to it: one
 * {@code long} per user, until when shifted above the candidate's place plus one (0 for none).
 *
 * <p>An arrival reads one user of its app at random, and a user comes back within its 30
 * minutes only a few times in a hundred, so nearly every read is a cache miss. One word a user
 * instead of two halves the lines these reads spread over. A time too late for the bits left
 * beside the place (past 2^59 ns, 18 years, when every app has fewer than 16 candidates)
 * widens the table once to two words a user.
 */
final class StickyUsers {

    private final int placeBits;
    private final long placeMask;
    private final long latestPackedUntilNs;
    /** Packed: one word a user. Wide: place plus one, then until when, two words a user. */
    private long[] words;
    private boolean wide;

    /** {@code users} users, none sticking yet; no app has more than {@code maxPlaces} candidates. */
    StickyUsers(int users, int maxPlaces) {
        placeBits = 64 - Long.numberOfLeadingZeros(maxPlaces);
        placeMask = (1L << placeBits) - 1;
        latestPackedUntilNs = Long.MAX_VALUE >>> placeBits;
        words = new long[users];
    }

    /** The candidate place {@code user} still sticks to at {@code nowNs}, or -1. */
    int place(int user, long nowNs) {
        long placePlusOne;
        long untilNs;
        if (wide) {
            placePlusOne = words[2 * user];
            untilNs = words[2 * user + 1];
        } else {
            long word = words[user];
            placePlusOne = word & placeMask;
            untilNs = word >>> placeBits;
        }
        return placePlusOne != 0 && nowNs <= untilNs ? (int) placePlusOne - 1 : -1;
    }

    /** {@code user} sticks to the candidate at {@code place} until {@code untilNs} (0 or later). */
    void stick(int user, int place, long untilNs) {
        if (!wide && untilNs > latestPackedUntilNs) {
            widen();
        }
        if (wide) {
            words[2 * user] = place + 1L;
            words[2 * user + 1] = untilNs;
        } else {
            words[user] = untilNs << placeBits | (place + 1L);
        }
    }

    private void widen() {
        long[] packed = words;
        words = new long[2 * packed.length];
        for (int user = 0; user < packed.length; user++) {
            words[2 * user] = packed[user] & placeMask;
            words[2 * user + 1] = packed[user] >>> placeBits;
        }
        wide = true;
    }
}
