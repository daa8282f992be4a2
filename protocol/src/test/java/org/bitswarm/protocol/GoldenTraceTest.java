package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.SwarmConfig;
import org.junit.jupiter.api.Test;

/**
 * A tracker, one seed and six peers share a 128 KiB file (4 pieces of 2 blocks); the whole message log with
 * simulated timestamps must match the stored trace exactly, on 1 and 3 ranks. To regenerate after an intended
 * change: {@code mvn -pl protocol test -Dtest=GoldenTraceTest -Dgolden.update=true}, then review the diff.
 */
class GoldenTraceTest {
    private static final String FILE = "golden/seven-peers.trace";
    private static final long SEED = 7;

    static SwarmConfig config() {
        return Scenarios.swarm(128 << 10, 32 << 10, Enums.PayloadMode.BYTES,
                List.of(Scenarios.group("seed", 1, Enums.Role.SEED, 2_000_000, 10_000_000),
                        Scenarios.group("peers", 6, Enums.Role.PEER, 1_000_000, 4_000_000)),
                Scenarios.protocol(), List.of());
    }

    @Test
    void sevenPeersMatchTheStoredTrace() throws IOException {
        SwarmConfig cfg = config();
        RunResult r = Scenarios.run(cfg, SEED, 1, 600 * Scenarios.S, true);
        SwarmInvariants.check(cfg, r);
        List<String> lines = r.trace();
        Path source = source();
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(source.getParent());
            Files.write(source, lines, StandardCharsets.UTF_8);
            System.out.println("golden trace written: " + source.toAbsolutePath() + " (" + lines.size() + " lines)");
        }
        // The source file, not the copy on the classpath: that copy is whatever the last resources phase saw.
        assertTrue(Files.isRegularFile(source), "missing " + source + " (run with -Dgolden.update=true once)");
        List<String> expected = Files.readAllLines(source, StandardCharsets.UTF_8);
        assertEquals(expected.size(), lines.size(), "trace length");
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(expected.get(i), lines.get(i), "trace line " + (i + 1));
        }
        RunResult three = Scenarios.run(cfg, SEED, 3, 600 * Scenarios.S, true);
        assertEquals(lines, three.trace(), "the trace does not depend on the rank count");
    }

    /** The checked-in trace, under this module's src/test/resources (surefire runs in the module's folder). */
    private static Path source() {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources").resolve(FILE);
    }
}
