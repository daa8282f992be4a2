package org.bitswarm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bitswarm.cli.launch.TestMpj;

/**
 * The front end as a process of its own, as a user starts it, for tests that signal or kill it. Its temporary
 * folder is the test's own ({@code -Djava.io.tmpdir}), so its status folders are never confused with those of
 * other runs on the machine; its processes are found as its descendants, by pid.
 */
final class FrontEnd implements AutoCloseable {

    final Process process;
    final Path tmp;
    final Path stderr;

    private FrontEnd(Process process, Path tmp, Path stderr) {
        this.process = process;
        this.tmp = tmp;
        this.stderr = stderr;
    }

    static FrontEnd start(Path workDir, Path tmp, Map<String, String> env, String... args) throws Exception {
        Files.createDirectories(tmp);
        // env --default-signal=INT (GNU coreutils >= 8.31) execs java with SIGINT at its default: a suite started in
        // the background by a non-interactive shell inherits SIGINT ignored, the JVM then installs no handler for it,
        // and the SIGINT case would wait for its timeout instead of testing the front end's cleanup. Same pid (exec).
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.awt.headless=true", "-Djava.io.tmpdir=" + tmp,
                "-Dbitswarm.mpj.home=" + TestMpj.mpjHome(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve("stderr-" + System.nanoTime() + ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        pb.environment().putAll(env);
        return new FrontEnd(pb.start(), tmp, err);
    }

    long pid() {
        return process.pid();
    }

    /** This front end's status folder, once it exists. */
    Optional<Path> statusDir() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("bitswarm-status-" + pid() + "-")).findFirst();
        }
    }

    /** Waits until every one of {@code np} ranks has sent a heartbeat, i.e. all of them are up. */
    Path awaitRanks(int np) throws Exception {
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the front end ended early: " + err());
            }
            Optional<Path> dir = statusDir();
            if (dir.isPresent()) {
                int n = 0;
                for (int r = 0; r < np; r++) {
                    n += Files.exists(dir.get().resolve("rank-" + r + ".beat")) ? 1 : 0;
                }
                if (n == np) {
                    return dir.get();
                }
            }
            Thread.sleep(100);
        }
    }

    /** The pid in rank {@code r}'s heartbeat. */
    static long rankPid(Path statusDir, int r) throws IOException {
        String[] w = Files.readString(statusDir.resolve("rank-" + r + ".beat"), StandardCharsets.UTF_8).strip().split(" ");
        return Long.parseLong(w[4]);
    }

    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    static void signal(long pid, String sig) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new AssertionError("kill -" + sig + " " + pid + " failed");
        }
    }

    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    String err() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    }

    /** Waits until none of {@code procs} is alive (the caller's timeout bounds the wait). */
    static void awaitGone(List<ProcessHandle> procs) throws InterruptedException {
        for (ProcessHandle p : procs) {
            while (p.isAlive()) {
                Thread.sleep(50);
            }
        }
    }

    /** Names in {@code dir} (not recursive). */
    static Set<String> names(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }

    @Override
    public void close() {
        for (ProcessHandle p : process.descendants().toList()) {
            p.destroyForcibly();
        }
        process.destroyForcibly();
    }

    static void mustWait(Process p, long seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("process did not end");
        }
    }
}
