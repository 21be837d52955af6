package zenlab.net.pki;

/**
 * A provisioning key's secret value, shaped like the vendor's {@code 1|<enrolment host>|<base64>}.
 * Its {@link #toString()} and {@link #redacted()} never show more than the first four
 * characters of the secret part, so a log line or an exception message cannot leak it.
 */
public final class ProvisioningKey {

    private final String value;

    public ProvisioningKey(String value) {
        this.value = value;
    }

    /** The whole secret: for the wire and the enrolment check only, never for printing. */
    public String reveal() {
        return value;
    }

    /** "1|enroll.zenlab.local|c2Vj…(37 chars)". */
    public String redacted() {
        return redact(value);
    }

    public static String redact(String value) {
        if (value == null) {
            return "(none)";
        }
        int secret = value.lastIndexOf('|') + 1;
        int shown = Math.min(value.length(), secret + 4);
        return value.substring(0, shown) + "…(" + value.length() + " chars)";
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProvisioningKey k && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8), k.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
