package zenlab.net;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/** Which TLS engine: BoringSSL through netty-tcnative (the default), or the JDK's (fallback and benchmark baseline). */
public enum TlsProvider {
    OPENSSL, JDK;

    /** The engine to use: OpenSSL only where its native library loaded, else the JDK's. */
    public SslProvider netty() {
        return this == OPENSSL && OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** The default: OpenSSL where it is available. */
    public static TlsProvider preferred() {
        return OpenSsl.isAvailable() ? OPENSSL : JDK;
    }

    public static TlsProvider parse(String name) {
        return switch (name.toLowerCase()) {
            case "openssl", "boringssl" -> OPENSSL;
            case "jdk" -> JDK;
            default -> throw new IllegalArgumentException("expected openssl or jdk, found '" + name + "'");
        };
    }
}
