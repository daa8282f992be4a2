package org.bitswarm.cli.launch;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bitswarm.engine.mpj.MpjTransport;

/**
 * What the launcher tests need to start real MPJ ranks: an MPJ_HOME (assembled once, with build/mpj-home.sh,
 * into this module's target/mpj-home) and the application class path of the probe mains.
 */
public final class TestMpj {

    private TestMpj() {}

    /** This module's target/mpj-home, assembled by build/mpj-home.sh if it is not there yet. */
    public static synchronized Path mpjHome() throws IOException, InterruptedException {
        Path home = moduleDir().resolve("target/mpj-home");
        if (!Files.isRegularFile(home.resolve("lib/starter.jar"))) {
            assemble(home);
        }
        return home;
    }

    /**
     * The probes' class path: test classes, this module's classes (RankGuard) and the engine's (MpjTransport).
     * Passed to MPJ as the application class path, never put on a rank JVM's own class path; mpj.jar is not
     * in it because MPJ adds its own jars per rank.
     */
    static List<Path> appClassPath() {
        Set<Path> entries = new LinkedHashSet<>();
        entries.add(locationOf(TransportProbe.class));
        entries.add(locationOf(RankGuard.class));
        entries.add(locationOf(MpjTransport.class));
        return new ArrayList<>(entries);
    }

    private static void assemble(Path home) throws IOException, InterruptedException {
        Path script = repoRoot().resolve("build/mpj-home.sh");
        Process p = new ProcessBuilder("bash", script.toString(), home.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("build/mpj-home.sh failed (is MPJ Express installed? run"
                    + " build/ensure-mpj.sh): " + output);
        }
    }

    private static Path moduleDir() {
        // Surefire runs tests in the module's directory; an IDE may run them in the repository root.
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isDirectory(cwd.resolve("src/test/java/org/bitswarm/cli")) ? cwd : cwd.resolve("cli");
    }

    private static Path repoRoot() {
        for (Path dir = moduleDir(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("build/mpj-home.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no build/mpj-home.sh above " + moduleDir());
    }

    private static Path locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
