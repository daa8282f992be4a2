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
import org.bitswarm.sweep.Csv;

/** The BitTorrent model: peers.csv, timeseries.csv and summary metrics, checked against the swarm invariants. */
final class BitTorrentRuns implements ModelRun {
    private final RunSettings settings;
    private final SwarmConfig swarm;
    private SwarmResults results;

    BitTorrentRuns(RunSettings settings, SwarmConfig swarm) {
        this.settings = settings;
        this.swarm = swarm;
    }

    private BitTorrentModel model;

    @Override
    public Model model() {
        if (model == null) {
            model = new BitTorrentModel(swarm, settings.seed());
        }
        return model;
    }

    @Override
    public java.util.function.Supplier<long[]> workProgress() {
        BitTorrentModel m = model;
        return m == null || swarm.until() != org.bitswarm.protocol.config.Enums.Until.ALL_COMPLETE ? null : m::downloadProgress;
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

    @Override
    public LinkedHashMap<String, String> summary(RunResult r) {
        return results(r).summaryMetrics();
    }

    @Override
    public void writeFiles(RunResult r, Path dir) throws IOException {
        Csv.write(dir.resolve("peers.csv"), results(r).peersRows());
        Csv.write(dir.resolve("timeseries.csv"), results(r).timeseriesRows());
    }

    @Override
    public String humanSummary(LinkedHashMap<String, String> s) {
        double last = parse(s.get("last_completion_s"));
        double bound = parse(s.get("kumar_ross_bound_s"));
        String ratio = Double.isNaN(last) || Double.isNaN(bound) || bound <= 0 ? ""
                : String.format(java.util.Locale.ROOT, " (%.2f x the Kumar-Ross bound, %s s)", last / bound, seconds(s.get("kumar_ross_bound_s")));
        return "BitTorrent: " + s.get("completed") + " of " + s.getOrDefault("downloaders", s.get("peers"))
                + " downloads completed; first " + seconds(s.get("first_completion_s")) + " s, mean "
                + seconds(s.get("mean_completion_s")) + " s, last " + seconds(s.get("last_completion_s")) + " s" + ratio
                + "; upload utilisation " + digits(s.get("upload_utilisation"), 3) + "; hash failures "
                + s.get("hash_failures") + ", bans " + s.getOrDefault("bans", "0");
    }

    private static double parse(String v) {
        try {
            return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Seconds for a person: four significant digits, at most three decimals ("-" if it never happened). */
    static String seconds(String v) {
        double d = parse(v);
        if (Double.isNaN(d)) {
            return "-";
        }
        java.math.BigDecimal b = new java.math.BigDecimal(d).round(new java.math.MathContext(4));
        if (b.scale() > 3) {
            b = b.setScale(3, java.math.RoundingMode.HALF_EVEN);
        }
        b = b.stripTrailingZeros();
        return (b.scale() < 0 ? b.setScale(0) : b).toPlainString();
    }

    private static String digits(String v, int n) {
        double d = parse(v);
        if (Double.isNaN(d)) {
            return "-";
        }
        java.math.BigDecimal b = new java.math.BigDecimal(d).round(new java.math.MathContext(n)).stripTrailingZeros();
        return (b.scale() < 0 ? b.setScale(0) : b).toPlainString();
    }
}
