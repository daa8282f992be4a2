package org.bitswarm.sweep;

import org.bitswarm.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bitswarm.cli.Main;
import org.bitswarm.cli.run.ResultFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole sweeps on in-process ranks: the tables do not depend on np or --parallel, and a sweep interrupted
 * between runs, inside a run, or by kill -9 resumes to byte-identical runs.csv and points.csv.
 */
class SweepRunTest {
    static final String SCENARIO = """
            model: phold
            seed: 11
            replications: 2
            dev: local
            end_time: 300ms
            phold:
              entities: 100
              jobs_per_entity: 2
              remote_fraction: 0.1
            sweep:
              axes:
                phold.remote_fraction: [0.0, 0.5]
            """;

    @TempDir
    static Path shared;
    static Path scenario;
    static Path reference;

    /** `bitswarm sweep ARGS`, in-process, output captured. */
    static Cli.Outcome sweep(String... args) throws Exception {
        return Cli.run(Stream.concat(Stream.of("sweep"), Stream.of(args)).toArray(String[]::new));
    }

    @BeforeAll
    static void referenceSweep() throws Exception {
        scenario = shared.resolve("sw.yaml");
        Files.writeString(scenario, SCENARIO);
        reference = shared.resolve("ref");
        Cli.Outcome o = sweep(scenario.toString(), "--np", "1", "--no-plots", "--out", reference.toString());
        assertEquals(0, o.code(), o.err());
    }

    private static void assertSameTables(Path dir) throws Exception {
        for (String f : List.of("runs.csv", "points.csv")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(dir.resolve(f)), f);
        }
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void tablesAreTidyAndComplete() throws Exception {
        List<String> runs = Files.readAllLines(reference.resolve("runs.csv"));
        assertEquals("point,phold.remote_fraction,seed,replication,entities,jobs,events,windows,hops,max_hops_per_entity,"
                + "last_event_s,event_digest", runs.get(0));
        assertEquals(5, runs.size());
        assertTrue(runs.get(4).startsWith("p001,0.5,11,1,100,200,"), runs.get(4));
        List<String> points = Files.readAllLines(reference.resolve("points.csv"));
        assertTrue(points.get(0).startsWith("point,phold.remote_fraction,n,entities_mean,entities_sd,entities_ci95,"), points.get(0));
        assertEquals(3, points.size());
        assertTrue(points.get(1).startsWith("p000,0.0,2,100,0,0,200,0,0,"), points.get(1));
        assertEquals(List.of("p000-r0", "p000-r1", "p001-r0", "p001-r1"), listing(reference.resolve("runs")));
        assertTrue(Files.isRegularFile(reference.resolve("runs/p001-r1/manifest.json")));
        assertTrue(Files.readString(reference.resolve("runs/p001-r1/manifest.json")).contains("\"replication\" : 1"));
        assertEquals(List.of("p000.yaml", "p001.yaml"), listing(reference.resolve("points")));
    }

    @Test
    void sameTablesForAnyNpAndParallelism() throws Exception {
        Path d = shared.resolve("np3");
        Cli.Outcome o = sweep(scenario.toString(), "--np", "3", "--parallel", "2", "--no-plots", "--out", d.toString());
        assertEquals(0, o.code(), o.err());
        assertSameTables(d);
        assertTrue(Files.readString(d.resolve("runs/p000-r0/manifest.json")).contains("\"np\" : 3"));
    }

    @Test
    void resumesAfterACrashBetweenRuns() throws Exception {
        Path d = shared.resolve("between");
        assertEquals(0, sweep(scenario.toString(), "--no-plots", "--out", d.toString()).code());
        // a run that finished before the crash must be kept as it is, not run again
        Path keep = d.resolve("runs/p000-r0/kept.marker");
        Files.writeString(keep, "x");
        ResultFiles.deleteTree(d.resolve("runs/p001-r0"));
        ResultFiles.deleteTree(d.resolve("runs/p000-r1"));
        Files.delete(d.resolve("runs.csv"));
        Files.delete(d.resolve("points.csv"));
        Cli.Outcome o = sweep(scenario.toString(), "--no-plots", "--out", d.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("2 run(s) already done, 2 to run"), o.out());
        assertTrue(Files.exists(keep));
        assertSameTables(d);
    }

