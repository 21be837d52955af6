package zenlab.report;

import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.entity.StandardEntityCollection;
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

    /** Tooltips at most per chart: a year of hourly points would make the page heavy, not clearer. */
    private static final int MAX_TOOLTIPS = 400;

    /**
     * A chart written to a results folder, as the index page lists it.
     *
     * @param inlineSvg the SVG as an HTML page embeds it: no XML prolog, no namespaces, a tooltip per point or bar
     */
    public record Written(String name, String title, String caption, String inlineSvg) {
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
        ChartRenderingInfo info = new ChartRenderingInfo(new StandardEntityCollection());
        chart.draw(svg, new Rectangle(0, 0, widthPx, heightPx), info);
        String document = withTooltips(svg.getSVGDocument(), info.getEntityCollection());
        Files.writeString(dir.resolve(name + ".svg"), document, StandardCharsets.UTF_8);
        String title = chart.getTitle() == null ? name : chart.getTitle().getText();
        return new Written(name, title, caption, inline(document));
    }

    /**
     * The SVG with an invisible shape over each bar or point that has a tooltip, holding it as a
     * {@code <title>}, which browsers show on hover: no script, nothing fetched.
     */
    static String withTooltips(String document, EntityCollection entities) {
        java.util.List<ChartEntity> tipped = new java.util.ArrayList<>();
        for (Object o : entities.getEntities()) {
            ChartEntity entity = (ChartEntity) o;
            if (entity.getToolTipText() != null && !entity.getToolTipText().isEmpty()) {
                tipped.add(entity);
            }
        }
        StringBuilder tips = new StringBuilder("<g class='tooltips'>");
        int stride = (tipped.size() + MAX_TOOLTIPS - 1) / MAX_TOOLTIPS; // an even sample of a long series
        int count = 0;
        for (int i = 0; i < tipped.size(); i += Math.max(1, stride)) {
            ChartEntity entity = tipped.get(i);
            String tip = entity.getToolTipText();
            count++;
            tips.append("<path d='").append(path(entity.getArea())).append("' style='fill:#000;fill-opacity:0'><title>")
                    .append(Html.escape(tip)).append("</title></path>");
        }
        tips.append("</g>");
        int end = document.lastIndexOf("</svg>");
        return count == 0 ? document : document.substring(0, end) + tips + document.substring(end);
    }

    /** The SVG element alone, as HTML5 takes it inline. */
    static String inline(String document) {
        String svgOnly = document.substring(document.indexOf("<svg"));
        return svgOnly.replaceFirst("<svg[^>]*? width='(\\d+)' height='(\\d+)'",
                "<svg viewBox='0 0 $1 $2' width='$1' height='$2'");
    }

    private static String path(Shape shape) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(px(c[0])).append(',').append(px(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(px(c[0])).append(',').append(px(c[1]));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(px(c[0])).append(',').append(px(c[1])).append(' ')
                        .append(px(c[2])).append(',').append(px(c[3]));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(px(c[0])).append(',').append(px(c[1])).append(' ')
                        .append(px(c[2])).append(',').append(px(c[3])).append(' ').append(px(c[4])).append(',').append(px(c[5]));
                default -> d.append('Z');
            }
        }
        return d.toString();
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
