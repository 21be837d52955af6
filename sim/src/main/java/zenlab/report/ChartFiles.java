package zenlab.report;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Writes a chart twice, as {@code NAME.png} for a quick look and {@code NAME.svg} for print and
 * zoom. The SVG's internal ids are derived from the file name, not the clock, so the same
 * chart gives the same bytes.
 */
public final class ChartFiles {

    public static final int WIDTH_PX = 900;
    public static final int HEIGHT_PX = 520;

    private ChartFiles() {
    }

    /** A chart written to a results folder, as the index page lists it. */
    public record Written(String name, String title, String caption) {
    }

    public static Written write(JFreeChart chart, Path dir, String name, String caption) throws IOException {
        return write(chart, dir, name, caption, WIDTH_PX, HEIGHT_PX);
    }

    public static Written write(JFreeChart chart, Path dir, String name, String caption, int widthPx, int heightPx)
            throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(name + ".png").toFile(), chart, widthPx, heightPx);
        SVGGraphics2D svg = new SVGGraphics2D(widthPx, heightPx);
        svg.setDefsKeyPrefix("zenlab-" + name + "-");
        svg.setGeomDoubleConverter(SVGUtils.createDoubleConverter(1)); // a tenth of a pixel is plenty
        svg.setTransformDoubleConverter(SVGUtils.createDoubleConverter(3));
        chart.draw(svg, new Rectangle(0, 0, widthPx, heightPx));
        Files.writeString(dir.resolve(name + ".svg"), svg.getSVGDocument(), StandardCharsets.UTF_8);
        String title = chart.getTitle() == null ? name : chart.getTitle().getText();
        return new Written(name, title, caption);
    }
}
