package zenlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioError;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;

/** {@code zenlab validate SCENARIO}: every problem of a scenario file, one line each. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario file and list every problem in it, one line each (file:line:column).")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the scenario .yaml file")
    private Path scenarioFile;

    @Override
    public Integer call() {
        try {
            Scenario scenario = ScenarioLoader.load(scenarioFile);
            spec.commandLine().getOut().println(scenarioFile + ": valid scenario '" + scenario.name() + "'");
            return ExitCodes.OK;
        } catch (ScenarioException e) {
            for (ScenarioError error : e.errors()) {
                spec.commandLine().getErr().println(error);
            }
            return ExitCodes.BAD_INPUT;
        }
    }
}
