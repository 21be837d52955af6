package zenlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /metrics} in Prometheus's text format, read back for assertions: each
 * sample's name, labels and value. (The format's own checker, promtool, is run on the same text.)
 */
record PrometheusText(String text, List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new PrometheusText(text, samples);
    }

    /** The sum of {@code name}'s samples whose labels include {@code labelPairs} (name, value, ...). */
    double sum(String name, String... labelPairs) {
        double total = 0;
        for (Sample s : samples) {
            if (!s.name().equals(name)) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < labelPairs.length; i += 2) {
                match &= labelPairs[i + 1].equals(s.labels().get(labelPairs[i]));
            }
            if (match) {
                total += s.value();
            }
        }
        return total;
    }

    /** {@code label}'s values among {@code name}'s samples. */
    List<String> values(String name, String label) {
        List<String> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().containsKey(label) && !out.contains(s.labels().get(label))) {
                out.add(s.labels().get(label));
            }
        }
        return out;
    }
}
