package zenlab.net.pki;

import java.io.IOException;
import java.security.KeyPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A connector's certificate signing request (PKCS#10, DER): its public key, signed with its private key. */
public final class CertificateRequests {

    private CertificateRequests() {
    }

    public static byte[] create(KeyPair keys, String hostName) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + hostName), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build a certificate signing request", e);
        }
    }
}
