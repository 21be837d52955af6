package zenlab.metrics;

import zenlab.model.Cause;
import zenlab.net.broker.MtunnelMeter;

/**
 * The brokers' view of mtunnels into {@link LabMetrics}: bytes in both modes; the mtunnels
 * themselves only where no model counts them ({@code zenlab up}).
 */
final class BrokerMeter implements MtunnelMeter {

    private final LabMetrics metrics;
    private final boolean countMtunnels;

    BrokerMeter(LabMetrics metrics, boolean countMtunnels) {
        this.metrics = metrics;
        this.countMtunnels = countMtunnels;
    }

    @Override
    public void requested(String app) {
        if (countMtunnels) {
            metrics.mtunnelRequested(app);
        }
    }

    @Override
    public void established(String app, long setupNs) {
        if (countMtunnels) {
            metrics.mtunnelEstablished(app, setupNs);
        }
    }

    @Override
    public void refused(String app, Cause cause) {
        if (countMtunnels) {
            metrics.mtunnelRefused(app, cause);
        }
    }

    @Override
    public void ended(String app, Cause cause, long bytesToApp, long bytesFromApp) {
        if (countMtunnels) {
            metrics.mtunnelEnded(app, cause);
        }
        metrics.bytesCarried(app, bytesToApp, bytesFromApp);
    }
}
