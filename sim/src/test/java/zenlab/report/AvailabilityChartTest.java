package zenlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvailabilityChartTest {

    @TempDir
    Path dir;

    @Test
    void shouldShowAvailabilityInNinesWithEnoughDecimals() {
        assertEquals(3.0, AvailabilityChart.nines(0.999), 1e-9);
        assertEquals(AvailabilityChart.CEILING_NINES, AvailabilityChart.nines(1.0));
        assertEquals("99.6842%", AvailabilityChart.percent(0.996842));
        assertEquals("99.999770%", AvailabilityChart.percent(0.999997700));
        assertEquals("99.999990%", AvailabilityChart.percent(0.99999990234));
        assertEquals("no downtime", AvailabilityChart.percent(1.0));
    }

    @Test
    void shouldDrawAPngAndAnSvgOfTheStudy() throws IOException {
        JsonNode study = SummaryJson.mapper().readTree(String.join("\n",
                "{\"scenario\":\"s\",\"replications\":5,\"simulatedDaysPerReplication\":365,\"varied\":\"group.connectors\",",
                "\"results\":[",
                "{\"value\":\"1\",\"apps\":[{\"name\":\"crm\",\"availability\":{\"mean\":0.997,\"ciLow\":0.996,\"ciHigh\":0.998}}]},",
                "{\"value\":\"2\",\"apps\":[{\"name\":\"crm\",\"availability\":{\"mean\":0.99999,\"ciLow\":0.99998,\"ciHigh\":1.0}}]}",
                "]}"));
        ChartFiles.Written written = AvailabilityChart.write(study, dir);
        assertEquals("availability", written.name());
        BufferedImage image = ImageIO.read(dir.resolve("availability.png").toFile());
        assertEquals(900, image.getWidth());
        assertEquals(560, image.getHeight());
        String svg = Files.readString(dir.resolve("availability.svg"));
        assertTrue(svg.startsWith("<?xml"), "an SVG document");
        assertTrue(svg.contains("99.999"), "the bar labels are text in the SVG");
    }
}
