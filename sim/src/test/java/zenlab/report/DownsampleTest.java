package zenlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DownsampleTest {

    @Test
    void shouldKeepAShortDipInALongSeries() {
        int n = 525_600; // a year of minutes
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 60.0;
            y[i] = 2;
        }
        for (int i = 300_000; i < 300_004; i++) {
            y[i] = 0; // a four-minute restart
        }
        double[][] thin = Downsample.minMax(x, y, 1000);
        assertTrue(thin[0].length <= 2 * 1000 + 2, "thinned to " + thin[0].length);
        assertEquals(0.0, Arrays.stream(thin[1]).min().orElseThrow(), "the dip survives");
        assertEquals(2.0, Arrays.stream(thin[1]).max().orElseThrow());
        for (int i = 1; i < thin[0].length; i++) {
            assertTrue(thin[0][i] > thin[0][i - 1], "in time order");
        }
    }

    @Test
    void shouldLeaveAShortSeriesAsItIs() {
        double[] x = {0, 1, 2};
        double[] y = {5, 3, 4};
        double[][] thin = Downsample.minMax(x, y, 10);
        assertArrayEquals(x, thin[0]);
        assertArrayEquals(y, thin[1]);
    }

    @Test
    void shouldLabelTheNinesAxisAsPercentiles() {
        LatencyPercentileChart.PercentileFormat format = new LatencyPercentileChart.PercentileFormat();
        assertEquals("0%", format.format(0.0));
        assertEquals("90%", format.format(1.0));
        assertEquals("99%", format.format(2.0));
        assertEquals("99.9%", format.format(3.0));
        assertEquals("99.999%", format.format(5.0));
    }
}
