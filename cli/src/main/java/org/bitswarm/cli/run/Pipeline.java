package org.bitswarm.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bitswarm.cli.launch.RankGuard;
import org.bitswarm.engine.RankEngine;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.engine.Transport;
import org.bitswarm.scenario.RunSettings;
import org.bitswarm.scenario.Scenario;

/**
 * One run on one rank: load the scenario, build the model, run the engine over the given transport, and on
 * rank 0 write every result file into the staging directory. The same code serves MPJ ranks and in-process
 * ranks, so tests of the local device exercise what MPJ runs.
 */
public final class Pipeline {
    private Pipeline() {}

    public static RunSettings resolve(Scenario sc, RunRequest req) {
        return sc.settings().with(req.seed(), req.np(), req.device());
    }

    /** Runs this rank; returns rank 0's summary metrics (null elsewhere). */
    public static LinkedHashMap<String, String> runRank(RunRequest req, Transport transport) throws IOException {
        return runRank(req, transport, line -> {
            System.out.println(line);
            System.out.flush();
        });
    }

    /** As above, with progress lines going to {@code progressSink} on rank 0. */
    public static LinkedHashMap<String, String> runRank(RunRequest req, Transport transport,
            java.util.function.Consumer<String> progressSink) throws IOException {
        Scenario sc = Scenario.load(req.scenario());
        RunSettings s = resolve(sc, req);
        ModelRun run = Models.run(s);
        org.bitswarm.engine.Model model = run.model();
        RunConfig cfg = new RunConfig(s.seed(), req.replication(), s.endTime(), s.trace(),
                transport.rank() == 0
                        ? heartbeat(Progress.emitter(req.progress(), s.endTime(), progressSink, run.workProgress()))
                        : RunConfig.WindowListener.NONE);
        RunResult result = new RankEngine(model, transport, cfg).run();
        if (transport.rank() != 0) {
            return null;
        }
        try {
            return write(sc, s, req, run, result);
        } catch (IOException e) {
            // A full disk or a vanished folder: one line naming where, no trace (it is not a bug).
            throw new java.io.UncheckedIOException("cannot write the results in " + req.stage() + ": "
                    + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage()), e);
        }
    }

    /** Rank 0's windows feed the launcher's watchdog too (the ranks advance in lock step). */
    private static RunConfig.WindowListener heartbeat(RunConfig.WindowListener inner) {
        return new RunConfig.WindowListener() {
            @Override
            public void windowDone(long nextTime, long events, long windows) {
                RankGuard.progress(windows, nextTime);
                inner.windowDone(nextTime, events, windows);
            }

            @Override
            public void runDone(long nextTime, long events, long windows) {
                inner.runDone(nextTime, events, windows);
            }
        };
    }

    static LinkedHashMap<String, String> write(Scenario sc, RunSettings s, RunRequest req, ModelRun run, RunResult r)
            throws IOException {
        Path dir = req.stage();
        LinkedHashMap<String, String> summary = run.summary(r);
        summary.putIfAbsent("events", Long.toString(r.events()));
        ResultFiles.writeMetrics(dir.resolve("summary.csv"), summary);
        run.writeFiles(r, dir);
        if (s.trace()) {
            ResultFiles.writeLines(dir.resolve("trace.txt"), r.trace());
        }
        keepScenario(sc, dir);
        ResultFiles.writeAtomically(dir.resolve("manifest.json"), manifest(sc, s, req, r));
        return summary;
    }

    /** The run folder's copy of the exact scenario file it ran. */
    public static final String SCENARIO_COPY = "scenario.yaml";

    /** Copies the scenario's bytes into the run folder, checking they are the ones that were loaded. */
    static void keepScenario(Scenario sc, Path dir) throws IOException {
        byte[] bytes = java.nio.file.Files.readAllBytes(sc.path());
        if (!Scenario.sha256(bytes).equals(sc.sha256())) {
            throw new IOException(sc.path() + ": changed while the run was running; results not kept");
        }
        ResultFiles.writeAtomically(dir.resolve(SCENARIO_COPY), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    static String manifest(Scenario sc, RunSettings s, RunRequest req, RunResult r) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", sc.path().toString());
        m.put("scenario_sha256", sc.sha256());
        m.put("model", s.model());
        m.put("seed", s.seed());
        m.put("replication", req.replication());
        m.put("np", s.np());
        m.put("device", s.dev().label());
        m.put("version", Version.project());
        m.put("git_commit", Version.commit());
        m.put("java", System.getProperty("java.version"));
        m.put("mpj_express", s.dev() == org.bitswarm.scenario.Device.LOCAL ? "none (in-process ranks)" : "0.44");
        m.put("end_time_s", Ticks.format(s.endTime()));
        m.put("last_event_s", Ticks.format(r.lastEventTime()));
        m.put("events", r.events());
        m.put("windows", r.windows());
        m.put("event_digest", r.eventDigest());
        m.put("cross_rank_bytes", r.crossRankBytes());
        m.put("events_per_rank", r.eventsPerRank());
        m.put("wall_seconds", round(r.wallSeconds()));
        m.put("events_per_second", Math.round(r.eventsPerSecond()));
        m.put("sync_share", round(r.syncShare()));
        m.put("scenario_file", SCENARIO_COPY);
        // The resolved settings as the scenario spells them, in its units: the model's section under its own name.
        m.put("resolved", org.bitswarm.scenario.ResolvedScenario.tree(s));
        ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        return json.writeValueAsString(m) + "\n";
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
