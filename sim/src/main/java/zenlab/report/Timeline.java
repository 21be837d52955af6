package zenlab.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** timeline.csv read back as columns, for the run's charts. */
record Timeline(double[] timeS, List<String> groups, double[][] upByGroup, double[][] fewestUpByGroup,
                double[] activeMtunnels,
                double[] mbpsServed, double[] mtunnelsRefused) {

    private static final String UP_PREFIX = "connectors_up_";

    static Timeline read(Path csv) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String[] header = in.readLine().split(",", -1);
            List<String> groups = new ArrayList<>();
            for (String column : header) {
                if (column.startsWith(UP_PREFIX)) {
                    groups.add(column.substring(UP_PREFIX.length()));
                }
            }
            int firstGroup = 2;
            int firstFewest = firstGroup + groups.size();
            int active = firstFewest + groups.size();
            List<double[]> rows = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",", -1);
                double[] row = new double[cells.length];
                row[0] = Double.parseDouble(cells[0]);
                for (int i = firstGroup; i < cells.length; i++) {
                    row[i] = Double.parseDouble(cells[i]);
                }
                rows.add(row);
            }
            int n = rows.size();
            double[] time = new double[n];
            double[][] up = new double[groups.size()][n];
            double[][] fewest = new double[groups.size()][n];
            double[] mtunnels = new double[n];
            double[] mbps = new double[n];
            double[] refused = new double[n];
            for (int r = 0; r < n; r++) {
                double[] row = rows.get(r);
                time[r] = row[0];
                for (int g = 0; g < groups.size(); g++) {
                    up[g][r] = row[firstGroup + g];
                    fewest[g][r] = row[firstFewest + g];
                }
                mtunnels[r] = row[active];
                mbps[r] = row[active + 1];
                refused[r] = row[active + 2];
            }
            return new Timeline(time, List.copyOf(groups), up, fewest, mtunnels, mbps, refused);
        }
    }

    int rows() {
        return timeS.length;
    }

    /** Connectors up in all groups together, per row. */
    double[] upInAllGroups() {
        return sum(upByGroup);
    }

    /** The fewest up in all groups together (the sum of each group's fewest: a bound, not a sample), per row. */
    double[] fewestUpInAllGroups() {
        return sum(fewestUpByGroup);
    }

    private double[] sum(double[][] byGroup) {
        double[] total = new double[rows()];
        for (double[] group : byGroup) {
            for (int r = 0; r < total.length; r++) {
                total[r] += group[r];
            }
        }
        return total;
    }

    /** The nominal capacity of the connectors up, per row: the sum over groups of up x Mbps per connector. */
    double[] capacityMbps(double[] mbpsPerConnectorByGroup) {
        double[] capacity = new double[rows()];
        for (int g = 0; g < upByGroup.length; g++) {
            for (int r = 0; r < capacity.length; r++) {
                capacity[r] += upByGroup[g][r] * mbpsPerConnectorByGroup[g];
            }
        }
        return capacity;
    }
}
