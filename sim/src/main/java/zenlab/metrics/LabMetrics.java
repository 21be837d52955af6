package zenlab.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import zenlab.model.Cause;
import zenlab.net.NetEvents;

/**
 * One live lab's metrics, in a registry of its own, named by Prometheus's conventions (base units,
 * {@code _total} counters, labels with bounded values only: group, broker, app, cause, state).
 * Who feeds them depends on the mode: a live run's model journal ({@link JournalMetrics}), so the
 * counts agree with its summary.json, or {@code zenlab up}'s brokers ({@link #brokerMeter}). Every
 * update is per mtunnel, connection or enrolment, never per byte relayed: the data path's hot loop
 * does not see them. docs/metrics.md lists each metric.
 */
public final class LabMetrics {

    /** Classic buckets of the setup latency, in seconds: loopback's 100 us to a stalled 10 s. */
    static final double[] SETUP_BUCKETS_S = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requested;
    private final Counter established;
    private final Counter refused;
    private final Counter broken;
    private final Gauge inFlight;
    private final Histogram setupSeconds;
    private final Counter appBytes;
    private final Counter enrolments;
    private final Counter handshakesRefused;
    private final Gauge linkFaultsActive;
    private final Gauge timeScale;
    private volatile Clock clock;
    private volatile boolean finished;
    private final java.util.concurrent.CountDownLatch scrapedAfterFinish = new java.util.concurrent.CountDownLatch(1);
    private final Gauge assertionPassed;
    /** For the status page: totals and the setup latency of the last interval. */
    private final LongAdder establishedCount = new LongAdder();
    private final LongAdder refusedCount = new LongAdder();
    private final LongAdder brokenCount = new LongAdder();
    private final Recorder setupLatencyUs = new Recorder(3);
    private volatile LabView view = LabView.EMPTY;

