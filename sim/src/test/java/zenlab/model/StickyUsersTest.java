package zenlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StickyUsersTest {

    private static final long YEAR_NS = 365L * 86_400 * 1_000_000_000L;

    @Test
    void shouldStickToNothingUntilTold() {
        StickyUsers sticky = new StickyUsers(3, 10);
        assertEquals(-1, sticky.place(0, 0));
        assertEquals(-1, sticky.place(2, YEAR_NS));
    }

    @Test
    void shouldStickUntilTheLastNanosecondOfItsTimeAndNoLonger() {
        StickyUsers sticky = new StickyUsers(3, 10);
        sticky.stick(1, 9, YEAR_NS + 12_345);
        sticky.stick(2, 0, 77);
        assertEquals(9, sticky.place(1, YEAR_NS + 12_345));
        assertEquals(-1, sticky.place(1, YEAR_NS + 12_346));
        assertEquals(0, sticky.place(2, 77), "place 0 is a place, not none");
        assertEquals(-1, sticky.place(0, 0), "a user's neighbours are its own");
        sticky.stick(1, 3, YEAR_NS + 20_000);
        assertEquals(3, sticky.place(1, YEAR_NS + 20_000));
    }

    @Test
    void shouldWidenRatherThanLoseATimeTooLateForOneWord() {
        // 1,000 places leave 53 bits for the time: about 104 days.
        StickyUsers sticky = new StickyUsers(4, 1_000);
        sticky.stick(0, 999, 1L << 40);
        sticky.stick(3, 5, 1L << 50);
        long lateNs = 2 * YEAR_NS;
        sticky.stick(2, 998, lateNs);
        assertEquals(998, sticky.place(2, lateNs));
        assertEquals(-1, sticky.place(2, lateNs + 1));
        assertEquals(999, sticky.place(0, 1L << 40), "widening keeps what was packed");
        assertEquals(5, sticky.place(3, (1L << 50) - 1));
        assertEquals(-1, sticky.place(1, 0));
        sticky.stick(1, 0, Long.MAX_VALUE);
        assertEquals(0, sticky.place(1, Long.MAX_VALUE));
    }
}
