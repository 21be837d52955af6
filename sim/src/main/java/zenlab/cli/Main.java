package zenlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zenlab}: the entry point. Subcommands do the work; this one prints help. */
@Command(name = "zenlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Simulation and load lab for fleets of private-access app connectors: replays a scenario"
            + " in virtual time or live over real TLS, studies it over many replications, and serves its fabric"
            + " for real clients. 'zenlab COMMAND --help' says more of each command.",
        footerHeading = "%nExample:%n",
        footer = "  zenlab run scenarios/melbourne-pair.yaml",
        subcommands = {RunCommand.class, ValidateCommand.class, StudyCommand.class, WorkerCommand.class, UpCommand.class,
            CompareCommand.class, ImportCommand.class, PlanCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the run finished and a scenario assertion failed",
            "2:bad command line or scenario (one line each, file:line:column)",
            "3:the run could not finish (I/O error)"})
public final class Main implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true"); // charts render without a display
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code, writing to the given streams. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Main::badCommandLine);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("zenlab: the run failed: " + describe(e));
            if (System.getenv("ZENLAB_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return ExitCodes.RUN_FAILED;
        });
        return cli.execute(args);
    }

    private static int badCommandLine(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see " + cmd.getCommandSpec().qualifiedName() + " --help)");
        return ExitCodes.BAD_INPUT;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
