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

    /** Every command and nested command, as typed: "run", ..., "import", "import terraform". */
    private static List<String> commands() {
        List<String> all = new ArrayList<>();
        walk("", new CommandLine(new Main()), all);
        return all;
    }

    private static void walk(String prefix, CommandLine parent, List<String> into) {
        parent.getSubcommands().forEach((name, sub) -> {
            into.add(prefix + name);
            walk(prefix + name + " ", sub, into);
        });
    }

    private static CommandSpec spec(String command) {
        CommandLine cli = new CommandLine(new Main());
        for (String part : command.split(" ")) {
            cli = cli.getSubcommands().get(part);
        }
        return cli.getCommandSpec();
    }

    @Test
    void shouldFitEveryHelpIn80ColumnsWithAnExampleAndNoWarning() {
        List<String> screens = new ArrayList<>(List.of(""));
        screens.addAll(commands());
        for (String command : screens) {
            List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
            args.add("--help");
            CliRun help = CliRun.of(args.toArray(String[]::new));
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
            if (command.contains(" ")) {
                continue; // a nested command is listed in its parent's help, checked below
            }
            CommandSpec spec = spec(command);
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
            CommandSpec spec = spec(command);
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
