package zenlab.net.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A private key and its certificate chain (leaf first), as a TLS endpoint presents it. */
public record Identity(PrivateKey key, List<X509Certificate> chain) {

    public Identity {
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The certificate's common name: a broker's host name or a connector's enrolled name. */
    public String commonName() {
        String dn = certificate().getSubjectX500Principal().getName();
        for (String part : dn.split(",")) {
            if (part.trim().startsWith("CN=")) {
                return part.trim().substring(3);
            }
        }
        return dn;
    }

    @Override
    public String toString() {
        return "Identity[" + commonName() + "]"; // never the key
    }
}
