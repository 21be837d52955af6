/**
 * Live metrics of a lab ({@code zenlab up} and {@code zenlab run --mode live} with
 * {@code --metrics}): one Prometheus registry per lab ({@link zenlab.metrics.LabMetrics}), fed by
 * the model's journal or the brokers, served with a live status page by
 * {@link zenlab.metrics.MetricsServer}. docs/metrics.md lists the metrics.
 */
package zenlab.metrics;
