package org.bitswarm.cli.launch;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small shared pieces of the child command lines. */
final class JavaCommand {

    private JavaCommand() {}

    /** The java of the JVM running the launcher, so that every MPJ process runs on the same JDK. */
    static Path java() {
        return javaHomeBin().resolve("java");
    }

    static Path javaHomeBin() {
        return Path.of(System.getProperty("java.home"), "bin");
    }

    /**
     * Options every JVM that runs ranks gets: the collector's ({@link CollectorOptions}) first, so that the
     * caller's own come after them and win, then the caller's, then the launcher's.
     */
    static List<String> rankJvmOptions(LaunchSpec spec) {
        List<String> out = new ArrayList<>(CollectorOptions.forThisJava());
        out.addAll(spec.jvmOptions());
        // Under multicore the heap is shared: an OOM in one rank thread leaves the others failing at random
        // (MPJ's own threads included) and the JVM may hang. Dying at once is the only safe answer; the JVM
        // prints "Terminating due to java.lang.OutOfMemoryError: ..." and exits 3, which the launcher reports.
        out.add("-XX:+ExitOnOutOfMemoryError");
        out.add("-Djava.awt.headless=true");
        out.add("-D" + RankGuard.STATUS_DIR_PROPERTY + "=" + spec.statusDir().toAbsolutePath());
        out.add("-D" + RankGuard.HEARTBEAT_PROPERTY + "=" + heartbeatMillis(spec));
        out.add("-D" + RankGuard.DIE_WITH_PARENT_PROPERTY + "=true");
        out.add("-D" + RankGuard.FRONT_END_SILENCE_PROPERTY + "=" + Math.max(10_000, spec.watchdog().toMillis()));
        return out;
    }

    /** A beat a second, or more often when the watchdog is short (tests), so that several fit in it. */
    static long heartbeatMillis(LaunchSpec spec) {
        return Math.max(50, Math.min(1000, spec.watchdog().toMillis() / 5));
    }

    /**
     * The command with a parent-death signal: {@code setpriv --pdeathsig KILL} makes the kernel kill the
     * process when the front end dies, even by {@code kill -9}, where no shutdown hook runs. Without setpriv
     * the command is unchanged (the ranks' own parent watch still ends them).
     */
    static List<String> dieWithFrontEnd(List<String> cmd) {
        if (!Files.isExecutable(SETPRIV)) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL"));
        out.addAll(cmd);
        return out;
    }

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    static String classPath(List<Path> entries) {
        return entries.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    /** MPJ finds its jars through MPJ_HOME, and the niodev daemon starts rank JVMs with the "java" on PATH. */
    static void setMpjEnvironment(ProcessBuilder pb, MpjHome home) {
        Map<String, String> env = pb.environment();
        env.put("MPJ_HOME", home.path().toString());
        String path = env.getOrDefault("PATH", "");
        env.put("PATH", javaHomeBin() + (path.isEmpty() ? "" : File.pathSeparator + path));
    }
}
