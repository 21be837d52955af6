package zenlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help reads like git's or kubectl's in an 80-column terminal: one-line summaries that end,
 * paragraphs that wrap, an example per command, no picocli warning; and the README's command
 * table names every option of every command.
 */
class HelpTest {

    private static List<String> commands() {
        return new ArrayList<>(new CommandLine(new Main()).getSubcommands().keySet());
    }

    @Test
    void shouldFitEveryHelpIn80ColumnsWithAnExampleAndNoWarning() {
        List<String> screens = new ArrayList<>(List.of(""));
        screens.addAll(commands());
        for (String command : screens) {
            CliRun help = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertEquals("", help.err(), command + " --help wrote to stderr (a picocli warning?)");
            for (String line : help.out().lines().collect(Collectors.toList())) {
                assertTrue(line.length() <= 80, command + " --help has a line of " + line.length() + ": " + line);
            }
            assertTrue(help.out().contains("Example"), command + " --help has no example");
        }
    }

    @Test
    void shouldEndEverySummaryInTheCommandList() {
        String help = CliRun.of("--help").out();
        String list = help.substring(help.indexOf("Commands:"), help.indexOf("Exit codes:"));
        // A summary is one sentence: it ends with a full stop, on its own line or the next.
        for (String command : commands()) {
            CommandSpec spec = new CommandLine(new Main()).getSubcommands().get(command).getCommandSpec();
            String summary = String.join(" ", spec.usageMessage().header());
            assertTrue(summary.endsWith("."), command + "'s summary does not end: " + summary);
            assertTrue(list.replaceAll("\\s+", " ").contains(command + " " + summary), command + " not listed with its summary");
        }
    }

    @Test
    void shouldNameEveryOptionInTheReadmeCommandTable() throws Exception {
        List<String> rows = Files.readAllLines(ScenarioFiles.root().resolve("README.md")).stream()
                .filter(line -> line.startsWith("| `zenlab ")).collect(Collectors.toList());
        List<String> missing = new ArrayList<>();
        for (String command : commands()) {
            String table = rows.stream().filter(r -> r.startsWith("| `zenlab " + command + " "))
                    .collect(Collectors.joining("\n"));
            CommandSpec spec = new CommandLine(new Main()).getSubcommands().get(command).getCommandSpec();
            for (OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                boolean named = false;
                for (String name : option.names()) {
                    named |= table.contains(name + " ") || table.contains(name + "]") || table.contains(name + "`")
                            || table.contains(name + "\\|");
                }
                if (!named) {
                    missing.add(command + " " + option.longestName());
                }
            }
        }
        assertEquals(List.of(), missing, "options the README's command table does not name");
    }
}
