package zenlab.report;

import java.util.Arrays;

/**
 * Thins a long series for a chart without hiding its extremes: the points fall into at most
 * {@code buckets} equal spans of x, and each span keeps its lowest and highest point in time
 * order. A four-minute dip in a year of minutes stays visible, which averaging would lose.
 */
final class Downsample {

    private Downsample() {
    }

    /** The thinned series as {x[], y[]}; the input as it is if it is short enough. */
    static double[][] minMax(double[] x, double[] y, int buckets) {
        int n = x.length;
        if (n <= 2L * buckets) {
            return new double[][] {x.clone(), y.clone()};
        }
        double[] outX = new double[2 * buckets + 2];
        double[] outY = new double[outX.length];
        int out = 0;
        double span = (x[n - 1] - x[0]) / buckets;
        int i = 0;
        while (i < n) {
            int bucket = span > 0 ? (int) Math.min(buckets - 1, (x[i] - x[0]) / span) : 0;
            int lowest = i;
            int highest = i;
            int j = i;
            while (j < n && (span > 0 ? (int) Math.min(buckets - 1, (x[j] - x[0]) / span) : 0) == bucket) {
                if (y[j] < y[lowest]) {
                    lowest = j;
                }
                if (y[j] > y[highest]) {
                    highest = j;
                }
                j++;
            }
            int first = Math.min(lowest, highest);
            int second = Math.max(lowest, highest);
            outX[out] = x[first];
            outY[out++] = y[first];
            if (second != first) {
                outX[out] = x[second];
                outY[out++] = y[second];
            }
            i = j;
        }
        return new double[][] {Arrays.copyOf(outX, out), Arrays.copyOf(outY, out)};
    }
}
