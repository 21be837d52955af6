package zenlab.net.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Certificates and keys as PEM files. Private keys are created readable and writable by their
 * owner only (0600) before a byte is written, in a folder only the owner can enter (0700).
 */
public final class PemFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private PemFiles() {
    }

    /** Creates {@code dir} (and parents) if needed, and makes it owner-only. */
    public static Path ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (supportsPosix(dir)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        }
        return dir;
    }

    public static String pem(Object certificateOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificateOrKey);
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding in memory cannot fail", e);
        }
        return out.toString();
    }

    public static String pem(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder();
        chain.forEach(c -> out.append(pem(c)));
        return out.toString();
    }

    public static void writeCertificates(Path file, List<X509Certificate> chain) throws IOException {
        Files.writeString(file, pem(chain), StandardCharsets.US_ASCII);
    }

    /** Writes a private key (PKCS#8 PEM) into a new owner-only file; refuses to overwrite. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "a private key is never overwritten");
        }
        if (supportsPosix(file.getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate()),
                StandardCharsets.US_ASCII);
    }

    public static List<X509Certificate> readCertificates(String pem) throws CertificateException {
        Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        List<X509Certificate> chain = new ArrayList<>();
        for (java.security.cert.Certificate c : certs) {
            chain.add((X509Certificate) c);
        }
        if (chain.isEmpty()) {
            throw new CertificateException("no certificate in the PEM text");
        }
        return chain;
    }

    /** Reads a PKCS#8 PEM private key, as {@link #writePrivateKey} writes it. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(
                Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            Object read = parser.readObject();
            if (!(read instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info)) {
                throw new IOException(file + ": not a PKCS#8 private key");
            }
            return new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPrivateKey(info);
        }
    }

    /** Reads a PEM file of certificates, leaf first. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        try {
            return readCertificates(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (CertificateException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** True if only the owner may read or write {@code file} (always true where there are no POSIX permissions). */
    public static boolean ownerOnly(Path file) throws IOException {
        return !supportsPosix(file) || OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(file));
    }

    private static boolean supportsPosix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
