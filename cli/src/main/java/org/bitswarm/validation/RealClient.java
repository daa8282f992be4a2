package org.bitswarm.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bitswarm.engine.Ticks;
import org.bitswarm.plot.Plots;
import org.bitswarm.protocol.Reports.SessionReport;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.sweep.Csv;
import org.bitswarm.sweep.Stats;
import org.bitswarm.validation.Row.Kind;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The real-client section: small swarms of libtorrent (validation/real-client/lt_swarm.py, Debian's
 * python3-libtorrent) on loopback, and the same swarms as Bitswarm scenarios (validation/real-client/*.yaml).
 * {@code RUN} runs the real swarms now (each bounded by {@code timeoutSeconds}; the script ends the processes it
 * started, and this class kills the script by its pid if it outlives the bound); {@code CSV} reuses the CSVs of
 * earlier runs under validation/real-client/results/ (CASE-rK.csv); {@code OFF} leaves the section out.
 */
public final class RealClient {
    public enum Mode { RUN, CSV, OFF }

    /** A real-client case: its name (CSV and YAML file name) and the script's arguments. */
    record Case(String name, List<String> args) {}

    static final List<Case> CASES = List.of(
            new Case("homogeneous", List.of("--leechers", "10", "--size", "16MiB", "--piece", "256KiB", "--seed-up", "2Mbit",
                    "--up", "1Mbit", "--down", "10Mbit")),
            new Case("heterogeneous", List.of("--leechers", "10", "--size", "16MiB", "--piece", "256KiB", "--seed-up",
                    "2Mbit", "--up", "1Mbit", "--down", "10Mbit", "--slow-up", "512kbit", "--slow-count", "5")));

    /** Both cases share one file size: 16 MiB. */
    static final double FILE_BYTES = 16.0 * 1024 * 1024;

    private final Mode mode;
    private final int timeoutSeconds;
    private final int runs;

    /** {@code runs}: real swarms per case (each with its own file content, --rng k). */
    public RealClient(Mode mode, int timeoutSeconds, int runs) {
        this.mode = mode;
        this.timeoutSeconds = timeoutSeconds;
        this.runs = runs;
    }

    void section(Validation v) throws IOException {
        Path dir = v.root().resolve("validation/real-client");
        if (mode == Mode.OFF) {
            v.text("Left out of this run (`--real-client off`).");
            return;
        }
        if (v.profile() != null) {
            v.text("Left out: its Bitswarm twins are libtorrent's (`profile: libtorrent`), whatever `--profile` says; the");
            v.text("comparison is in docs/validation.md.");
            return;
        }
        v.text("libtorrent " + version() + " (Debian `python3-libtorrent`) on 127.0.0.1: one process and session per client,");
        v.text("DHT, local peer discovery, UPnP, NAT-PMP and trackers off, peers connected directly, rate limits applied");
        v.text("to loopback peers by mapping every address to the global peer class; completion from alerts. The");
        v.text("Bitswarm twins (`validation/real-client/*.yaml`, 3 replications) run `profile: libtorrent`: every protocol");
        v.text("default as libtorrent 2.0.8 sets it (docs/profiles.md: its choker with seed round robin and piece quota,");
        v.text("a request queue of 3 s of rate, its picker rules, smart ban).\n");
        List<Row> rows = new ArrayList<>();
        List<String> copies = new ArrayList<>();
        List<String> sensitivity = new ArrayList<>();
        for (Case c : CASES) {
            List<Path> csvs = new ArrayList<>();
            for (int k = 1; k <= runs; k++) {
                Path csv = dir.resolve("results/" + c.name() + "-r" + k + ".csv");
                if (mode == Mode.RUN) {
                    runReal(dir, c, csv, k);
                }
                if (Files.exists(csv)) {
                    csvs.add(csv);
                }
            }
            if (csvs.isEmpty()) {
                v.text("- " + c.name() + ": no real-client results under " + v.root().relativize(dir.resolve("results"))
                        + "; run `./bitswarm validate`.\n");
                continue;
            }
            List<Double> real = new ArrayList<>();
            List<Double> realMean = new ArrayList<>();
            List<Double> realLast = new ArrayList<>();
            List<Double> realSeedCopies = new ArrayList<>();
            int leechers = 0;
            List<String> files = new ArrayList<>();
            for (Path csv : csvs) {
                List<Double> one = new ArrayList<>();
                for (var r : Csv.read(csv).rows()) {
                    String upBytes = r.getOrDefault("uploaded_bytes", "");
                    if (r.get("role").equals("seed") && !upBytes.isEmpty()) {
                        realSeedCopies.add(Double.parseDouble(upBytes) / FILE_BYTES);
                    }
                    if (r.get("role").equals("leecher")) {
                        leechers++;
                        if (!r.get("completed_s").isEmpty()) {
                            one.add(Double.parseDouble(r.get("completed_s")));
                        }
                    }
                }
                real.addAll(one);
                if (!one.isEmpty()) {
                    realMean.add(Validation.mean(one));
                    realLast.add(Collections.max(one));
                }
                files.add(csv.getFileName().toString());
            }
            List<Double> sim = new ArrayList<>();
            List<Double> simMean = new ArrayList<>();
            List<Double> simLast = new ArrayList<>();
            List<Double> simSeedCopies = new ArrayList<>();
            for (Sim.Outcome o : Sim.run(dir.resolve(c.name() + ".yaml"), false, Integer.MAX_VALUE)) {
                List<Double> one = new ArrayList<>();
                for (SessionReport s : o.results().reports().sessions) {
                    if (s.role() != Enums.Role.SEED && s.completedAt() >= 0) {
                        one.add(Ticks.toSeconds(s.completedAt() - s.joinedAt()));
                    }
                }
                sim.addAll(one);
                simSeedCopies.add((double) o.uploaded("seed") / FILE_BYTES);
                simMean.add(Validation.mean(one));
                simLast.add(Collections.max(one));
            }
            v.text("- " + c.name() + ": libtorrent, " + csvs.size() + " run(s): " + real.size() + " of " + leechers
                    + " leechers finished (" + String.join(", ", files) + "); mean completion per run "
                    + realMean.stream().map(Row::num).toList() + " s.\n");
            copies.add("| " + c.name() + " | " + Row.num(Stats.of(realSeedCopies).mean()) + " | "
                    + Row.num(Stats.of(simSeedCopies).mean()) + " |");
            if (real.isEmpty()) {
                continue;
            }
            rows.add(new Row(c.name() + ": mean completion", "libtorrent (measured on loopback)", Stats.of(realMean).mean(),
                    Stats.of(simMean).mean(), Kind.TOLERANCE, 0.10));
            rows.add(new Row(c.name() + ": last completion", "libtorrent (measured on loopback)", Stats.of(realLast).mean(),
                    Stats.of(simLast).mean(), Kind.TOLERANCE, 0.10));
            sensitivity.add(variants(dir.resolve(c.name() + ".yaml"), c.name(), Stats.of(realMean).mean(), Stats.of(simMean).mean()));
            XYChart chart = Plots.chart("Real client vs Bitswarm: " + c.name(), "completion time (s)", "fraction of leechers done");
            addCdf(chart, "libtorrent 2.0 (real, loopback, " + csvs.size() + " runs)", real, leechers);
            addCdf(chart, "Bitswarm (3 replications)", sim, sim.size());
            v.plot(chart, "real-client-" + c.name(), "completion times, libtorrent vs Bitswarm, " + c.name());
        }
        v.text("\n'predicted' is the real client's mean over its runs and 'measured' Bitswarm's mean over replications.\n");
        v.table(rows);
        v.text("Copies of the file the seed uploaded (payload; libtorrent's from a state_update_alert at the end):\n");
        v.text("| case | libtorrent | Bitswarm |\n|---|---:|---:|");
        copies.forEach(v::text);
        v.text("");
        v.text("What each libtorrent mechanism does to the twins' mean completion (3 replications each; the twin with one");
        v.text("setting changed):\n");
        v.text("| case | libtorrent | twin | without quota ticks (`quota_tick: 0`) | without IP headers (`header_bytes: 0`) | mainline profile |");
        v.text("|---|---:|---:|---:|---:|---:|");
        sensitivity.forEach(v::text);
        v.text("");
        REASONS.lines().forEach(v::text);
    }

    /**
     * The reasons for the remaining difference, with the figures measured for them (issue 11; the commands are in
     * the commit that measured them).
     */
    static final String REASONS = """
            What the twins model of libtorrent's rate limiter, and what they do not. libtorrent hands out upload
            quota every `tick_interval` (500 ms) and a message waits in the send buffer until its connection has
            quota: the twins make every control message wait for its client's next tick (`quota_tick: 500ms`), which
            delays each connection's set-up (handshakes, bitfields, interest, unchoke, the first requests) by about
            2 s and every later request by up to a tick. libtorrent charges TCP/IP headers to its limits
            (`rate_limit_ip_overhead`, stat.hpp `trancieve_ip_packet`): 40 bytes per 1,460-byte packet sent, and as
            much again on the upload side for each packet received (its ACK), about 6 % of a leecher's upload; the
            twins charge both (`ip_overhead: {header_bytes: 40, acks: true}`). Not modelled, and so the likely
            reasons for what remains (the twins stay faster): a REQUEST in libtorrent also waits behind the piece
            data already queued to that peer (the twins' control messages do not queue behind blocks), and
            libtorrent's picker asks a fast peer for whole pieces (`whole_pieces_threshold` 20 s) and limits
            endgame duplicates; the real request delay was not measured (it needs the real swarm instrumented).
            Started pieces follow libtorrent's rule in the twins (`started_pieces: libtorrent`); with `always` (the
            rule before issue 11) leechers asked the seed for pieces already in the swarm: 1.22 x and 1.37 x
            libtorrent's mean completion with mainline's other defaults, the seed sending 2.65 copies of the file
            against libtorrent's 2.05.
            """;

    /** The twin's mean completion with one change each, as a table row. */
    private static String variants(Path twin, String name, double real, double twinMean) throws IOException {
        String text = Files.readString(twin);
        StringBuilder row = new StringBuilder("| " + name + " | " + Row.num(real) + " | " + Row.num(twinMean) + " ("
                + String.format(java.util.Locale.ROOT, "%.3f", twinMean / real) + " x)");
        String profile = "protocol: {profile: libtorrent}";
        List<String> changed = List.of(text.replace(profile, "protocol: {profile: libtorrent, connections: {quota_tick: 0}}"),
                text.replace(profile, "protocol: {profile: libtorrent, ip_overhead: {header_bytes: 0}}"),
                text.replace(profile, "protocol: {profile: mainline}"));
        Path tmp = Files.createTempDirectory("bitswarm-twin-");
        try {
            for (String t : changed) {
                if (t.equals(text)) {
                    row.append(" | n/a");
                    continue;
                }
                Path f = tmp.resolve(name + ".yaml");
                Files.writeString(f, t);
                List<Double> means = new ArrayList<>();
                for (Sim.Outcome o : Sim.run(f, false, Integer.MAX_VALUE)) {
                    List<Double> one = new ArrayList<>();
                    for (SessionReport sr : o.results().reports().sessions) {
                        if (sr.role() != Enums.Role.SEED && sr.completedAt() >= 0) {
                            one.add(Ticks.toSeconds(sr.completedAt() - sr.joinedAt()));
                        }
                    }
                    means.add(Validation.mean(one));
                }
                double m = Stats.of(means).mean();
                row.append(" | ").append(Row.num(m)).append(" (").append(String.format(java.util.Locale.ROOT, "%.3f", m / real)).append(" x)");
                Files.delete(f);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return row.append(" |").toString();
    }

    private void runReal(Path dir, Case c, Path csv, int run) throws IOException {
        Files.createDirectories(csv.getParent());
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", dir.resolve("lt_swarm.py").toString(), "--case", c.name(),
                "--out", csv.toString(), "--timeout", Integer.toString(timeoutSeconds), "--rng", Integer.toString(run)));
        cmd.addAll(c.args());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        try {
            if (!p.waitFor(timeoutSeconds + 30L, TimeUnit.SECONDS)) {
                // The script ends its children itself on SIGTERM; kill it by its pid if it does not stop.
                p.destroy();
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                throw new IllegalStateException("real-client case " + c.name() + " outlived its time limit");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (p.exitValue() != 0) {
            System.err.println("validate: real-client case " + c.name() + " exited " + p.exitValue() + " (partial results kept)");
        }
    }

    private static String version() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import libtorrent; print(libtorrent.__version__)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "(not installed)";
        } catch (IOException e) {
            return "(not installed)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    private static void addCdf(XYChart chart, String name, List<Double> values, int total) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        double[] x = new double[v.size() * 2];
        double[] y = new double[v.size() * 2];
        for (int i = 0; i < v.size(); i++) {
            x[2 * i] = v.get(i);
            y[2 * i] = (double) i / total;
            x[2 * i + 1] = v.get(i);
            y[2 * i + 1] = (double) (i + 1) / total;
        }
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }
}
