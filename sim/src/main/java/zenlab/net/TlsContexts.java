package zenlab.net;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import java.time.Clock;
import javax.net.ssl.SSLException;
import zenlab.net.pki.Identity;
import zenlab.net.pki.PinnedTrustManager;

/**
 * The TLS contexts of the lab. TLS 1.3 only. Brokers require a client certificate of the
 * tenant's connector CA at the handshake, so a peer without one gets an alert and never reaches
 * the frame parser; the enrolment service, which new connectors reach before they have one,
 * asks for none. Connectors pin the cloud's root CA and check the server's name, on their own clock.
 */
public final class TlsContexts {

    private static final String[] PROTOCOLS = {"TLSv1.3"};

    private TlsContexts() {
    }

    public static SslContext broker(Identity broker, X509Certificate tenantConnectorCa, TlsProvider provider)
            throws SSLException {
        return SslContextBuilder.forServer(broker.key(), broker.chain().toArray(new X509Certificate[0]))
                .sslProvider(provider.netty())
                .protocols(PROTOCOLS)
                .clientAuth(ClientAuth.REQUIRE)
                .trustManager(new PinnedTrustManager(tenantConnectorCa, PinnedTrustManager.Purpose.CLIENT,
                        Clock.systemUTC(), null))
                .build();
    }

    /** The enrolment service's context: the cloud's server certificate, no client certificate asked for. */
    public static SslContext enrolment(Identity service, TlsProvider provider) throws SSLException {
        return SslContextBuilder.forServer(service.key(), service.chain().toArray(new X509Certificate[0]))
                .sslProvider(provider.netty())
                .protocols(PROTOCOLS)
                .clientAuth(ClientAuth.NONE)
                .build();
    }

    /**
     * A connector's context for one broker or the enrolment service.
     *
     * @param identity the connector's enrolled identity, or null before enrolment
     * @param clock    the connector machine's clock, skewed or not
     */
    public static SslContext connector(Identity identity, X509Certificate cloudRoot, String brokerName, Clock clock,
                                       TlsProvider provider) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider.netty())
                .protocols(PROTOCOLS)
                .trustManager(new PinnedTrustManager(cloudRoot, PinnedTrustManager.Purpose.SERVER, clock, brokerName));
        if (identity != null) {
            builder.keyManager(identity.key(), identity.chain().toArray(new X509Certificate[0]));
        }
        return builder.build();
    }
}
