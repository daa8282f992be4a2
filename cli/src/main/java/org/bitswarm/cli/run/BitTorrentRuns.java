package org.bitswarm.cli.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.bitswarm.engine.Model;
import org.bitswarm.engine.RunResult;
import org.bitswarm.protocol.BitTorrentModel;
import org.bitswarm.protocol.SwarmInvariants;
import org.bitswarm.protocol.SwarmResults;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.scenario.RunSettings;

/** The BitTorrent model: peers.csv, timeseries.csv and summary metrics, checked against the swarm invariants. */
final class BitTorrentRuns implements ModelRun {
    private final RunSettings settings;
    private final SwarmConfig swarm;
    private SwarmResults results;

    BitTorrentRuns(RunSettings settings, SwarmConfig swarm) {
        this.settings = settings;
        this.swarm = swarm;
    }

    @Override
    public Model model() {
        return new BitTorrentModel(swarm, settings.seed());
    }

    private SwarmResults results(RunResult r) {
        if (results == null) {
            // A run that breaks an invariant (a corrupt piece accepted, a finish faster than physics allows,
            // bytes lost) is an error, not a result.
            List<String> broken = SwarmInvariants.violations(swarm, r);
            if (!broken.isEmpty()) {
                throw new IllegalStateException("swarm invariants violated: " + String.join("; ", broken));
            }
            results = SwarmResults.from(swarm, r, settings.endTime());
        }
        return results;
    }

    /** Trackers are entities too; the rest are clients. */
    @Override
    public long clients(long entities) {
        return entities - swarm.trackers().count();
    }

    @Override
    public LinkedHashMap<String, String> summary(RunResult r) {
        return results(r).summaryMetrics();
    }

    @Override
    public void writeFiles(RunResult r, Path dir) throws IOException {
        ResultFiles.writeLines(dir.resolve("peers.csv"), results(r).peersCsvLines());
        ResultFiles.writeLines(dir.resolve("timeseries.csv"), results(r).timeseriesCsvLines());
    }

    @Override
    public String humanSummary(LinkedHashMap<String, String> s) {
        return "BitTorrent: " + s.get("completed") + " of " + s.getOrDefault("downloaders", s.get("peers"))
                + " downloads completed; first " + blank(s.get("first_completion_s")) + " s, mean "
                + blank(s.get("mean_completion_s")) + " s, last " + blank(s.get("last_completion_s"))
                + " s; upload utilisation " + blank(s.get("upload_utilisation")) + "; hash failures "
                + s.get("hash_failures") + ", bans " + s.getOrDefault("bans", "0");
    }

    private static String blank(String v) {
        return v == null || v.isEmpty() ? "-" : v;
    }
}
