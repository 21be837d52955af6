package zenlab.tfimport;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import zenlab.scenario.Scenario;
import zenlab.scenario.ScenarioError;
import zenlab.scenario.ScenarioException;
import zenlab.scenario.ScenarioLoader;

/**
 * {@code zenlab import terraform}, end to end but for the writing: the Terraform JSON read, its
 * ZPA resources mapped, the overlay and assertions merged, the scenario's text checked by the
 * same loader {@code zenlab validate} uses, and what the console says about it.
 */
public final class TerraformImport {

    /**
     * What the command was asked.
     *
     * @param json the output of terraform show -json
     * @param scenarioFile where the scenario will be written (named in messages)
     * @param name the scenario's name
     * @param connectorsPerGroup connectors in every group, or null to take them from the keys
     * @param duration the scenario's duration, as a scenario writes it (365d)
     * @param overlay a scenario fragment to merge, or null
     * @param assertions assertions to add
     */
    public record Request(Path json, Path scenarioFile, String name, Integer connectorsPerGroup, String duration,
                          Path overlay, List<String> assertions) {
    }

    /**
     * The scenario's text, and the lines the console prints.
     *
     * @param scenario the scenario as loaded back from {@code text}
     */
    public record Imported(String text, Scenario scenario, List<String> summary) {
    }

    private TerraformImport() {
    }

    /** Imports; one clear line in the exception for anything wrong, nothing written here in any case. */
    public static Imported run(Request request) throws ImportException {
        TerraformShowJson json = TerraformShowJson.read(request.json());
        ZpaImport.Result result = ZpaImport.of(json, new ZpaImport.Options(request.name(), request.connectorsPerGroup(),
                request.duration()));
        YamlMap scenario = result.scenario();
        if (request.overlay() != null) {
            ScenarioOverlay.merge(request.overlay().toString(), readText(request.overlay()), scenario);
        }
        if (!request.assertions().isEmpty()) {
            List<Object> all = new ArrayList<>();
            if (scenario.get("assertions") instanceof List<?> existing) {
                all.addAll(existing);
            }
            all.addAll(request.assertions());
            scenario.put("assertions", all);
        }
        String text = YamlEmitter.write(scenario);
        Scenario loaded;
        try {
            loaded = ScenarioLoader.parse(request.scenarioFile().toString(), text);
        } catch (ScenarioException e) {
            ScenarioError first = e.errors().get(0);
            String line = text.lines().skip(first.line() - 1L).findFirst().orElse("").strip();
            throw new ImportException(first + " (in the scenario it would write, at '" + line + "'"
                    + (request.overlay() != null ? "; check " + request.overlay() : "") + ")"
                    + (e.errors().size() > 1 ? "; and " + (e.errors().size() - 1) + " more" : ""));
        }
        return new Imported(text, loaded, summary(json, result, request));
    }

    private static List<String> summary(TerraformShowJson json, ZpaImport.Result r, Request request) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("imported from %s (a %s): %d connector group%s, %d provisioning key%s, %d app%s",
                json.file(), json.plan() ? "saved plan" : "state", r.groups(), plural(r.groups()), r.keys(),
                plural(r.keys()), r.apps(), plural(r.apps())));
        if (!r.skipped().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Integer> e : r.skipped().entrySet()) {
                parts.add(e.getValue() + " " + e.getKey());
            }
            lines.add("  skipped: " + String.join("; ", parts));
        }
        for (String u : r.unresolved()) {
            lines.add("  not in the file, skipped: " + u);
        }
        lines.add("  assumed: " + r.assumptions() + " value" + plural(r.assumptions()) + " Terraform does not know"
                + (r.assumptions() > 0 ? " (the '# assumed:' comments in " + request.scenarioFile() + ")" : ""));
        if (request.overlay() != null) {
            lines.add("  merged: " + request.overlay());
        }
        return lines;
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private static String readText(Path file) throws ImportException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ImportException(file + ": no such file; expected a scenario fragment (.yaml) to merge");
        } catch (CharacterCodingException e) {
            throw new ImportException(file + ": the file is not UTF-8 text; expected a YAML file");
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
    }
}
