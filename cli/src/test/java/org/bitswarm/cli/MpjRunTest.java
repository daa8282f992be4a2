package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `bitswarm run` over real MPJ Express ranks: the same results for any np and device, and failures reported. */
class MpjRunTest {
    private static final String PHOLD = """
            model: phold
            seed: 11
            end_time: 300ms
            phold:
              entities: 64
              jobs_per_entity: 3
              remote_fraction: 0.3
              lookahead: 1ms
              mean_delay: 2ms
            """;

    @TempDir
    Path dir;

    private Path scenario(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private JsonNode run(Path file, String out, String... extra) throws Exception {
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = file.toString();
        args[2] = "--out";
        args[3] = dir.resolve(out).toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        Cli.Outcome o = Cli.run(args);
        assertEquals(0, o.code(), o.err() + o.out());
        return new ObjectMapper().readTree(dir.resolve(out).resolve("manifest.json").toFile());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void sameDigestAndSummaryForAnyNpAndDevice() throws Exception {
        Path f = scenario(PHOLD);
        JsonNode base = run(f, "np1", "--np", "1", "--dev", "multicore");
        assertTrue(base.get("events").asLong() > 5000);
        byte[] summary = Files.readAllBytes(dir.resolve("np1/summary.csv"));
        String[][] variants = {{"--np", "2"}, {"--np", "3"}, {"--np", "4"}, {"--np", "2", "--dev", "niodev"},
            {"--np", "3", "--dev", "local"}};
        for (String[] v : variants) {
            String name = String.join("", v).replace("-", "");
            JsonNode m = run(f, name, v);
            assertEquals(base.get("event_digest").asText(), m.get("event_digest").asText(), name);
            assertEquals(base.get("events").asLong(), m.get("events").asLong(), name);
            assertEquals(base.get("windows").asLong(), m.get("windows").asLong(), name);
            assertEquals(new String(summary), Files.readString(dir.resolve(name).resolve("summary.csv")), name);
            if (m.get("np").asInt() > 1) {
                assertTrue(m.get("cross_rank_bytes").asLong() > 0, name + ": messages crossed ranks");
            }
            if (!m.get("device").asText().equals("local")) {
                // The rank JVM ran with the collector options, and the manifest says what it ran with.
                java.util.List<String> opts = new java.util.ArrayList<>();
                m.get("jvm_options").forEach(o -> opts.add(o.asText()));
                java.util.List<String> want = org.bitswarm.cli.launch.CollectorOptions.forThisJava();
                assertEquals(want, opts.subList(0, Math.min(want.size(), opts.size())), name + ": " + opts);
                assertTrue(m.get("jvm_collector").asText().startsWith("G1"), name);
                assertTrue(m.get("process_cpu_seconds").asDouble() > 0, name);
            }
        }
        JsonNode other = run(f, "seed12", "--np", "2", "--seed", "12");
        assertNotEquals(base.get("event_digest").asText(), other.get("event_digest").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multicore", "niodev"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFailingRankFailsTheRunWithItsCause(String device) throws Exception {
        // Entity 50 of 64 lives on rank 1 of 2 (block partition).
        Path f = scenario(PHOLD + "  fail_on_entity: 50\n");
        Path out = dir.resolve("failed");
        Cli.Outcome o = Cli.run("run", f.toString(), "--np", "2", "--dev", device, "--out", out.toString());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("rank 1 failed"), o.err());
        assertTrue(o.err().contains("PHOLD entity 50 fails on purpose"), o.err());
        assertFalse(Files.exists(out), "a failed run writes no results");
    }
}
