package zenlab.net;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import zenlab.net.broker.Tenant;
import zenlab.net.pki.Identity;
import zenlab.net.pki.LabPki;
import zenlab.net.pki.PemFiles;

/**
 * What {@code zenlab up --state DIR} keeps, so that a restart (after Ctrl-C or a SIGKILL) is the
 * same lab: the authorities in {@code pki/}, each enrolled connector's key and certificate in
 * {@code connectors/}, and in {@value #FILE} the tenant's keys with their usage, the connectors
 * it enrolled (name, group, bound fingerprint) and each VM's host name, MAC address and
 * enrolled name. Everything is owner-only; {@value #FILE} holds the keys' secrets. It is
 * rewritten whole after every enrolment (a temporary file renamed into place), so a kill leaves
 * either the old or the new one.
 */
public final class LabState {

    static final String FILE = "lab.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One connector VM: its MAC (part of its fingerprint) and its enrolled name, or null before enrolment. */
    public record Host(String group, String host, String mac, String name) {
    }

    /** The file's shape. */
    record Saved(int version, List<Tenant.KeyRecord> keys, List<Tenant.EnrolledConnector> connectors, List<Host> hosts) {
    }

    private final Path dir;
    private final Saved saved;
    private final Map<String, Host> hosts = new LinkedHashMap<>();

    private LabState(Path dir, Saved saved) {
        this.dir = dir;
        this.saved = saved;
        saved.hosts().forEach(h -> hosts.put(h.host(), h));
    }

    /** Opens {@code dir} (created owner-only if new) and reads what an earlier lab kept there. */
    public static LabState open(Path dir) throws IOException {
        PemFiles.ownerOnlyDirectory(dir);
        Path file = dir.resolve(FILE);
        Saved saved = new Saved(VERSION, List.of(), List.of(), List.of());
        if (Files.isRegularFile(file)) {
            if (!PemFiles.ownerOnly(file)) {
                throw new IOException(file + " is readable by others than its owner; refusing to use it");
            }
            try {
                saved = JSON.readValue(file.toFile(), Saved.class);
            } catch (IOException e) {
                throw new IOException(file + " cannot be read back (" + e.getMessage().lines().findFirst().orElse("")
                        + "); move the folder away to start a new lab", e);
            }
            if (saved.version() != VERSION) {
                throw new IOException(file + " is of version " + saved.version() + ", this zenlab keeps version " + VERSION);
            }
        }
        LabState state = new LabState(dir, saved);
        state.removeUnrecordedConnectorKeys();
        return state;
    }

    /** True if an earlier lab enrolled connectors here. */
    public boolean restarted() {
        return !saved.connectors().isEmpty();
    }

    /** The authorities kept here, or new ones written here. */
    public LabPki pki(Instant now) throws IOException {
        Path pkiDir = dir.resolve("pki");
        if (LabPki.existsIn(pkiDir)) {
            return LabPki.readFrom(pkiDir);
        }
        LabPki pki = LabPki.create(now);
        pki.writeTo(pkiDir);
        return pki;
    }

    /** The key kept under {@code name}, or null. */
    public Tenant.KeyRecord key(String name) {
        return saved.keys().stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
    }

    /** The connectors the tenant had enrolled. */
    public List<Tenant.EnrolledConnector> enrolledConnectors() {
        return saved.connectors();
    }

    /** The VM kept under this host name, or null. */
    public synchronized Host host(String hostName) {
        return hosts.get(hostName);
    }

    /** Where connectors keep their keys and certificates. */
    public Path connectorsDir() {
        return dir.resolve("connectors");
    }

    /** The enrolled identity kept for {@code name}, or null if its key or certificate is missing. */
    public Identity identity(String name) throws IOException {
        Path key = connectorsDir().resolve(name + ".key");
        Path cert = connectorsDir().resolve(name + ".pem");
        if (!Files.isRegularFile(key) || !Files.isRegularFile(cert)) {
            return null;
        }
        if (!PemFiles.ownerOnly(key)) {
            throw new IOException(key + " is readable by others than its owner; refusing to use it");
        }
        PrivateKey privateKey = PemFiles.readPrivateKey(key);
        List<X509Certificate> chain = PemFiles.readCertificates(cert);
        return new Identity(privateKey, chain);
    }

    /** Records a VM and writes the whole state again: the tenant's keys and connectors, and every VM. */
    public synchronized void save(Tenant tenant, Host host) throws IOException {
        hosts.put(host.host(), host);
        Saved now = new Saved(VERSION, tenant.keyRecords(), tenant.connectors(), new ArrayList<>(hosts.values()));
        Path tmp = Files.createTempFile(dir, "." + FILE + "-", ".tmp"); // 0600 where there are POSIX permissions
        Files.write(tmp, JSON.writeValueAsBytes(now));
        try {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A lab killed between an enrolment and the save after it left a connector key the tenant
     * never recorded; its name will be given again, so the orphan goes (a key is never overwritten).
     */
    private void removeUnrecordedConnectorKeys() throws IOException {
        Path connectors = connectorsDir();
        if (!Files.isDirectory(connectors)) {
            return;
        }
        Set<String> recorded = saved.connectors().stream().map(Tenant.EnrolledConnector::name).collect(Collectors.toSet());
        List<Path> orphans = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(connectors, "*.{key,pem}")) {
            for (Path f : files) {
                String name = f.getFileName().toString().replaceFirst("\\.(key|pem)$", "");
                if (!recorded.contains(name)) {
                    orphans.add(f);
                }
            }
        }
        for (Path f : orphans) {
            Files.delete(f);
        }
    }
}
