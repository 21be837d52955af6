package zenlab.net.broker;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import zenlab.model.Cause;
import zenlab.net.pki.LabPki;
import zenlab.net.pki.ProvisioningKey;

/**
 * The cloud's view of one tenant, shared by all its brokers: provisioning keys with their
 * usage, the connectors enrolled (name, group, bound fingerprint), and which groups serve each
 * app. Enrolment issues the connector's certificate from the tenant's Connector CA. Thread-safe.
 */
public final class Tenant {

    private final LabPki pki;
    private final Clock cloudClock;
    private final Map<String, KeyState> keysByValue = new LinkedHashMap<>();
    private final Map<String, EnrolledConnector> connectors = new LinkedHashMap<>();
    private final Map<String, List<String>> groupsByApp = new LinkedHashMap<>();

    private static final class KeyState {
        final String name;
        final int maxUsage;
        final String group;
        int usage;

        KeyState(String name, int maxUsage, String group) {
            this.name = name;
            this.maxUsage = maxUsage;
            this.group = group;
        }
    }

    /** A connector the tenant lists: enrolled with a key use, bound to one host fingerprint. */
    public record EnrolledConnector(String name, String group, String fingerprint) {
    }

    /** An enrolment's outcome: the name and certificate chain, or the cause of the refusal. */
    public record Enrolment(String name, List<X509Certificate> chain, Cause refusal) {
        public boolean accepted() {
            return refusal == Cause.NONE;
        }
    }

    public Tenant(LabPki pki, Clock cloudClock) {
        this.pki = pki;
        this.cloudClock = cloudClock;
    }

    public synchronized void addKey(String name, ProvisioningKey key, int maxUsage, String group) {
        keysByValue.put(key.reveal(), new KeyState(name, maxUsage, group));
    }

    /** A key's state to keep: its secret value, so only ever written owner-only. */
    public record KeyRecord(String name, String group, int maxUsage, int usage, String value) {
        @Override
        public String toString() {
            return "KeyRecord[" + name + ", " + ProvisioningKey.redact(value) + ", " + usage + "/" + maxUsage + "]";
        }
    }

    /** The keys with their usage and the connectors enrolled: what a restarted lab must remember. */
    public synchronized List<KeyRecord> keyRecords() {
        List<KeyRecord> out = new ArrayList<>();
        keysByValue.forEach((value, k) -> out.add(new KeyRecord(k.name, k.group, k.maxUsage, k.usage, value)));
        return out;
    }

    /** A restarted lab: a key whose {@code usage} uses were taken before. */
    public synchronized void restoreKey(String name, ProvisioningKey key, int maxUsage, String group, int usage) {
        KeyState state = new KeyState(name, maxUsage, group);
        state.usage = usage;
        keysByValue.put(key.reveal(), state);
    }

    /** A restarted lab: a connector enrolled before, still bound to its fingerprint. */
    public synchronized void restoreConnector(EnrolledConnector connector) {
        connectors.put(connector.name(), connector);
    }

    public synchronized void addApp(String app, List<String> groups) {
        groupsByApp.put(app, List.copyOf(groups));
    }

    public synchronized List<String> groupsOf(String app) {
        return groupsByApp.getOrDefault(app, List.of());
    }

    public synchronized boolean knowsApp(String app) {
        return groupsByApp.containsKey(app);
    }

    /**
     * Enrols a connector: checks the key and its usage, issues a certificate for the CSR, and
     * binds the fingerprint to the new name {@code <key name>-<n>}.
     */
    public synchronized Enrolment enrol(String keyValue, String fingerprint, byte[] csrDer) {
        KeyState key = keysByValue.get(keyValue);
        if (key == null) {
            return new Enrolment(null, List.of(), Cause.KEY_INVALID);
        }
        if (key.usage >= key.maxUsage) {
            return new Enrolment(null, List.of(), Cause.KEY_EXHAUSTED);
        }
        String name = key.name + "-" + (key.usage + 1);
        X509Certificate cert;
        try {
            cert = pki.connectorCa().issueClient(csrDer, name, cloudClock.instant(), LabPki.CONNECTOR_CERTIFICATE_LIFETIME);
        } catch (GeneralSecurityException e) {
            return new Enrolment(null, List.of(), Cause.PROTOCOL_ERROR);
        }
        key.usage++;
        connectors.put(name, new EnrolledConnector(name, key.group, fingerprint));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.add(pki.connectorCaCertificate());
        return new Enrolment(name, chain, Cause.NONE);
    }

    public synchronized EnrolledConnector connector(String name) {
        return connectors.get(name);
    }

    public synchronized List<EnrolledConnector> connectors() {
        return List.copyOf(connectors.values());
    }

    public synchronized int keyUsage(String keyName) {
        for (KeyState k : keysByValue.values()) {
            if (k.name.equals(keyName)) {
                return k.usage;
            }
        }
        throw new IllegalArgumentException("no key " + keyName);
    }

    public LabPki pki() {
        return pki;
    }
}
