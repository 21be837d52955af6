package zenlab.net.pki;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts only certificates that chain to one pinned authority, for one purpose, at the time of
 * one clock: what a connector does with the cloud's CA (and a broker with the tenant's). Not the
 * system's trust store, so an SSL-inspecting proxy's CA is refused whatever the machine trusts;
 * and its own clock, so a skewed connector really sees "not yet valid".
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {

    /** What the peer's certificate must be for: a broker's server certificate or a connector's client certificate. */
    public enum Purpose {
        SERVER("1.3.6.1.5.5.7.3.1"), CLIENT("1.3.6.1.5.5.7.3.2");

        private final String extendedKeyUsage;

        Purpose(String extendedKeyUsage) {
            this.extendedKeyUsage = extendedKeyUsage;
        }
    }

    private final X509Certificate anchor;
    private final Purpose purpose;
    private final Clock clock;
    private final String expectedServerName; // null: no name check

    /**
     * @param expectedServerName for {@link Purpose#SERVER}, the name the server certificate must carry; null for none
     */
    public PinnedTrustManager(X509Certificate anchor, Purpose purpose, Clock clock, String expectedServerName) {
        this.anchor = anchor;
        this.purpose = purpose;
        this.clock = clock;
        this.expectedServerName = expectedServerName;
    }

    /** Validates {@code chain} (leaf first) against the pinned anchor at the clock's time. */
    public void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no certificate presented");
        }
        X509Certificate leaf = chain[0];
        List<String> usages = leaf.getExtendedKeyUsage();
        if (usages == null || !usages.contains(purpose.extendedKeyUsage)) {
            throw new CertificateException("certificate of " + leaf.getSubjectX500Principal().getName()
                    + " is not for " + purpose.name().toLowerCase() + " authentication");
        }
        try {
            List<X509Certificate> path = Arrays.asList(chain);
            if (path.get(path.size() - 1).equals(anchor)) {
                path = path.subList(0, path.size() - 1); // the anchor is not part of the path
            }
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path),
                    parameters);
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                throw new CertificateNotYetValidException("certificate is not yet valid (on this machine's clock, "
                        + clock.instant() + ")");
            }
            if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                throw new CertificateExpiredException("certificate has expired (on this machine's clock, "
                        + clock.instant() + ")");
            }
            if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
                throw new CertificateException("self signed certificate in certificate chain: "
                        + leaf.getIssuerX500Principal().getName() + " is not the pinned "
                        + anchor.getSubjectX500Principal().getName());
            }
            throw new CertificateException("certificate chain refused: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("certificate chain refused: " + e.getMessage(), e);
        }
        if (purpose == Purpose.SERVER && expectedServerName != null && !names(leaf).contains(expectedServerName)) {
            throw new CertificateException("certificate does not name " + expectedServerName);
        }
    }

    private static List<String> names(X509Certificate leaf) throws CertificateParsingException {
        List<String> names = new java.util.ArrayList<>();
        if (leaf.getSubjectAlternativeNames() != null) {
            for (List<?> name : leaf.getSubjectAlternativeNames()) {
                names.add(String.valueOf(name.get(1)));
            }
        }
        return names;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {anchor};
    }
}
