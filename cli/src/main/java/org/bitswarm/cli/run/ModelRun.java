package org.bitswarm.cli.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.bitswarm.engine.Model;
import org.bitswarm.engine.RunResult;

/**
 * What the front end needs from a model: the engine model, its summary metrics and its extra result files.
 * Implementations are registered in {@link Models}.
 */
public interface ModelRun {

    Model model();

    /** Metrics for summary.csv, in a fixed order; only simulated quantities, so they do not depend on np. */
    LinkedHashMap<String, String> summary(RunResult result);

    /** Writes the model's own files (peers.csv, timeseries.csv, ...) into the staging directory. */
    default void writeFiles(RunResult result, Path dir) throws IOException {}

    /**
     * For a run that stops when work is done (BitTorrent with {@code until: all_complete}): {done, total} units
     * of that work so far, read between windows on rank 0 for the progress display; null when progress is
     * simulated time. Called after {@link #model()}.
     */
    default java.util.function.Supplier<long[]> workProgress() {
        return null;
    }

    /** A few human-readable lines for the end of `bitswarm run`. */
    default String humanSummary(LinkedHashMap<String, String> summary) {
        return "";
    }
}
