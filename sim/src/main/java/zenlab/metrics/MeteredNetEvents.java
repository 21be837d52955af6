package zenlab.metrics;

import java.util.EnumSet;
import java.util.Set;
import zenlab.model.Cause;
import zenlab.net.NetEvents;

/**
 * Counts what the real data path reports into {@link LabMetrics}, then passes it on: handshakes
 * refused, and where no model counts them ({@code zenlab up}) enrolments.
 */
public final class MeteredNetEvents implements NetEvents {

    /** Causes of a refusal in or right after the TLS handshake; the rest are no handshake's (nothing answered, a stall). */
    public static final Set<Cause> HANDSHAKE_CAUSES = EnumSet.of(Cause.UNTRUSTED_CERTIFICATE, Cause.CERT_NOT_YET_VALID,
            Cause.CERT_EXPIRED, Cause.FINGERPRINT_MISMATCH, Cause.HANDSHAKE_FAILED, Cause.CLOCK_SKEW);

    private final LabMetrics metrics;
    private final NetEvents next;
    private final boolean countEnrolments;
    private final Set<String> brokerNames;
    private final String enrolmentName;

    MeteredNetEvents(LabMetrics metrics, NetEvents next, boolean countEnrolments, Set<String> brokerNames,
                     String enrolmentName) {
        this.metrics = metrics;
        this.next = next;
        this.countEnrolments = countEnrolments;
        this.brokerNames = Set.copyOf(brokerNames);
        this.enrolmentName = enrolmentName;
    }

    @Override
    public void record(Kind kind, String actor, Cause cause, String detail, long valueNs) {
        if ((kind == Kind.AUTH_FAILED || kind == Kind.CONNECTION_REFUSED) && HANDSHAKE_CAUSES.contains(cause)) {
            metrics.handshakeRefused(cause, brokerNames.contains(actor) ? "broker"
                    : enrolmentName.equals(actor) ? "enrolment" : "connector");
        }
        // The service's answers: a connector reports the same refusal again on its side.
        if (countEnrolments && enrolmentName.equals(actor) && (kind == Kind.ENROLLED || kind == Kind.ENROLL_REFUSED)) {
            metrics.enrolment(kind == Kind.ENROLLED ? Cause.NONE : cause);
        }
        next.record(kind, actor, cause, detail, valueNs);
    }
}
