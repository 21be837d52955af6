package zenlab.net.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A certificate authority of the lab, built with BouncyCastle: a self-signed root, or an
 * intermediate signed by another authority. It issues broker server certificates and connector
 * identity certificates (from a connector's CSR). Keys are EC P-256; signing uses the JDK's
 * provider, so the shaded jar needs no signed BouncyCastle provider.
 */
public final class CertificateAuthority {

    private static final String SIGNATURE = "SHA256withECDSA";
    /** Certificates start an hour in the past, as public CAs do, to forgive small clock differences. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final X500Name name;
    private final KeyPair keys;
    private final List<X509Certificate> chain; // this authority's certificate first, up to the root
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(X500Name name, KeyPair keys, List<X509Certificate> chain) {
        this.name = name;
        this.keys = keys;
        this.chain = List.copyOf(chain);
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every Java 17", e);
        }
    }

    /** A self-signed root, valid from an hour before {@code now} for {@code lifetime}. */
    public static CertificateAuthority root(String commonName, Instant now, Duration lifetime) {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name("CN=" + commonName + ", O=zenlab lab");
        X509Certificate cert = sign(name, keys.getPrivate(), name, keys.getPublic(), now, lifetime, Purpose.CA, List.of(),
                new SecureRandom(), null);
        return new CertificateAuthority(name, keys, List.of(cert));
    }

    /** An authority kept on disk: its certificate chain (its own first) and its private key. */
    public static CertificateAuthority restore(List<X509Certificate> chain, PrivateKey key) {
        X509Certificate own = chain.get(0);
        return new CertificateAuthority(X500Name.getInstance(own.getSubjectX500Principal().getEncoded()),
                new KeyPair(own.getPublicKey(), key), chain);
    }

    /** An intermediate authority signed by this one. */
    public CertificateAuthority intermediate(String commonName, Instant now, Duration lifetime) {
        KeyPair childKeys = newKeyPair();
        X500Name childName = new X500Name("CN=" + commonName + ", O=zenlab lab");
        X509Certificate cert = sign(name, keys.getPrivate(), childName, childKeys.getPublic(), now, lifetime, Purpose.CA,
                List.of(), random, certificate());
        List<X509Certificate> childChain = new java.util.ArrayList<>();
        childChain.add(cert);
        childChain.addAll(chain);
        return new CertificateAuthority(childName, childKeys, childChain);
    }

    /** A TLS server certificate for a broker, naming it and 127.0.0.1 / ::1 as alternative names. */
    public X509Certificate issueServer(String dnsName, PublicKey key, Instant now, Duration lifetime) {
        return sign(name, keys.getPrivate(), new X500Name("CN=" + dnsName + ", O=zenlab lab"), key, now, lifetime,
                Purpose.SERVER, List.of(dnsName), random, certificate());
    }

    /**
     * A connector's identity certificate from its certificate signing request, named {@code commonName}
     * (the enrolment decides the name, not the connector).
     *
     * @throws GeneralSecurityException if the request's signature does not verify
     */
    public X509Certificate issueClient(byte[] csrDer, String commonName, Instant now, Duration lifetime)
            throws GeneralSecurityException {
        try {
            JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(csrDer));
            boolean signed = csr.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                    .build(csr.getPublicKey()));
            if (!signed) {
                throw new GeneralSecurityException("the certificate signing request's signature does not verify");
            }
            return sign(name, keys.getPrivate(), new X500Name("CN=" + commonName + ", O=zenlab lab"), csr.getPublicKey(),
                    now, lifetime, Purpose.CLIENT, List.of(), random, certificate());
        } catch (java.io.IOException | OperatorCreationException | org.bouncycastle.pkcs.PKCSException e) {
            throw new GeneralSecurityException("not a certificate signing request: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** This authority's certificate and those above it, up to the root. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public PrivateKey privateKey() {
        return keys.getPrivate();
    }

    private enum Purpose { CA, SERVER, CLIENT }

    private static X509Certificate sign(X500Name issuer, PrivateKey issuerKey, X500Name subject, PublicKey subjectKey,
                                        Instant now, Duration lifetime, Purpose purpose, List<String> dnsNames,
                                        SecureRandom random, X509Certificate issuerCert) {
        try {
            Instant notBefore = now.minus(BACKDATE);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(128, random).abs(),
                    Date.from(notBefore), Date.from(now.plus(lifetime)), subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            if (issuerCert != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
            }
            switch (purpose) {
                case CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case SERVER -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    GeneralName[] names = new GeneralName[dnsNames.size() + 2];
                    for (int i = 0; i < dnsNames.size(); i++) {
                        names[i] = new GeneralName(GeneralName.dNSName, dnsNames.get(i));
                    }
                    names[dnsNames.size()] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
                    names[dnsNames.size() + 1] = new GeneralName(GeneralName.iPAddress, "::1");
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                }
                case CLIENT -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
                default -> throw new IllegalArgumentException(purpose.name());
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE)
                    .build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot sign a certificate for " + subject, e);
        }
    }
}
