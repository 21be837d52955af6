package zenlab.net.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A host's clock that a fault can skew while the connector runs: the system clock plus an
 * offset that may change (a skew, then a time sync back to zero). Thread-safe.
 */
public final class AdjustableClock extends Clock {

    private volatile long offsetNs;

    public void setOffsetNs(long ns) {
        this.offsetNs = ns;
    }

    public long offsetNs() {
        return offsetNs;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("an adjustable clock stays in UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(Duration.ofNanos(offsetNs));
    }
}
