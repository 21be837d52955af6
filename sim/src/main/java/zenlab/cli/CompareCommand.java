package zenlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zenlab.report.Figures;
import zenlab.report.SummaryJson;

/** {@code zenlab compare A B}: two runs' figures side by side, with their differences. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Print the figures of two results folders side by side.",
        description = "Prints the figures of two results folders (or summary.json files) side by side: A, B,"
            + " B - A and the relative difference. By default only the figures that differ; --all for every"
            + " one.",
        footerHeading = "%nExample:%n",
        footer = "  zenlab compare results/melbourne-pair results/melbourne-pair-seed7")
final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_A", description = "a results folder or its summary.json")
    private Path a;

    @Parameters(index = "1", paramLabel = "RESULTS_B", description = "another results folder or summary.json")
    private Path b;

    @Option(names = "--all", description = "show the figures that are equal too")
    private boolean all;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Double> left;
        Map<String, Double> right;
        JsonNode summaryA;
        JsonNode summaryB;
        try {
            summaryA = read(a);
            summaryB = read(b);
        } catch (IOException e) {
            err.println("zenlab compare: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        left = Figures.of(summaryA);
        right = Figures.of(summaryB);
        Set<String> paths = new LinkedHashSet<>(left.keySet());
        paths.addAll(right.keySet());
        int width = Math.max(6, paths.stream().mapToInt(String::length).max().orElse(6));
        out.printf(Locale.ROOT, "A  %s  (%s, seed %s)%nB  %s  (%s, seed %s)%n", a, summaryA.path("mode").asText("?"),
                summaryA.path("seed").asText("?"), b, summaryB.path("mode").asText("?"), summaryB.path("seed").asText("?"));
        out.printf(Locale.ROOT, "%-" + width + "s %16s %16s %16s %9s%n", "figure", "A", "B", "B - A", "relative");
        int differing = 0;
        for (String path : paths) {
            Double x = left.get(path);
            Double y = right.get(path);
            boolean same = x != null && y != null && x.equals(y);
            if (!same) {
                differing++;
            }
            if (same && !all) {
                continue;
            }
            String delta = x == null || y == null ? "" : number(y - x);
            String relative = x == null || y == null || x == 0 ? "" : String.format(Locale.ROOT, "%+.2f%%", 100 * (y - x) / Math.abs(x));
            out.printf(Locale.ROOT, "%-" + width + "s %16s %16s %16s %9s%n", path, x == null ? "-" : number(x),
                    y == null ? "-" : number(y), delta, relative);
        }
        out.printf(Locale.ROOT, "%d of %d figures differ%n", differing, paths.size());
        return ExitCodes.OK;
    }

    private static JsonNode read(Path results) throws IOException {
        Path file = Files.isDirectory(results) ? results.resolve("summary.json") : results;
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such summary; expected a results folder holding summary.json");
        }
        try {
            JsonNode summary = SummaryJson.mapper().readTree(file.toFile());
            if (summary == null || !summary.isObject() || !summary.has("scenario")) {
                throw new IOException(file + ": not a zenlab summary (no 'scenario' field)");
            }
            return summary;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not JSON: " + e.getOriginalMessage());
        }
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
