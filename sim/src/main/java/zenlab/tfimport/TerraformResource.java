package zenlab.tfimport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resource instance as {@code terraform show -json} lists it.
 *
 * @param address its full address, like {@code module.site["syd"].zpa_app_connector_group.this}
 * @param managed true for a resource, false for a data source
 * @param type like {@code zpa_app_connector_group}
 * @param provider like {@code registry.terraform.io/zscaler/zpa}
 * @param values its attributes; in a plan, those not known until apply are absent
 */
public record TerraformResource(String address, boolean managed, String type, String provider, JsonNode values) {

    /** The provider whose resources are imported. */
    public static final String ZPA_PROVIDER = "registry.terraform.io/zscaler/zpa";

    /** The module instance it is in, like {@code module.site["syd"].}, or "" at the root. */
    public String modulePrefix() {
        String local = localAddress();
        return address.substring(0, address.length() - local.length());
    }

    /** Its address inside its module, like {@code zpa_app_connector_group.this["a"]}. */
    public String localAddress() {
        int at = address.lastIndexOf((managed ? "" : "data.") + type + ".");
        return at < 0 ? address : address.substring(at);
    }

    /** A string attribute, or null; numbers and booleans as Terraform prints them. */
    public String text(String attribute) {
        JsonNode v = values.get(attribute);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** A boolean attribute, or {@code otherwise} when absent. */
    public boolean bool(String attribute, boolean otherwise) {
        JsonNode v = values.get(attribute);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        return v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
    }
}
