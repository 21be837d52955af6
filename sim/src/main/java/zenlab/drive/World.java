package zenlab.drive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import zenlab.kernel.Journal;
import zenlab.kernel.JournalHandler;
import zenlab.kernel.JournalVocabulary;
import zenlab.kernel.RandomStreams;
import zenlab.kernel.Scheduler;
import zenlab.report.ChartFiles;

/**
 * The actors a scenario builds, as the driver sees them: what their journal entries mean,
 * which metrics they feed, how to start them, and what they add to the summary and console.
 */
public interface World {

    JournalVocabulary vocabulary();

    /** Handlers that must see each entry before the journal writer does (they learn names). */
    default List<JournalHandler> namingHandlers() {
        return List.of();
    }

    /** Metric handlers beside the journal writer, writing their files into {@code resultsDir}. */
    List<JournalHandler> metricHandlers(Path resultsDir);

    /** Creates the actors and schedules their first events. */
    void start(Scheduler scheduler, RandomStreams streams, Journal journal);

    /** After the run: releases what {@link #start} took beyond the model (a live run's sockets and threads). */
    default void stop() {
    }

    /** Adds this world's figures to summary.json, after the bus has delivered every entry. */
    void summarise(ObjectNode summary, long endNs) throws IOException;

    /** The world's lines of the console summary, from the finished summary. */
    List<String> consoleLines(ObjectNode summary);

    /** Draws the world's charts into {@code resultsDir}, after its other files are written. */
    default List<ChartFiles.Written> charts(Path resultsDir, String scenario) throws IOException {
        return List.of();
    }
}
