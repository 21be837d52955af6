package zenlab.net.tunnel;

import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import zenlab.model.Cause;

/** What went wrong on a connection, as one of the shared causes, from the exception Netty reports. */
public final class FailureCauses {

    private FailureCauses() {
    }

    public static Cause of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateNotYetValidException) {
                return Cause.CERT_NOT_YET_VALID;
            }
            if (t instanceof CertificateExpiredException) {
                return Cause.CERT_EXPIRED;
            }
            if (t instanceof TooLongFrameException || t instanceof CorruptedFrameException) {
                return Cause.PROTOCOL_ERROR;
            }
            if (t.getMessage() != null && t.getMessage().contains("self signed certificate in certificate chain")) {
                return Cause.UNTRUSTED_CERTIFICATE;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotSslRecordException || t instanceof SslHandshakeTimeoutException || t instanceof SSLException) {
                return Cause.HANDSHAKE_FAILED;
            }
        }
        return Cause.CONNECTION_LOST;
    }

    /** The deepest message, which names what really failed. */
    public static String message(Throwable failure) {
        String message = failure.toString();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