    @Test
    void resumesAfterACrashInsideARun() throws Exception {
        Path d = shared.resolve("inside");
        assertEquals(0, sweep(scenario.toString(), "--no-plots", "--out", d.toString()).code());
        // what kill -9 leaves in the middle of p001-r1: its staging dir (half written), no published folder,
        // a half-replaced older result, and a temporary file of an atomic write
        ResultFiles.deleteTree(d.resolve("runs/p001-r1"));
        Path partial = Files.createDirectory(d.resolve("runs/.p001-r1.partial-4242"));
        Files.writeString(partial.resolve("summary.csv"), "metric,value\nevents,1\n");
        Files.createDirectory(d.resolve("runs/.p000-r0.old-4242"));
        Files.writeString(d.resolve(".runs.csv123.tmp"), "point\n");
        Files.writeString(d.resolve("runs.csv"), "stale\n");
        Cli.Outcome o = sweep(scenario.toString(), "--no-plots", "--out", d.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("3 run(s) already done, 1 to run"), o.out());
        assertEquals(List.of("p000-r0", "p000-r1", "p001-r0", "p001-r1"), listing(d.resolve("runs")));
        assertFalse(Files.exists(d.resolve(".runs.csv123.tmp")));
        assertSameTables(d);
    }

    @Test
    void runsOfAnEditedScenarioAreNotReused() throws Exception {
        Path d = shared.resolve("edited");
        assertEquals(0, sweep(scenario.toString(), "--no-plots", "--out", d.toString()).code());
        Path edited = shared.resolve("sw-edited.yaml");
        Files.writeString(edited, SCENARIO.replace("[0.0, 0.5]", "[0.0, 0.25]"));
        Cli.Outcome o = sweep(edited.toString(), "--no-plots", "--out", d.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("2 run(s) already done, 2 to run"), o.out());
        assertTrue(Files.readString(d.resolve("runs.csv")).contains("p001,0.25,"));
        o = sweep(scenario.toString(), "--no-plots", "--out", d.toString());
        assertTrue(o.out().contains("2 run(s) already done, 2 to run"), o.out());
        assertSameTables(d);
    }

    @Test
    void resumesAfterKillDashNine() throws Exception {
        Path d = shared.resolve("killed");
        Path runs = d.resolve("runs");
        String log = "";
        List<String> finished = List.of();
        // A busy machine could stall this thread until the whole sweep is done: then try again, a few times.
        for (int attempt = 0; attempt < 5 && (finished.isEmpty() || finished.size() == 4); attempt++) {
            ResultFiles.deleteTree(d);
            log = killAfterFirstRun(d);
            finished = !Files.isDirectory(runs) ? List.of() : listing(runs).stream().filter(n -> Files.isRegularFile(runs.resolve(n).resolve("manifest.json")))
                    .toList();
        }
        // The runs that were finished when the sweep died; each must be kept, not run again.
        assertTrue(finished.contains("p000-r0") && finished.size() < 4, finished + "\n" + log);
        assertFalse(Files.isRegularFile(d.resolve("runs.csv")), "the killed sweep wrote its tables:\n" + log);
        java.util.Map<String, Object> before = new java.util.HashMap<>();
        for (String n : finished) {
            before.put(n, Files.readAttributes(runs.resolve(n).resolve("manifest.json"),
                    java.nio.file.attribute.BasicFileAttributes.class).lastModifiedTime());
        }
        Cli.Outcome o = sweep(scenario.toString(), "--no-plots", "--out", d.toString());
        assertEquals(0, o.code(), o.err() + log);
        assertTrue(o.out().contains(finished.size() + " run(s) already done, " + (4 - finished.size()) + " to run"),
                "the second sweep resumed: " + o.out());
        for (String n : finished) {
            assertEquals(before.get(n), Files.readAttributes(runs.resolve(n).resolve("manifest.json"),
                    java.nio.file.attribute.BasicFileAttributes.class).lastModifiedTime(), n + " was run again");
        }
        assertEquals(List.of("p000-r0", "p000-r1", "p001-r0", "p001-r1"), listing(runs));
        assertSameTables(d);
    }

