package org.bitswarm.sweep;

import org.bitswarm.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bitswarm.cli.launch.ExitCleanup;
import org.bitswarm.cli.run.ResultFiles;

/**
 * Runs a sweep into a folder:
 *
 * <pre>
 * DIR/points/&lt;point&gt;.yaml        each point's scenario (the original with the axis values patched in)
 * DIR/runs/&lt;point&gt;-r&lt;rep&gt;/        each run's full results folder, published atomically (stage, then rename)
 * DIR/runs.csv, DIR/points.csv    the tables ({@link SweepTables})
 * </pre>
 *
 * Resumable: a run exists iff its folder has manifest.json and summary.csv and the manifest names the same
 * point scenario (SHA-256), seed and replication; only missing runs are run again. Stale staging directories
 * ({@code .*.partial-*}, {@code .*.old-*}) and temporary files of a killed sweep are removed first. A lock file
 * keeps two sweeps out of the same folder.
 */
public final class SweepRunner {

    /** Runs one run of a point scenario into an (empty, existing) staging directory; throws on failure. */
    @FunctionalInterface
    public interface RunOne {
        void run(Path pointScenario, long seed, int replication, Path stage) throws Exception;
    }

    /** How it went: runs found done, runs run now, runs that failed (with one line each). */
    public record Outcome(int reused, int ran, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private final SweepPlan plan;
    private final Path dir;
    private final int parallel;
    private final RunOne runOne;
    private final Consumer<String> log;

    public SweepRunner(SweepPlan plan, Path dir, int parallel, RunOne runOne, Consumer<String> log) {
        this.plan = plan;
        this.dir = dir.toAbsolutePath();
        this.parallel = Math.max(1, parallel);
        this.runOne = runOne;
        this.log = log;
    }

    public static String runId(SweepPlan.Point p, int replication) {
        return p.id() + "-r" + replication;
    }

    public Path runDir(SweepPlan.Point p, int replication) {
        return dir.resolve("runs").resolve(runId(p, replication));
    }

    public Path pointFile(SweepPlan.Point p) {
        return dir.resolve("points").resolve(p.id() + ".yaml");
    }

    public Outcome run() throws IOException {
        Files.createDirectories(dir);
        try (FileChannel lockCh = FileChannel.open(dir.resolve(".sweep.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockCh.tryLock()) {
            if (lock == null) {
                throw new IOException(dir + ": another sweep is writing into this folder");
            }
            return runLocked();
        }
    }

    private Outcome runLocked() throws IOException {
        Path runs = dir.resolve("runs");
        Files.createDirectories(runs);
        Files.createDirectories(dir.resolve("points"));
        removeLeftovers(dir);
        removeLeftovers(runs);
        removeLeftovers(dir.resolve("points"));
        if (Files.isDirectory(dir.resolve("plots"))) {
            removeLeftovers(dir.resolve("plots"));
        }
        int reps = plan.base().settings().replications();
        List<Task> todo = new ArrayList<>();
        int reused = 0;
        for (SweepPlan.Point p : plan.points()) {
            Path file = pointFile(p);
            if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(p.yaml())) {
                ResultFiles.writeAtomically(file, p.yaml());
            }
            String sha = Scenario.sha256(p.yaml().getBytes(StandardCharsets.UTF_8));
            for (int r = 0; r < reps; r++) {
                Path target = runDir(p, r);
                long seed = p.scenario().settings().seed();
                if (isDone(target, sha, seed, r)) {
                    reused++;
                } else {
                    if (Files.exists(target)) {
                        log.accept("sweep: " + runId(p, r) + ": incomplete or from another scenario, running it again");
                    }
                    todo.add(new Task(p, r, seed, file, target));
                }
            }
        }
        log.accept("sweep: " + plan.points().size() + " point(s) x " + reps + " replication(s): " + reused
                + " run(s) already done, " + todo.size() + " to run" + (todo.isEmpty() ? "" : ", " + parallel + " at a time"));
        List<String> failures = execute(todo);
        if (!failures.isEmpty()) {
            return new Outcome(reused, todo.size() - failures.size(), failures);
        }
        List<SweepTables.RunRow> rows = new ArrayList<>();
        for (SweepPlan.Point p : plan.points()) {
            for (int r = 0; r < reps; r++) {
                java.util.LinkedHashMap<String, String> metrics = ResultFiles.readMetrics(runDir(p, r).resolve("summary.csv"));
                // summary.csv is numbers only; runs.csv also names each run's digest (text), from its manifest
                JsonNode digest = new ObjectMapper().readTree(runDir(p, r).resolve("manifest.json").toFile()).get("event_digest");
                metrics.put("event_digest", digest == null ? "" : digest.asText());
                rows.add(new SweepTables.RunRow(p, r, p.scenario().settings().seed(), metrics));
            }
        }
        SweepTables.write(dir, plan, rows);
        return new Outcome(reused, todo.size(), List.of());
    }

    private record Task(SweepPlan.Point point, int replication, long seed, Path scenario, Path target) {}

    private List<String> execute(List<Task> todo) throws IOException {
        List<String> failures = new ArrayList<>();
        if (todo.isEmpty()) {
            return failures;
        }
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, todo.size()), r -> {
            Thread t = new Thread(r, "sweep-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Task t : todo) {
                futures.add(pool.submit(() -> {
                    String id = runId(t.point(), t.replication());
                    String failure = runTask(t);
                    int n = finished.incrementAndGet();
                    log.accept("sweep: [" + n + "/" + todo.size() + "] " + id + (failure == null ? " done" : " FAILED: " + failure));
                    return failure == null ? null : id + ": " + failure;
                }));
            }
            for (Future<String> f : futures) {
                String failure = f.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    /** Runs one task; null on success, else the reason. */
    private String runTask(Task t) throws IOException {
        Path stage = ResultFiles.stagingFor(t.target());
        boolean published = false;
        // Ctrl-C or SIGTERM: the shutdown hook removes the staging folder, and nothing is published after it began
        ExitCleanup.Registration cleanup = ExitCleanup.deleteOnExit(stage);
        try {
            runOne.run(t.scenario(), t.seed(), t.replication(), stage);
            if (!Files.isRegularFile(stage.resolve("manifest.json")) || !Files.isRegularFile(stage.resolve("summary.csv"))) {
                return "no results";
            }
            published = ExitCleanup.unlessExiting(() -> {
                if (Files.exists(t.target())) {
                    ResultFiles.deleteTree(t.target());
                }
                ResultFiles.publish(stage, t.target());
            });
            return published ? null : "stopped by a signal";
        } catch (Exception e) {
            return String.valueOf(e.getMessage() != null ? e.getMessage() : e);
        } finally {
            if (!published) {
                ResultFiles.deleteTree(stage);
            }
            cleanup.close();
        }
    }

    static boolean isDone(Path target, String sha, long seed, int replication) {
        Path manifest = target.resolve("manifest.json");
        if (!Files.isRegularFile(manifest) || !Files.isRegularFile(target.resolve("summary.csv"))) {
            return false;
        }
        try {
            JsonNode m = new ObjectMapper().readTree(manifest.toFile());
            return sha.equals(m.path("scenario_sha256").asText()) && m.path("seed").asLong() == seed
                    && m.path("replication").asInt() == replication;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes what a killed sweep leaves behind: staging dirs, half-replaced dirs, temporary files. */
    static void removeLeftovers(Path folder) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, ".*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.contains(".partial-") || n.contains(".old-") || n.endsWith(".tmp")) {
                    stale.add(p);
                }
            }
        }
        for (Path p : stale) {
            if (Files.isDirectory(p)) {
                ResultFiles.deleteTree(p);
            } else {
                Files.deleteIfExists(p);
            }
        }
    }
}
