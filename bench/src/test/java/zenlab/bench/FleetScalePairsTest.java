package zenlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FleetScalePairsTest {

    @Test
    void shouldTimeEachPairAfterTheWarmUpAndReportTheMedians() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        double[] medians = FleetScalePairs.pairs(100, 2, 3, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("round 1: 100 connectors "), lines[0]);
        assertTrue(lines[2].contains(", 200 connectors "), lines[2]);
        assertTrue(lines[3].startsWith("medians of 3 pairs: "), lines[3]);
        assertTrue(medians[0] > 0 && medians[1] > 0, medians[0] + " / " + medians[1]);
    }
}
