package zenlab.net.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The lab's certificate authorities: the cloud's root CA, which signs the brokers' server
 * certificates and is the one authority connectors pin; and under it the tenant's "Connector"
 * signing CA, which issues connector identity certificates at enrolment and is the one
 * authority brokers accept client certificates from.
 */
public final class LabPki {

    /** Connector certificates live a year, as the vendor's do. */
    public static final Duration CONNECTOR_CERTIFICATE_LIFETIME = Duration.ofDays(365);
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration BROKER_LIFETIME = Duration.ofDays(90);

    private final CertificateAuthority cloudRoot;
    private final CertificateAuthority connectorCa;

    private LabPki(CertificateAuthority cloudRoot, CertificateAuthority connectorCa) {
        this.cloudRoot = cloudRoot;
        this.connectorCa = connectorCa;
    }

    public static LabPki create(Instant now) {
        CertificateAuthority root = CertificateAuthority.root("zenlab cloud root CA", now, CA_LIFETIME);
        return new LabPki(root, root.intermediate("Connector", now, CA_LIFETIME));
    }

    /** A broker's server identity: a new key and a certificate for {@code brokerName}, 127.0.0.1 and ::1. */
    public Identity brokerIdentity(String brokerName, Instant now) {
        KeyPair keys = CertificateAuthority.newKeyPair();
        X509Certificate cert = cloudRoot.issueServer(brokerName, keys.getPublic(), now, BROKER_LIFETIME);
        return new Identity(keys.getPrivate(), List.of(cert));
    }

    /** True if {@code dir} holds authorities {@link #writeTo} wrote. */
    public static boolean existsIn(Path dir) {
        return java.nio.file.Files.isRegularFile(dir.resolve("connector-ca.key"));
    }

    /** The authorities {@link #writeTo} kept in {@code dir}: the same certificates and keys, so connectors' pins still hold. */
    public static LabPki readFrom(Path dir) throws IOException {
        for (String key : List.of("cloud-root-ca.key", "connector-ca.key")) {
            if (!PemFiles.ownerOnly(dir.resolve(key))) {
                throw new IOException(dir.resolve(key) + " is readable by others than its owner; refusing to use it");
            }
        }
        CertificateAuthority root = CertificateAuthority.restore(PemFiles.readCertificates(dir.resolve("cloud-root-ca.pem")),
                PemFiles.readPrivateKey(dir.resolve("cloud-root-ca.key")));
        CertificateAuthority connectorCa = CertificateAuthority.restore(
                PemFiles.readCertificates(dir.resolve("connector-ca.pem")), PemFiles.readPrivateKey(dir.resolve("connector-ca.key")));
        return new LabPki(root, connectorCa);
    }

    public X509Certificate cloudRootCertificate() {
        return cloudRoot.certificate();
    }

    public X509Certificate connectorCaCertificate() {
        return connectorCa.certificate();
    }

    public CertificateAuthority connectorCa() {
        return connectorCa;
    }

    /** Writes the authorities' certificates (and their keys, owner-only) into {@code dir}. */
    public void writeTo(Path dir) throws IOException {
        PemFiles.ownerOnlyDirectory(dir);
        PemFiles.writeCertificates(dir.resolve("cloud-root-ca.pem"), List.of(cloudRoot.certificate()));
        PemFiles.writeCertificates(dir.resolve("connector-ca.pem"), connectorCa.chain());
        PemFiles.writePrivateKey(dir.resolve("cloud-root-ca.key"), cloudRoot.privateKey());
        PemFiles.writePrivateKey(dir.resolve("connector-ca.key"), connectorCa.privateKey());
    }
}
