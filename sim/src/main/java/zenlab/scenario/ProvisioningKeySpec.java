package zenlab.scenario;

/**
 * A provisioning key: connectors enrolled with it are named {@code <name>-1}, {@code <name>-2},
 * ...; at most {@code maxUsage} enrol, later ones are refused ({@code KEY_EXHAUSTED}).
 *
 * @param value the key as pasted, {@code 1|<enrollment host>|<base64>}; generated if absent.
 *              Never printed in full.
 */
public record ProvisioningKeySpec(String name, int maxUsage, String group, String value) {
}
