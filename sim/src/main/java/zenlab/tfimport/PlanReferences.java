package zenlab.tfimport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links in a saved plan whose ids are not known before apply: a provisioning key created with
 * its group has {@code zcomponent_id = zpa_app_connector_group.syd.id}, and the plan's
 * {@code configuration} keeps that reference while {@code planned_values} has no id yet. A
 * reference is resolved in the referring resource's module instance, and for a resource made
 * by {@code count} or {@code for_each}, to the instance with the same key when there is one
 * (the usual {@code zpa_app_connector_group.site[each.key].id}).
 */
final class PlanReferences {

    /** {@code module.a["x"].module.b[0].} at the start of an address. */
    private static final Pattern MODULE = Pattern.compile("module\\.([A-Za-z0-9_-]+)(\\[[^\\]]*])?\\.");
    /** A reference to a module instance's outputs: {@code module.site}, {@code module.site["syd"].group_id}. */
    private static final Pattern MODULE_REF = Pattern.compile("module\\.([A-Za-z0-9_-]+)(\\[[^\\]]*])?(\\..*)?");
    /** A resource reference, with or without an index, followed by an attribute. */
    private static final Pattern RESOURCE_REF = Pattern.compile("((?:data\\.)?zpa_[a-z_]+\\.[A-Za-z0-9_-]+)(\\[[^\\]]*])?(\\..*)?");

    private final JsonNode configuration;
    private final Map<String, TerraformResource> byAddress = new LinkedHashMap<>();

    PlanReferences(TerraformShowJson json) {
        this.configuration = json.configuration();
        for (TerraformResource r : json.resources()) {
            byAddress.put(r.address(), r);
        }
    }

    /** The resource addresses (module-relative) that {@code attribute} of {@code from} refers to in the configuration. */
    List<String> of(TerraformResource from, String attribute) {
        JsonNode resource = configResource(from);
        if (resource == null) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        collect(resource.path("expressions").get(attribute), found);
        return new ArrayList<>(found);
    }

    /**
     * The resource instances a module-relative reference names, seen from {@code from}: one
     * resource, or, for a reference to a module's output ({@code module.site} or
     * {@code module.site["syd"].group_id}), every resource of {@code type} in that module's
     * instances. Empty if none.
     */
    List<TerraformResource> resolve(TerraformResource from, String reference, String type) {
        Matcher module = MODULE_REF.matcher(reference);
        if (module.matches()) {
            String base = from.modulePrefix() + "module." + module.group(1) + (module.group(2) == null ? "" : module.group(2));
            List<TerraformResource> inside = new ArrayList<>();
            for (TerraformResource r : byAddress.values()) {
                String a = r.address();
                if (r.type().equals(type) && a.startsWith(base)
                        && (a.charAt(base.length()) == '.' || (module.group(2) == null && a.charAt(base.length()) == '['))) {
                    inside.add(r);
                }
            }
            return inside;
        }
        Matcher m = RESOURCE_REF.matcher(reference);
        if (!m.matches()) {
            return List.of();
        }
        String base = from.modulePrefix() + m.group(1);
        if (m.group(2) != null) {
            return listOf(byAddress.get(base + m.group(2)));
        }
        TerraformResource exact = byAddress.get(base);
        if (exact != null) {
            return List.of(exact);
        }
        String local = from.localAddress();
        int index = local.indexOf('[');
        if (index >= 0) {
            TerraformResource sameKey = byAddress.get(base + local.substring(index));
            if (sameKey != null) {
                return List.of(sameKey);
            }
        }
        TerraformResource only = null;
        for (Map.Entry<String, TerraformResource> e : byAddress.entrySet()) {
            if (e.getKey().startsWith(base + "[")) {
                if (only != null) {
                    return List.of(); // several instances and no key to choose by
                }
                only = e.getValue();
            }
        }
        return listOf(only);
    }

    private static List<TerraformResource> listOf(TerraformResource r) {
        return r == null ? List.of() : List.of(r);
    }

    /** Every {@code references} entry under an expression, blocks and lists included, as resource addresses. */
    private static void collect(JsonNode expression, Set<String> into) {
        if (expression == null) {
            return;
        }
        if (expression.isArray()) {
            expression.forEach(e -> collect(e, into));
            return;
        }
        if (!expression.isObject()) {
            return;
        }
        JsonNode refs = expression.get("references");
        if (refs != null && refs.isArray()) {
            for (JsonNode r : refs) {
                Matcher m = RESOURCE_REF.matcher(r.asText());
                Matcher module = MODULE_REF.matcher(r.asText());
                // Terraform lists "zpa_x.y.id" and then "zpa_x.y": keep the resource, once.
                if (m.matches()) {
                    into.add(m.group(1) + (m.group(2) == null ? "" : m.group(2)));
                } else if (module.matches()) {
                    into.add("module." + module.group(1) + (module.group(2) == null ? "" : module.group(2)));
                }
            }
        }
        expression.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("references") && !e.getKey().equals("constant_value")) {
                collect(e.getValue(), into);
            }
        });
    }

    /** The configuration block of {@code from}: through module_calls by its module path, then by its local address. */
    private JsonNode configResource(TerraformResource from) {
        if (configuration == null) {
            return null;
        }
        JsonNode module = configuration.path("root_module");
        Matcher m = MODULE.matcher(from.modulePrefix());
        int at = 0;
        while (m.find(at) && m.start() == at) {
            module = module.path("module_calls").path(m.group(1)).path("module");
            at = m.end();
        }
        String local = from.localAddress();
        int index = local.indexOf('[');
        String configAddress = index < 0 ? local : local.substring(0, index);
        for (JsonNode r : module.path("resources")) {
            if (configAddress.equals(r.path("address").asText())) {
                return r;
            }
        }
        return null;
    }
}
