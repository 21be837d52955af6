package zenlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;

/** The look every zenlab chart shares: white ground, light grid, one palette, plain fonts. */
final class ChartStyle {

    static final Font TITLE_FONT = new Font("SansSerif", Font.BOLD, 15);
    static final Font SUBTITLE_FONT = new Font("SansSerif", Font.PLAIN, 12);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final BasicStroke LINE = new BasicStroke(1.6f);
    static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    /** Tableau-like colours that stay apart for the colour-blind and in greyscale. */
    private static final Paint[] PALETTE = {
        new Color(0x3B, 0x75, 0xAF), new Color(0xEF, 0x85, 0x36), new Color(0x51, 0x9E, 0x3E),
        new Color(0xC5, 0x3A, 0x32), new Color(0x84, 0x5B, 0x97), new Color(0x8D, 0x69, 0x5D),
        new Color(0xD5, 0x7E, 0xC0), new Color(0x7F, 0x7F, 0x7F),
    };

    private ChartStyle() {
    }

    static Paint colour(int series) {
        return PALETTE[series % PALETTE.length];
    }

    /** Lines without markers, each series one path (small SVG files), in the palette's colours. */
    static XYLineAndShapeRenderer lines(int seriesCount) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        // Hovering a point of the inline chart shows "series: x, y".
        renderer.setDefaultToolTipGenerator(new org.jfree.chart.labels.StandardXYToolTipGenerator("{0}: {1}, {2}",
                new java.text.DecimalFormat("#,##0.##"), new java.text.DecimalFormat("#,##0.###")));
        for (int s = 0; s < seriesCount; s++) {
            renderer.setSeriesPaint(s, colour(s));
            renderer.setSeriesStroke(s, LINE);
        }
        return renderer;
    }

    static JFreeChart chart(String title, String subtitle, Plot plot, boolean legend) {
        if (plot instanceof XYPlot xy) {
            xy.setBackgroundPaint(Color.WHITE);
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
        }
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null) {
            chart.addSubtitle(new TextTitle(subtitle, SUBTITLE_FONT));
        }
        return chart;
    }
}
