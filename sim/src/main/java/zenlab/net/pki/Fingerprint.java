package zenlab.net.pki;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A connector host's hardware identity, as the connector derives its instance id: a digest of
 * its MAC address and host id. Bound to the connector at enrolment; a connector whose MAC
 * changed presents another one and is refused ("Cannot get instance id").
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(String macAddress, String hostId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((macAddress.toLowerCase() + "|" + hostId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
