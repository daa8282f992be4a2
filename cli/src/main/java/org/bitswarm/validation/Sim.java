package org.bitswarm.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.BitTorrentModel;
import org.bitswarm.protocol.Reports.SessionReport;
import org.bitswarm.protocol.SwarmInvariants;
import org.bitswarm.protocol.SwarmResults;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.Profile;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.scenario.RunSettings;
import org.bitswarm.scenario.Scenario;
import org.bitswarm.sweep.SweepPlan;

/**
 * Runs a validation case file (a BitTorrent scenario, with or without a sweep block) in-process on one rank:
 * every point of its sweep, {@code replications} times on substreams 0..R-1, each checked against the swarm
 * invariants. Only the simulator's public outputs are used: the summary metrics, the per-session reports
 * (peers.csv), the time series and, when asked for, the event trace.
 */
final class Sim {
    private Sim() {}

    /** One run: the point's axis values, its replication, its configuration and results. */
    record Outcome(LinkedHashMap<String, String> params, int replication, SwarmConfig cfg, RunResult run,
            SwarmResults results) {
        double metric(String name) {
            String v = results.summaryMetrics().get(name);
            if (v == null) {
                throw new IllegalArgumentException("no summary metric " + name);
            }
            return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
        }

        String param(String key) {
            for (var e : params.entrySet()) {
                if (e.getKey().endsWith(key)) {
                    return e.getValue();
                }
            }
            throw new IllegalArgumentException("no axis " + key + " in " + params);
        }

        /** Sessions of one group (by name). */
        List<SessionReport> group(String name) {
            int g = -1;
            for (int i = 0; i < cfg.groups().size(); i++) {
                if (cfg.groups().get(i).name().equals(name)) {
                    g = i;
                }
            }
            List<SessionReport> out = new ArrayList<>();
            for (SessionReport s : results.reports().sessions) {
                if (s.group() == g) {
                    out.add(s);
                }
            }
            if (g < 0) {
                throw new IllegalArgumentException("no group " + name);
            }
            return out;
        }

        /** Download times (s) of one group's sessions that completed and were not seeds from the start. */
        List<Double> downloadTimes(String group) {
            List<Double> out = new ArrayList<>();
            for (SessionReport s : group(group)) {
                if (s.role() != Enums.Role.SEED && s.completedAt() >= 0) {
                    out.add(Ticks.toSeconds(s.completedAt() - s.joinedAt()));
                }
            }
            return out;
        }

        double lastCompletion(String group) {
            double last = Double.NaN;
            for (SessionReport s : group(group)) {
                if (s.completedAt() >= 0 && s.role() != Enums.Role.SEED) {
                    last = Double.isNaN(last) ? Ticks.toSeconds(s.completedAt()) : Math.max(last, Ticks.toSeconds(s.completedAt()));
                }
            }
            return last;
        }

        long uploaded(String group) {
            long sum = 0;
            for (SessionReport s : group(group)) {
                sum += s.uploaded();
            }
            return sum;
        }

        long downloaded(String group) {
            long sum = 0;
            for (SessionReport s : group(group)) {
                sum += s.downloaded();
            }
            return sum;
        }
    }

    static List<Outcome> run(Path file, boolean trace, int replicationsCap) {
        return run(file, trace, replicationsCap, null);
    }

    /**
     * As {@link #run(Path, boolean, int)}, with {@code profile} (null: the file's own) as the swarm's client
     * profile: {@code bittorrent.protocol.profile} is set in the file's tree before it is bound, so the keys the
     * case writes keep their values and every other protocol key takes the profile's.
     */
    static List<Outcome> run(Path file, boolean trace, int replicationsCap, Profile profile) {
        Scenario sc = Scenario.load(file);
        if (profile != null) {
            sc = Scenario.fromTree(file, sc.sha256(), SweepPlan.with(file.toString(), sc.root(),
                    "bittorrent.protocol.profile", profile.name().toLowerCase(Locale.ROOT)));
        }
        SweepPlan plan = SweepPlan.of(sc);
        int reps = Math.min(sc.settings().replications(), replicationsCap);
        List<Outcome> out = new ArrayList<>();
        for (SweepPlan.Point p : plan.points()) {
            RunSettings s = p.scenario().settings();
            SwarmConfig cfg = s.section(SwarmConfig.class);
            for (int r = 0; r < reps; r++) {
                RunConfig rc = RunConfig.of(s.seed(), s.endTime()).withReplication(r).withTrace(trace);
                RunResult res = LocalCluster.run(() -> new BitTorrentModel(cfg, s.seed()), 1, rc);
                SwarmInvariants.check(cfg, res);
                out.add(new Outcome(p.params(), r, cfg, res, SwarmResults.from(cfg, res, s.endTime())));
            }
        }
        return out;
    }
}
