package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faults and signals of a real front end process: a stopped rank is caught by the watchdog and named; SIGINT,
 * SIGTERM and kill -9 of the front end end every process of the run; a signal leaves no staging, status or lock
 * file; what a kill -9 leaves, the next run removes; niodev on one host listens on nothing outside a network
 * namespace of its own.
 */
class RunFaultsTest {

    /** Runs far longer than any test waits: it ends only by a signal or the watchdog. */
    private static final String ENDLESS = "model: phold\nend_time: 100000s\nphold:\n  entities: 48\n  lookahead: 1ms\n"
            + "  mean_delay: 2ms\n";

    @TempDir
    Path dir;

    private Path scenario() throws Exception {
        Path f = dir.resolve("endless.yaml");
        Files.writeString(f, ENDLESS);
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"niodev", "multicore"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aStoppedRankFailsTheRunNamingItAndEndsEveryProcess(String dev) throws Exception {
        Path tmp = dir.resolve("tmp");
        List<ProcessHandle> procs = new ArrayList<>();
        long stopped = -1;
        try (FrontEnd fe = FrontEnd.start(dir, tmp, Map.of("BITSWARM_WATCHDOG", "3s"), "run", scenario().toString(),
                "--np", "3", "--dev", dev, "--out", dir.resolve("out").toString(), "--progress", "off")) {
            Path status = fe.awaitRanks(3);
            procs.addAll(fe.descendants());
            stopped = FrontEnd.rankPid(status, 1);
            FrontEnd.signal(stopped, "STOP");

            int code = fe.awaitExit();
            String err = fe.err();
            assertEquals(Main.EXIT_FAILED, code, err);
            assertTrue(java.util.regex.Pattern.compile("bitswarm: ranks? (.*, )?1 \\(host [^,]+, pid " + stopped
                    + "\\).* stopped responding").matcher(err).find(), err);
            assertTrue(err.contains("no heartbeat for 3 s"), err);
            assertFalse(err.contains("\tat "), err);
            FrontEnd.awaitGone(procs);
            assertEquals(Set.of("endless.yaml", "tmp"), FrontEnd.names(dir), "no results, staging or lock left");
            assertTrue(fe.statusDir().isEmpty(), "status folder removed");
        } finally {
            if (stopped > 0) {
                ProcessHandle.of(stopped).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aKilledNiodevRankIsNamed() throws Exception {
        Path tmp = dir.resolve("tmp");
        try (FrontEnd fe = FrontEnd.start(dir, tmp, Map.of(), "run", scenario().toString(), "--np", "3", "--dev", "niodev",
                "--out", dir.resolve("out").toString(), "--progress", "off")) {
            Path status = fe.awaitRanks(3);
            List<ProcessHandle> procs = fe.descendants();
            FrontEnd.signal(FrontEnd.rankPid(status, 2), "KILL");
            assertEquals(Main.EXIT_FAILED, fe.awaitExit());
            String err = fe.err();
            assertTrue(err.startsWith("bitswarm: rank 2's JVM ended without reporting"), err);
            FrontEnd.awaitGone(procs);
        }
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({"INT, multicore", "TERM, niodev", "KILL, multicore", "KILL, niodev"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSignalledFrontEndTakesEveryProcessWithItAndLeavesNothing(String signal, String dev) throws Exception {
        Path tmp = dir.resolve("tmp");
        Path out = dir.resolve("out");
        List<ProcessHandle> procs;
        long pid;
        try (FrontEnd fe = FrontEnd.start(dir, tmp, Map.of(), "run", scenario().toString(), "--np", "2", "--dev", dev,
                "--out", out.toString(), "--progress", "off")) {
            fe.awaitRanks(2);
            procs = fe.descendants();
            assertFalse(procs.isEmpty());
            pid = fe.pid();
            FrontEnd.signal(pid, signal);
            int code = fe.awaitExit();
            assertNotEquals(0, code);
            FrontEnd.awaitGone(procs); // every rank JVM, daemon and MPJRun: bounded by the test's timeout
            if (!signal.equals("KILL")) {
                assertEquals(Set.of("endless.yaml", "tmp"), FrontEnd.names(dir), "no staging folder or lock left");
                assertTrue(fe.statusDir().isEmpty(), "status folder removed");
            }
        }
        // kill -9 runs no cleanup at all: the next run into the same folder removes what the dead one left.
        Files.writeString(dir.resolve("short.yaml"), "model: phold\nend_time: 200ms\n");
        try (FrontEnd next = FrontEnd.start(dir, tmp, Map.of(), "run", dir.resolve("short.yaml").toString(), "--np", "2",
                "--dev", "multicore", "--out", out.toString(), "--progress", "off")) {
            assertEquals(0, next.awaitExit(), next.err());
        }
        assertEquals(Set.of("endless.yaml", "short.yaml", "tmp", "out"), FrontEnd.names(dir));
        for (String name : FrontEnd.names(tmp)) {
            assertFalse(name.startsWith("bitswarm-status-" + pid + "-"), "status folder of the killed run left: " + name);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSignalledSweepLeavesNoStagingFolderAndPublishesNoRun() throws Exception {
        Path tmp = dir.resolve("tmp");
        Path sc = Files.writeString(dir.resolve("endless-sweep.yaml"),
                ENDLESS + "sweep:\n  axes:\n    phold.remote_fraction: [0.0, 0.5]\n");
        Path out = dir.resolve("swept");
        try (FrontEnd fe = FrontEnd.start(dir, tmp, Map.of(), "sweep", sc.toString(), "--np", "1", "--dev", "multicore",
                "--out", out.toString())) {
            fe.awaitRanks(1);
            List<ProcessHandle> procs = fe.descendants();
            FrontEnd.signal(fe.pid(), "TERM");
            assertNotEquals(0, fe.awaitExit(), fe.err());
            FrontEnd.awaitGone(procs);
            assertTrue(fe.statusDir().isEmpty(), "status folder removed");
        }
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String n = p.getFileName().toString();
                assertFalse(n.contains(".partial-"), "staging folder left: " + p);
                assertFalse(n.equals("manifest.json"), "a run was published: " + p);
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void niodevOnOneHostListensOnNothingOutsideItsOwnNetworkNamespace() throws Exception {
        Path tmp = dir.resolve("tmp");
        try (FrontEnd fe = FrontEnd.start(dir, tmp, Map.of(), "run", scenario().toString(), "--np", "3", "--dev", "niodev",
                "--out", dir.resolve("out").toString(), "--progress", "off")) {
            fe.awaitRanks(3);
            List<ProcessHandle> procs = fe.descendants();
            assertTrue(procs.size() >= 5, "daemon, MPJRun and 3 ranks: " + procs);
            String ours = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            List<String> hostListeners = run("ss", "-Hltnp");
            int inside = 0;
            for (ProcessHandle p : procs) {
                String ns = Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/ns/net")).toString();
                assertNotEquals(ours, ns, "pid " + p.pid() + " is in this host's network namespace");
                for (String line : hostListeners) {
                    assertFalse(line.contains("pid=" + p.pid() + ","), "listens on the host's network: " + line);
                }
                List<String> links = run("nsenter", "--net=/proc/" + p.pid() + "/ns/net", "ip", "-o", "link");
                assertEquals(1, links.size(), "only lo: " + links);
                assertTrue(links.get(0).contains(": lo:"), links.toString());
                for (String line : run("nsenter", "--net=/proc/" + p.pid() + "/ns/net", "ss", "-Hltnp")) {
                    inside += line.contains("pid=" + p.pid() + ",") ? 1 : 0;
                }
            }
            assertTrue(inside >= 2, "the daemon's own ports are seen inside the namespace, so the check reads sockets");
            FrontEnd.signal(fe.pid(), "TERM");
            fe.awaitExit();
            FrontEnd.awaitGone(procs);
        }
    }

    private static List<String> run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().filter(l -> !l.isBlank()).toList();
        FrontEnd.mustWait(p, 30);
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        return lines;
    }
}