    /** @param info constant labels of {@code zenlab_lab_info}: scenario, mode, tls */
    public LabMetrics(String scenario, String mode, String tls, String version) {
        JvmMetrics.builder().register(registry);
        Gauge.builder().name("zenlab_lab_info").help("The lab: its scenario, mode (up or live), TLS engine and zenlab version")
                .labelNames("scenario", "mode", "tls", "version").register(registry)
                .labelValues(scenario, mode, tls, version).set(1);
        requested = counter("zenlab_mtunnels_requested", "Mtunnels users asked for", "app");
        established = counter("zenlab_mtunnels_established", "Mtunnels set up through a connector", "app");
        refused = counter("zenlab_mtunnels_refused", "Mtunnels never set up, by cause", "app", "cause");
        broken = counter("zenlab_mtunnels_broken", "Established mtunnels ended by a failure, by cause", "app", "cause");
        inFlight = Gauge.builder().name("zenlab_mtunnels_in_flight").help("Mtunnels established and not yet ended")
                .labelNames("app").register(registry);
        setupSeconds = Histogram.builder().name("zenlab_mtunnel_setup_seconds").unit(Unit.SECONDS)
                .help("Time from a user's connection to its mtunnel bound to a connector")
                .classicUpperBounds(SETUP_BUCKETS_S).labelNames("app").register(registry);
        appBytes = Counter.builder().name("zenlab_app_bytes").unit(Unit.BYTES)
                .help("Bytes carried by ended mtunnels, to the app and back from it").labelNames("app", "direction")
                .register(registry);
        enrolments = counter("zenlab_enrolments", "Enrolment answers: enrolled, or the refusal's cause", "outcome");
        handshakesRefused = counter("zenlab_tls_handshakes_refused",
                "Connections refused in or right after the TLS handshake, by cause and the side that refused", "cause", "side");
        linkFaultsActive = Gauge.builder().name("zenlab_link_faults_active")
                .help("Connectors whose link to the brokers has a fault now, by kind").labelNames("kind").register(registry);
        timeScale = gauge("zenlab_time_scale", "Simulated seconds per wall-clock second (1 for zenlab up)");
        GaugeWithCallback.builder().name("zenlab_simulated_seconds").unit(Unit.SECONDS)
                .help("The live run's simulated clock").callback(cb -> {
                    Clock c = clock;
                    if (c != null) {
                        cb.call(c.simulatedSeconds());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("zenlab_pacer_lag_seconds").unit(Unit.SECONDS)
                .help("How late the live run's model was at its last step, on the wall clock").callback(cb -> {
                    Clock c = clock;
                    if (c != null) {
                        cb.call(c.lagSeconds());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("zenlab_run_finished")
                .help("1 once the live run has ended and its results are written").callback(cb -> {
                    boolean over = finished;
                    cb.call(over ? 1 : 0);
                    if (over) {
                        scrapedAfterFinish.countDown(); // this scrape carries the final counts
                    }
                }).register(registry);
        assertionPassed = Gauge.builder().name("zenlab_assertion_passed")
                .help("The live run's assertions at its end: 1 passed, 0 failed").labelNames("assertion").register(registry);
        GaugeWithCallback.builder().name("zenlab_connectors").help("Connectors by group and state")
                .labelNames("group", "state").callback(cb -> {
                    Map<String, Integer> counts = new HashMap<>();
                    for (LabView.ConnectorRow c : view.connectors()) {
                        counts.merge(c.group() + '\0' + c.state(), 1, Integer::sum);
                    }
                    counts.forEach((key, n) -> {
                        int cut = key.indexOf('\0');
                        cb.call(n, key.substring(0, cut), key.substring(cut + 1));
                    });
                }).register(registry);
        GaugeWithCallback.builder().name("zenlab_broker_sessions")
                .help("Connections connectors hold to each broker: control and data").labelNames("broker", "kind")
                .callback(cb -> {
                    for (LabView.BrokerRow b : view.brokers()) {
                        cb.call(b.controlConnections(), b.name(), "control");
                        cb.call(b.dataConnections(), b.name(), "data");
                    }
                }).register(registry);
        timeScale.set(1);
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name + "_total").help(help).labelNames(labels).register(registry);
    }

    private Gauge gauge(String name, String help) {
        return Gauge.builder().name(name).help(help).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** What the status page and the connector and broker gauges show. */
    public void view(LabView view) {
        this.view = view;
    }

    public LabView view() {
        return view;
    }

    static String label(Cause cause) {
        return cause.name().toLowerCase(Locale.ROOT);
    }

    public void mtunnelRequested(String app) {
        requested.labelValues(app).inc();
    }

    public void mtunnelEstablished(String app, long setupNs) {
        established.labelValues(app).inc();
        inFlight.labelValues(app).inc();
        setupSeconds.labelValues(app).observe(setupNs / 1e9);
        setupLatencyUs.recordValue(Math.max(1, setupNs / 1000));
        establishedCount.increment();
    }

    public void mtunnelRefused(String app, Cause cause) {
        refused.labelValues(app, label(cause)).inc();
        refusedCount.increment();
    }

    /** An established mtunnel ended: normally ({@code Cause.NONE}) or broken by {@code cause}. */
    public void mtunnelEnded(String app, Cause cause) {
        inFlight.labelValues(app).dec();
        if (cause != Cause.NONE) {
            broken.labelValues(app, label(cause)).inc();
            brokenCount.increment();
        }
    }

    public void bytesCarried(String app, long toApp, long fromApp) {
        appBytes.labelValues(app, "to_app").inc(toApp);
        appBytes.labelValues(app, "from_app").inc(fromApp);
    }

    public void enrolment(Cause refusal) {
        enrolments.labelValues(refusal == Cause.NONE ? "enrolled" : label(refusal)).inc();
    }

    public void handshakeRefused(Cause cause, String side) {
        handshakesRefused.labelValues(label(cause), side).inc();
    }

    public void linkFault(String kind, int change) {
        linkFaultsActive.labelValues(kind).inc(change);
    }

    /** A live run's clock, read at each scrape. */
    public interface Clock {
        double simulatedSeconds();

        double lagSeconds();
    }

    public void clock(Clock clock, double scale) {
        this.clock = clock;
        timeScale.set(scale);
    }

    public void finished(Map<String, Boolean> assertions) {
        assertions.forEach((expression, passed) -> assertionPassed.labelValues(expression).set(passed ? 1 : 0));
        finished = true;
    }

    public boolean isFinished() {
        return finished;
    }

    /**
     * Waits until a scraper has read the metrics once since {@link #finished}, so that the run's
     * final counts reach Prometheus, or {@code timeoutNs} passes.
     * @return whether it was scraped
     */
    public boolean awaitFinalScrape(long timeoutNs) throws InterruptedException {
        return scrapedAfterFinish.await(timeoutNs, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    long establishedTotal() {
        return establishedCount.sum();
    }

    long refusedTotal() {
        return refusedCount.sum();
    }

    long brokenTotal() {
        return brokenCount.sum();
    }

    /** The setup latencies recorded since the last call, in microseconds. */
    org.HdrHistogram.Histogram takeSetupInterval(org.HdrHistogram.Histogram recycle) {
        return setupLatencyUs.getIntervalHistogram(recycle);
    }

    /**
     * What the brokers' data path tells: bytes per ended mtunnel always, and with
     * {@code countMtunnels} (zenlab up, which has no model) the mtunnels themselves.
     */
    public zenlab.net.broker.MtunnelMeter brokerMeter(boolean countMtunnels) {
        return new BrokerMeter(this, countMtunnels);
    }

    /** Counts refused handshakes (both modes) and, with {@code countEnrolments} (zenlab up), enrolments; then {@code next}. */
    public NetEvents netEvents(NetEvents next, boolean countEnrolments, java.util.Set<String> brokerNames,
                               String enrolmentName) {
        return new MeteredNetEvents(this, next, countEnrolments, brokerNames, enrolmentName);
    }
}
