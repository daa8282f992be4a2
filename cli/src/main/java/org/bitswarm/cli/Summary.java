package org.bitswarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.bitswarm.cli.run.Models;
import org.bitswarm.cli.run.ResultFiles;
import org.bitswarm.scenario.RunSettings;

/** The short human-readable ending of `bitswarm run`, read back from the published results. */
final class Summary {
    private Summary() {}

    static String render(RunSettings s, Path dir) throws IOException {
        LinkedHashMap<String, String> metrics = ResultFiles.readMetrics(dir.resolve("summary.csv"));
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        StringBuilder b = new StringBuilder();
        String model = Models.run(s).humanSummary(metrics);
        if (!model.isEmpty()) {
            b.append(model).append('\n');
        }
        b.append(String.format(Locale.ROOT, "%d events on %d rank(s) (%s) in %.2f s wall: %.2fM events/s, %.0f%% in synchronisation%n",
                manifest.get("events").asLong(), manifest.get("np").asInt(), manifest.get("device").asText(),
                manifest.get("wall_seconds").asDouble(), manifest.get("events_per_second").asDouble() / 1e6,
                100 * manifest.get("sync_share").asDouble()));
        b.append("event digest ").append(manifest.get("event_digest").asText()).append('\n');
        b.append("results: ").append(dir).append('\n');
        return b.toString();
    }
}
