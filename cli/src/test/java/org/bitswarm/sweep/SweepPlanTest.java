package org.bitswarm.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bitswarm.engine.phold.PholdConfig;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.scenario.Scenario;
import org.bitswarm.scenario.ScenarioError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expansion of sweep blocks: order, ids, ranges, zip, and errors at the exact line before anything runs. */
class SweepPlanTest {
    private static final String BASE = """
            model: phold
            seed: 3
            end_time: 1s
            phold:
              entities: 100
              remote_fraction: 0.1
            """;

    @TempDir
    Path dir;

    private SweepPlan plan(String sweep) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, BASE + sweep);
        return SweepPlan.of(Scenario.load(f));
    }

    private String error(String sweep) {
        return assertThrows(ScenarioError.class, () -> plan(sweep)).getMessage().replace(dir.toString() + "/", "");
    }

    private static List<String> ids(SweepPlan p) {
        return p.points().stream().map(SweepPlan.Point::id).toList();
    }

    @Test
    void cartesianVariesTheLastAxisFastest() throws Exception {
        SweepPlan p = plan("""
                sweep:
                  axes:
                    phold.remote_fraction: [0.0, 0.5]
                    phold.jobs_per_entity: [1, 2, 3]
                """);
        assertEquals(SweepPlan.Mode.CARTESIAN, p.mode());
        assertEquals(List.of("p000", "p001", "p002", "p003", "p004", "p005"), ids(p));
        assertEquals(Map.of("phold.remote_fraction", "0.5", "phold.jobs_per_entity", "2"), p.points().get(4).params());
        assertEquals(List.of("phold.remote_fraction", "phold.jobs_per_entity"), List.copyOf(p.points().get(4).params().keySet()));
        assertEquals(0.5, p.points().get(4).scenario().settings().section(PholdConfig.class).remoteFraction());
        assertEquals(2, p.points().get(4).scenario().settings().section(PholdConfig.class).jobsPerEntity());
        // untouched keys keep the scenario's values
        assertEquals(100, p.points().get(4).scenario().settings().section(PholdConfig.class).entities());
        assertEquals(3, p.points().get(4).scenario().settings().seed());
    }

    @Test
    void zipTakesAxesSideBySide() throws Exception {
        SweepPlan p = plan("""
                sweep:
                  mode: zip
                  axes:
                    phold.entities: [10, 20, 30]
                    seed: [5, 6, 7]
                """);
        assertEquals(3, p.points().size());
        assertEquals(30, p.points().get(2).scenario().settings().section(PholdConfig.class).entities());
        assertEquals(7, p.points().get(2).scenario().settings().seed());
        assertEquals("p002", p.points().get(2).id());
    }

    @Test
    void zipOfUnequalAxesIsAnErrorAtTheAxis() {
        assertEquals("s.yaml:11: seed: zip needs axes of equal length: phold.entities has 3 values, seed has 2", error("""
                sweep:
                  mode: zip
                  axes:
                    phold.entities: [10, 20, 30]
                    seed: [5, 6]
                """));
    }

    @Test
    void rangesAreExactAndKeepUnits() throws Exception {
        SweepPlan p = plan("""
                sweep:
                  axes:
                    phold.remote_fraction: {from: 0.1, to: 0.5, step: 0.2}
                    phold.mean_delay: {from: 1ms, to: 3ms, count: 3}
                """);
        assertEquals(9, p.points().size());
        List<String> fractions = p.points().stream().map(x -> x.params().get("phold.remote_fraction")).distinct().toList();
        assertEquals(List.of("0.1", "0.3", "0.5"), fractions);
        List<String> delays = p.points().stream().map(x -> x.params().get("phold.mean_delay")).distinct().toList();
        assertEquals(List.of("1ms", "2ms", "3ms"), delays);
        assertEquals(2_000_000L, p.points().get(1).scenario().settings().section(PholdConfig.class).meanDelay());
        assertEquals(List.of("0", "0.25", "0.5", "0.75", "1"), Ranges.byCount("0", "1", "5"));
        assertEquals(List.of("1", "0.5", "0"), Ranges.byStep("1", "0", "-0.5"));
        assertEquals(List.of("256KiB", "512KiB", "768KiB", "1024KiB"), Ranges.byStep("256KiB", "1024KiB", "256KiB"));
    }

    @Test
    void aKeyNotWrittenInTheScenarioCanBeSwept() throws Exception {
        SweepPlan p = plan("""
                sweep:
                  axes:
                    phold.lookahead: [1ms, 2ms]
                """);
        assertEquals(2_000_000L, p.points().get(1).scenario().settings().section(PholdConfig.class).lookahead());
        assertEquals(true, p.points().get(1).yaml().contains("lookahead: 2ms"));
    }

    @Test
    void aBitTorrentPathIntoAListIsPatched() throws Exception {
        Path f = dir.resolve("bt.yaml");
        Files.writeString(f, Files.readString(Path.of("..", "scenarios", "quickstart.yaml")) + """
                sweep:
                  axes:
                    bittorrent.torrents[0].piece_size: [128KiB, 512KiB]
                """);
        SweepPlan p = SweepPlan.of(Scenario.load(f));
        assertEquals(2, p.points().size());
        assertEquals(512L * 1024, p.points().get(1).scenario().settings().section(SwarmConfig.class).torrents().get(0).pieceSize());
    }

    @Test
    void badPathsAreErrorsAtTheAxisLine() {
        assertEquals("s.yaml:10: phold.remote_fractoin: unknown key (known: entities, jobs_per_entity, remote_fraction, "
                + "lookahead, mean_delay, fail_on_entity)", error("""
                sweep:
                  axes:
                    phold.remote_fraction: [0.1]
                    phold.remote_fractoin: [0.2, 0.3]
                """));
        assertEquals("s.yaml:9: phold[0]: no such key: phold is not a list", error("""
                sweep:
                  axes:
                    phold[0]: [1]
                """));
        assertEquals("s.yaml:9: phold.entities.x: no such key: phold.entities is not a section", error("""
                sweep:
                  axes:
                    phold.entities.x: [1]
                """));
        assertEquals("s.yaml:9: phold..x: not a key path (write e.g. phold.remote_fraction or "
                + "bittorrent.torrents[0].piece_size)", error("""
                sweep:
                  axes:
                    phold..x: [1]
                """));
        assertEquals("s.yaml:9: replications: cannot be swept", error("""
                sweep:
                  axes:
                    replications: [1, 2]
                """));
        assertEquals("s.yaml:9: bittorrent.torrents: section of another model (model is phold)", error("""
                sweep:
                  axes:
                    bittorrent.torrents: [1]
                """));
    }

    @Test
    void rejectedValuesAreErrorsAtTheirLine() {
        assertEquals("s.yaml:11: phold.remote_fraction: must be in [0, 1], got 1.5", error("""
                sweep:
                  axes:
                    phold.remote_fraction:
                      - 0.5
                      - 1.5
                """));
        assertEquals("s.yaml:9: phold.entities: must be in [2, 100000000], got 0", error("""
                sweep:
                  axes:
                    phold.entities: {from: 0, to: 10, step: 5}
                """));
        assertEquals("s.yaml:9: phold.jobs_per_entity: expected an integer, got \"1.5\"", error("""
                sweep:
                  axes:
                    phold.jobs_per_entity: {from: 1, to: 2, count: 3}
                """));
        assertEquals("s.yaml:9: phold.mean_delay: from, to and step must use the same unit (got \"ms\", \"s\", \"ms\")", error("""
                sweep:
                  axes:
                    phold.mean_delay: {from: 1ms, to: 1s, step: 1ms}
                """));
        assertEquals("s.yaml:8: sweep.mode: expected cartesian or zip, got \"grid\"", error("""
                sweep:
                  mode: grid
                  axes:
                    seed: [1]
                """));
        assertEquals("s.yaml:9: sweep.axis: unknown key (known: mode, axes)", error("""
                sweep:
                  axes: {seed: [1]}
                  axis: {}
                """));
    }

    @Test
    void noSweepBlockIsOnePoint() throws Exception {
        SweepPlan p = plan("replications: 4\n");
        assertEquals(List.of("p000"), ids(p));
        assertEquals(4, p.runCount());
    }
}