    /**
     * Starts the reference sweep in another JVM, one run at a time and interpreter-only (-Xint: the same results,
     * many times slower), and SIGKILLs it once its first run is finished; returns its output.
     */
    private static String killAfterFirstRun(Path d) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = shared.resolve("killed.log");
        Process p = new ProcessBuilder(java, "-Xint", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sweep", scenario.toString(), "--no-plots", "--parallel", "1", "--out", d.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Path first = d.resolve("runs").resolve("p000-r0").resolve("manifest.json");
        for (int i = 0; i < 24_000 && p.isAlive() && !Files.isRegularFile(first); i++) {
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return Files.readString(out);
    }

    @Test
    void badSweepIsExitTwoWithNothingWritten() throws Exception {
        Path bad = shared.resolve("bad.yaml");
        Files.writeString(bad, SCENARIO.replace("phold.remote_fraction: [0.0, 0.5]", "phold.remote_fraction: [0.0, 7]"));
        Path d = shared.resolve("bad-out");
        Cli.Outcome o = sweep(bad.toString(), "--out", d.toString());
        assertEquals(2, o.code());
        assertEquals("bitswarm: " + bad + ":12: phold.remote_fraction: must be in [0, 1], got 7.0\n", o.err());
        assertFalse(Files.exists(d));
    }

    @Test
    void aBitTorrentSweepDrawsItsOwnPlotsAndEachRunsPlots() throws Exception {
        Path sc = shared.resolve("bt.yaml");
        Files.writeString(sc, """
                model: bittorrent
                seed: 3
                dev: local
                replications: 1
                end_time: 10min
                bittorrent:
                  torrents:
                    - {name: demo, file_size: 1MiB, piece_size: 256KiB}
                  groups:
                    - {name: seed, count: 1, torrents: [{torrent: demo, role: seed}], upload: {kind: fixed, rate: 4Mbit/s}}
                    - {name: crowd, count: 6, torrents: [{torrent: demo, role: peer}], upload: {kind: fixed, rate: 1Mbit/s}}
                sweep:
                  axes:
                    bittorrent.torrents[0].piece_size: [128KiB, 256KiB, 1MiB]
                """);
        Path d = shared.resolve("bt-out");
        Cli.Outcome o = sweep(sc.toString(), "--out", d.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.isRegularFile(d.resolve("plots/last_completion_s.png")), listing(d.resolve("plots")).toString());
        for (String run : List.of("p000-r0", "p001-r0", "p002-r0")) {
            assertTrue(listing(d.resolve("runs").resolve(run)).containsAll(
                    List.of("completion_cdf.png", "population.png", "utilisation.png")), run);
        }
        assertEquals(List.of("points.csv", "runs.csv"), listing(d).stream().filter(f -> f.endsWith(".csv")).toList());
        // Every file and folder published has the permissions a plain new one gets here (the umask's), not the
        // 0600 / 0700 of Java's temporary files, which would hide results from the user's group.
        var plainFile = Files.getPosixFilePermissions(Files.createFile(shared.resolve("plain-file")));
        var plainFolder = Files.getPosixFilePermissions(Files.createDirectory(shared.resolve("plain-folder")));
        try (Stream<Path> all = Files.walk(d)) {
            for (Path p : all.toList()) {
                assertEquals(Files.isDirectory(p) ? plainFolder : plainFile, Files.getPosixFilePermissions(p), p.toString());
            }
        }
    }
}
