package zenlab.report;

import java.text.SimpleDateFormat;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.axis.DateAxis;
import org.jfree.data.xy.XYSeries;

/** Virtual time on a chart: a calendar axis in UTC from {@link VirtualClock#EPOCH}, the same whatever the machine's zone. */
final class TimeAxes {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final long DAY_S = 86_400;

    private TimeAxes() {
    }

    static DateAxis calendar(double spanS) {
        DateAxis axis = new DateAxis("virtual time (UTC)", UTC, Locale.ROOT);
        String pattern = spanS > 120 * DAY_S ? "yyyy-MM" : spanS > 14 * DAY_S ? "yyyy-MM-dd" : spanS > 2 * DAY_S ? "MM-dd HH:mm" : "HH:mm";
        SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.ROOT);
        format.setTimeZone(UTC);
        axis.setDateFormatOverride(format);
        return axis;
    }

    /** Epoch milliseconds of a virtual time in seconds, for a {@link DateAxis}. */
    static double millis(double virtualS) {
        return VirtualClock.EPOCH.toEpochMilli() + virtualS * 1000;
    }

    /**
     * A step series on the calendar axis: each value holds until the next point. The steps are
     * drawn as points of the series, so that one SVG path draws the whole line.
     */
    static XYSeries steps(String key, double[] timeS, double[] y, int buckets) {
        double[][] thin = Downsample.minMax(timeS, y, buckets);
        XYSeries series = new XYSeries(key, false, true);
        for (int i = 0; i < thin[0].length; i++) {
            if (i > 0) {
                series.add(millis(thin[0][i]), thin[1][i - 1], false);
            }
            series.add(millis(thin[0][i]), thin[1][i], false);
        }
        return series;
    }
}
