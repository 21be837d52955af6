package zenlab.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zenlab.report.OutputEstimate;
import zenlab.scenario.Scenario;

/** {@code zenlab validate SCENARIO}: every problem of a scenario file, one line each. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Check a scenario file and list every problem in it.",
        description = "Lists every problem of SCENARIO, one line each (file:line:column: what is wrong; expected"
            + " ...), and warnings such as a fault that never fires; or says it is valid and how much its"
            + " results will take. Runs nothing. Exit code 0: valid; 2: problems.",
        footerHeading = "%nExample:%n",
        footer = "  zenlab validate scenarios/melbourne-pair.yaml")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the scenario .yaml file")
    private Path scenarioFile;

    @Override
    public Integer call() {
        Optional<Scenario> loaded = ScenarioArgument.load(scenarioFile, null, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        Scenario scenario = loaded.get();
        spec.commandLine().getOut().println(scenarioFile + ": valid scenario '" + scenario.name() + "'; "
                + OutputEstimate.of(scenario).describe(scenario.journal()));
        return ExitCodes.OK;
    }
}
