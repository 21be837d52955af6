package zenlab.tfimport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code terraform show -json} prints, read with Jackson (HashiCorp's "JSON Output
 * Format", {@code format_version} 1.x): a state's {@code values}, or a saved plan's
 * {@code planned_values} (what the state will be once the plan is applied) with the plan's
 * {@code configuration}, whose references link resources whose ids are not known before apply.
 *
 * @param file the file as named on the command line
 * @param plan true for a saved plan, false for a state
 * @param resources every resource instance, from the root module and every child module
 * @param configuration the plan's {@code configuration} (absent for a state)
 */
public record TerraformShowJson(String file, boolean plan, List<TerraformResource> resources, JsonNode configuration) {

    /**
     * 64 MiB: a state of 10,000 connector groups with their keys, server groups and segments is
     * about 40 MB; anything larger is not a ZPA tenant's state.
     */
    static final long MAX_FILE_BYTES = 64L << 20;
    /** A state is 6 levels deep to a resource's values and a few more inside them. */
    static final int MAX_NESTING = 64;
    /** The longest attribute a ZPA resource has is a description or a certificate: well under this. */
    static final int MAX_STRING_CHARS = 1 << 20;

    /** Reads {@code path}: one clear line for anything that is not a ZPA state or plan. */
    public static TerraformShowJson read(Path path) throws ImportException {
        String file = path.toString();
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new ImportException(file + ": the file has " + Files.size(path) + " bytes; expected the output of"
                        + " terraform show -json of at most " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ImportException(file + ": no such file; expected the output of terraform show -json");
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
        JsonNode root;
        try {
            root = mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ImportException(file + where + ": not JSON (" + e.getOriginalMessage()
                    + "); expected the output of terraform show -json");
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ImportException(file + ": not a JSON object; expected the output of terraform show -json");
        }
        JsonNode version = root.get("format_version");
        if (version == null || !version.isTextual()) {
            throw new ImportException(file + ": no format_version; expected the output of terraform show -json"
                    + " (a state or a saved plan)");
        }
        if (!version.asText().matches("1(\\.\\d+)*")) {
            throw new ImportException(file + ": format_version " + version.asText() + "; expected 1.x (HashiCorp's"
                    + " JSON Output Format, Terraform 0.12 and later)");
        }
        boolean plan = root.has("planned_values");
        JsonNode values = plan ? root.get("planned_values") : root.get("values");
        List<TerraformResource> resources = new ArrayList<>();
        if (values != null && values.isObject()) {
            collect(file, values.get("root_module"), resources);
        } else if (values != null && !values.isNull()) {
            throw new ImportException(file + ": " + (plan ? "planned_values" : "values")
                    + " is not an object; expected the output of terraform show -json");
        }
        if (resources.isEmpty()) {
            throw new ImportException(file + ": the " + (plan ? "plan" : "state") + " holds no resources; expected"
                    + " the output of terraform show -json after terraform apply (or of a saved plan)");
        }
        return new TerraformShowJson(file, plan, List.copyOf(resources), plan ? root.get("configuration") : null);
    }

    private static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                        .maxStringLength(MAX_STRING_CHARS).maxDocumentLength(MAX_FILE_BYTES).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(factory).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private static void collect(String file, JsonNode module, List<TerraformResource> into)
            throws ImportException {
        if (module == null || module.isNull()) {
            return;
        }
        if (!module.isObject()) {
            throw new ImportException(file + ": a module is not an object; expected the output of terraform show -json");
        }
        for (JsonNode r : array(file, module, "resources")) {
            String address = field(file, r, "address");
            String mode = field(file, r, "mode");
            JsonNode values = r.get("values");
            into.add(new TerraformResource(address, !"data".equals(mode), field(file, r, "type"),
                    field(file, r, "provider_name"),
                    values != null && values.isObject() ? values : mapper().createObjectNode()));
        }
        for (JsonNode child : array(file, module, "child_modules")) {
            collect(file, child, into);
        }
    }

    private static Iterable<JsonNode> array(String file, JsonNode parent, String name) throws ImportException {
        JsonNode a = parent.get(name);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new ImportException(file + ": '" + name + "' is not a list; expected the output of terraform show -json");
        }
        return a;
    }

    private static String field(String file, JsonNode resource, String name) throws ImportException {
        JsonNode v = resource.get(name);
        if (v == null || !v.isTextual()) {
            String address = resource.path("address").asText("a resource");
            throw new ImportException(file + ": " + address + " has no '" + name + "'; expected the output of"
                    + " terraform show -json");
        }
        return v.asText();
    }
}
