package zenlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HumanNumbersTest {

    @Test
    void shouldShowAnAvailabilityWithTheDigitsItsIntervalSupports() {
        assertEquals("99.684% [99.623%, 99.745%]", HumanNumbers.availability(0.996842228, 0.996233576, 0.99745088));
        assertEquals("99.99980% [99.99960%, 100%]", HumanNumbers.availability(0.999998, 0.999996, 1.0));
        assertEquals("99.7% [93.0%, 100%]", HumanNumbers.availability(0.997, 0.93, 1.02), "a wide interval, few digits");
        assertEquals("100% (no downtime)", HumanNumbers.availability(1, 1, 1));
        assertEquals("99.8736%", HumanNumbers.availability(0.998736));
        assertEquals("≈100% (8.30 nines)", HumanNumbers.availability(1 - 5e-9));
    }

    @Test
    void shouldRoundOtherFiguresForPeople() {
        assertEquals("15,765,954", HumanNumbers.count(15_765_954));
        assertEquals("2.50", HumanNumbers.nines(2.4968));
        assertEquals("4.4", HumanNumbers.minutes(4.39345601));
        assertEquals("1,659.7", HumanNumbers.minutes(1659.71));
        assertEquals("161.9", HumanNumbers.number(161.93456));
        assertEquals("0.9968", HumanNumbers.number(0.996842228));
        assertEquals("12,346", HumanNumbers.number(12345.678));
        assertEquals("1.23e-05", HumanNumbers.number(0.0000123456));
        assertEquals("2,042", HumanNumbers.number(2042.0));
    }
}
