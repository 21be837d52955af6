package zenlab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zenlab import}: a scenario from a description of a deployment the user already has. */
@Command(name = "import", mixinStandardHelpOptions = true,
        header = "Write a scenario from a deployment described elsewhere (Terraform).",
        description = "Writes a scenario from the deployment the user already manages: 'zenlab import terraform'"
            + " reads what terraform show -json prints for a state or a saved plan of the ZPA provider.",
        subcommands = ImportTerraformCommand.class,
        footerHeading = "%nExample:%n",
        footer = "  zenlab import terraform state.json --out lab.yaml")
final class ImportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
