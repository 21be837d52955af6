package zenlab.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import zenlab.kernel.Journal;
import zenlab.kernel.JournalHandler;
import zenlab.kernel.JournalVocabulary;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Scheduler;
import zenlab.model.queueing.QueueJournal;
import zenlab.model.queueing.QueueModel;
import zenlab.model.queueing.QueueParameters;
import zenlab.model.queueing.QueueResult;
import zenlab.report.ChartFiles;
import zenlab.report.LatencyHistogramHandler;
import zenlab.report.RunCharts;
import zenlab.report.SummaryJson;
import zenlab.scenario.QueueSection;

/** The kernel's M/M/c/K test model as a world: one queue, its time-in-system histogram. */
final class QueueWorld implements World {

    static final String HISTOGRAM_FILE = "time-in-system.hgrm";
    private static final double NS_PER_S = 1e9;

    private final QueueParameters parameters;
    private final QueueJournal vocabulary = new QueueJournal();
    private LatencyHistogramHandler timeInSystem;
    private QueueModel model;

    QueueWorld(QueueSection section) {
        this.parameters = new QueueParameters(section.arrivalRatePerS(), section.serviceRatePerS(),
                section.servers(), section.capacity(), section.warmupNs());
    }

    @Override
    public JournalVocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public List<JournalHandler> metricHandlers(Path resultsDir) {
        timeInSystem = new LatencyHistogramHandler(QueueJournal.DEPARTED, resultsDir.resolve(HISTOGRAM_FILE));
        return List.of(timeInSystem);
    }

    @Override
    public void start(Scheduler scheduler, RandomStreams streams, Journal journal) {
        model = new QueueModel(parameters, scheduler, streams, journal);
        model.start();
    }

    @Override
    public void summarise(ObjectNode summary, long endNs) {
        QueueResult r = model.result(endNs);
        ObjectNode q = summary.putObject("queue");
        q.put("arrivalRatePerS", parameters.arrivalRatePerS());
        q.put("serviceRatePerS", parameters.serviceRatePerS());
        q.put("servers", parameters.servers());
        if (parameters.unlimited()) {
            q.put("capacity", "unlimited");
        } else {
            q.put("capacity", parameters.capacity());
        }
        q.put("warmupSeconds", parameters.warmupNs() / NS_PER_S);
        q.put("arrivals", r.arrivals());
        q.put("blocked", r.blocked());
        q.put("departures", r.departures());
        SummaryJson.putNumber(q, "blockingProbability", r.blockingProbability());
        SummaryJson.putNumber(q, "meanTimeInSystemS", r.meanTimeInSystemS());
        SummaryJson.putNumber(q, "meanWaitS", r.meanWaitS());
        SummaryJson.putNumber(q, "utilization", r.utilization());
        q.set("timeInSystemS", SummaryJson.percentiles(timeInSystem.histogram(), NS_PER_S));
        ObjectNode theory = q.putObject("theory");
        SummaryJson.putNumber(theory, "blockingProbability", r.theory().blockingProbability());
        SummaryJson.putNumber(theory, "meanTimeInSystemS", r.theory().meanTimeInSystemS());
        SummaryJson.putNumber(theory, "utilization", r.theory().utilization());
        SummaryJson.putNumber(q, "meanTimeInSystemRelativeError", r.meanTimeInSystemRelativeError());
        SummaryJson.putNumber(q, "blockingProbabilityRelativeError", r.blockingProbabilityRelativeError());
    }

    @Override
    public List<String> consoleLines(ObjectNode summary) {
        JsonNode q = summary.path("queue");
        JsonNode theory = q.path("theory");
        JsonNode t = q.path("timeInSystemS");
        String model = String.format(Locale.ROOT, "M/M/%d/%s  lambda %s/s  mu %s/s", q.path("servers").asInt(),
                q.path("capacity").asText(), number(q.path("arrivalRatePerS")), number(q.path("serviceRatePerS")));
        String counts = String.format(Locale.ROOT, "arrivals %,d  served %,d  blocked %,d (%s; theory %s)",
                q.path("arrivals").asLong(), q.path("departures").asLong(), q.path("blocked").asLong(),
                percent(q.path("blockingProbability")), percent(theory.path("blockingProbability")));
        String time = String.format(Locale.ROOT, "time in system  mean %s s (theory %s s)  p50 %s  p99 %s  p99.9 %s  max %s s",
                number(q.path("meanTimeInSystemS")), number(theory.path("meanTimeInSystemS")),
                number(t.path("p50")), number(t.path("p99")), number(t.path("p999")), number(t.path("max")));
        return List.of("queue      " + model, "           " + counts, "           " + time);
    }

    @Override
    public List<ChartFiles.Written> charts(Path resultsDir, String scenario) throws IOException {
        return RunCharts.queue(resultsDir, scenario, timeInSystem.histogram());
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.4g", value.asDouble()) : "n/a";
    }

    private static String percent(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.3f%%", value.asDouble() * 100) : "n/a";
    }
}
