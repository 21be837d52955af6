package zenlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zenlab.report.OutputEstimate;
import zenlab.scenario.Durations;
import zenlab.tfimport.ImportException;
import zenlab.tfimport.TerraformImport;

/** {@code zenlab import terraform FILE.json}: a scenario from the ZPA provider's state or saved plan. */
@Command(name = "terraform", mixinStandardHelpOptions = true,
        header = "Write a scenario from terraform show -json of the ZPA provider.",
        description = "Reads FILE.json, what 'terraform show -json' prints for a state or a saved plan of the"
            + " zscaler/zpa provider, and writes a scenario of its connector groups (with their upgrade windows),"
            + " provisioning keys (never their secret value), server groups and application segments. What"
            + " Terraform does not know (connector counts, brokers, demand, failures) is assumed and marked"
            + " '# assumed:' in the file; --with merges what you know. The scenario is checked as 'zenlab"
            + " validate' would before it is written. Exit code 0: written; 2: bad input, nothing written.",
        footerHeading = "%nExamples:%n",
        footer = {"  terraform show -json > state.json",
            "  zenlab import terraform state.json --out lab.yaml --connectors-per-group 2",
            "  zenlab import terraform plan.json --with load.yaml --out lab.yaml"})
final class ImportTerraformCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE.json", description = "the output of terraform show -json (state or saved plan)")
    private Path json;

    @Option(names = "--out", paramLabel = "SCENARIO.yaml",
            description = "where to write the scenario (default: NAME.yaml here)")
    private Path out;

    @Option(names = "--connectors-per-group", paramLabel = "N",
            description = "connectors in every group (default: the key's usage_count, else its max_usage, else 2)")
    private Integer connectorsPerGroup;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "365d",
            description = "virtual time the scenario covers (default: ${DEFAULT-VALUE})")
    private String duration;

    @Option(names = "--name", paramLabel = "NAME",
            description = "the scenario's name (default: the file's name without .json)")
    private String name;

    @Option(names = "--with", paramLabel = "OVERLAY.yaml",
            description = "merge brokers, demand, failures, faults and assertions from this scenario fragment,"
                    + " by group and app name (docs/import.md)")
    private Path overlay;

    @Option(names = "--assert", paramLabel = "EXPR",
            description = "add an assertion, like 'app.crm.availability >= 0.999' (repeatable)")
    private List<String> assertions = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String command = "zenlab import terraform: ";
        if (connectorsPerGroup != null && (connectorsPerGroup < 0 || connectorsPerGroup > 10_000_000)) {
            err.println(command + "--connectors-per-group: expected 0 to 10000000, found " + connectorsPerGroup);
            return ExitCodes.BAD_INPUT;
        }
        try {
            if (Durations.parseNs(duration) <= 0) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            err.println(command + "--duration: expected " + Durations.EXPECTED + ", greater than 0, found '" + duration + "'");
            return ExitCodes.BAD_INPUT;
        }
        String scenarioName = name != null ? name : defaultName(json);
        if (!scenarioName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            err.println(command + "--name: expected letters, digits, '.', '_' or '-' (at most 64), found '" + scenarioName + "'");
            return ExitCodes.BAD_INPUT;
        }
        Path target = out != null ? out : Path.of(scenarioName + ".yaml");
        TerraformImport.Imported imported;
        try {
            imported = TerraformImport.run(new TerraformImport.Request(json, target, scenarioName, connectorsPerGroup,
                    duration, overlay, assertions));
        } catch (ImportException e) {
            err.println(command + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try {
            write(target, imported.text());
        } catch (IOException e) {
            err.println(command + "cannot write " + target + ": " + Main.describe(e));
            return ExitCodes.RUN_FAILED;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + target + ": valid scenario '" + imported.scenario().name() + "'; "
                + OutputEstimate.of(imported.scenario()).describe(imported.scenario().journal()));
        imported.summary().forEach(stdout::println);
        stdout.println("next: zenlab run " + target + "   or   zenlab study " + target + " --vary group.connectors=1..3");
        return ExitCodes.OK;
    }

    /** "state" for state.json: a scenario name from the file's, or "imported". */
    private static String defaultName(Path json) {
        String file = json.getFileName() == null ? "" : json.getFileName().toString().replaceFirst("\\.json$", "");
        String cleaned = file.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
        return cleaned.isEmpty() ? "imported" : cleaned.substring(0, Math.min(64, cleaned.length()));
    }

    /** Written whole or not at all: a temporary file beside it, then moved into place. */
    private static void write(Path target, String text) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
