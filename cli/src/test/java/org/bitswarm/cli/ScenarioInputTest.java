package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is one line naming the file, the line and the key; exit code 2; nothing written. */
class ScenarioInputTest {
    @TempDir
    Path dir;

    private static final String BT = "model: bittorrent\nbittorrent:\n  torrents:\n";

    static Stream<Arguments> badScenarios() {
        String ok = "model: phold\nend_time: 1s\n";
        return Stream.of(
                Arguments.of("unknown key", ok + "phold:\n  entitys: 5\n",
                        "bad.yaml:4: phold.entitys: unknown key (known: entities, jobs_per_entity, remote_fraction, "
                                + "lookahead, mean_delay, fail_on_entity)"),
                Arguments.of("wrong type", "model: phold\nseed: abc\n", "bad.yaml:2: seed: expected an integer, got \"abc\""),
                Arguments.of("out of range", ok + "phold:\n  remote_fraction: 1.5\n",
                        "bad.yaml:4: phold.remote_fraction: must be in [0, 1], got 1.5"),
                Arguments.of("bad unit", "model: phold\nend_time: 10 parsecs\n",
                        "bad.yaml:2: end_time: unknown unit \"parsecs\" for a duration (e.g. 250ms, 30s, 30min) (known: "
                                + "d, h, min, ms, ns, s, us)"),
                Arguments.of("duplicate key", "model: phold\nseed: 1\nseed: 2\n", "bad.yaml:3: seed: duplicate key"),
                Arguments.of("syntax", "model: phold\nphold: [1, 2\n", "bad.yaml:3: YAML syntax: expected ',' or ']', but got <stream end>"),
                Arguments.of("no model", "seed: 3\n", "bad.yaml:1: model: missing required key (phold or bittorrent)"),
                Arguments.of("unknown model", "model: gnutella\n",
                        "bad.yaml:1: model: expected one of phold, bittorrent, got \"gnutella\""),
                Arguments.of("not a mapping", "- model\n", "bad.yaml:1: a scenario is a mapping of keys to values"),
                Arguments.of("missing value", "model: phold\nnp:\n", "bad.yaml:2: np: missing value"),
                Arguments.of("np out of range", "model: phold\nnp: 0\n", "bad.yaml:2: np: must be in [1, 1024], got 0"),
                Arguments.of("list for a scalar", "model: phold\nseed: [1]\n",
                        "bad.yaml:2: seed: expected a single value, got a list"),
                Arguments.of("empty", "", "bad.yaml: empty scenario file"),
                Arguments.of("piece size not a power of two", BT + "    - {name: a, file_size: 1MiB, piece_size: 100KiB}\n"
                        + "  groups:\n    - {name: s, count: 1, torrents: [{torrent: a, role: seed}]}\n",
                        "bad.yaml:4: bittorrent.torrents[0].piece_size: must be a power of two of at least 16 KiB, got 102400"),
                Arguments.of("unknown torrent", BT + "    - {name: a, file_size: 1MiB}\n  groups:\n"
                        + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}]}\n"
                        + "    - name: p\n      count: 3\n      torrents:\n        - {torrent: b, role: peer}\n",
                        "bad.yaml:10: bittorrent.groups[1].torrents[0].torrent: unknown torrent b"),
                Arguments.of("torrent without a source", BT + "    - {name: a, file_size: 1MiB}\n  groups:\n"
                        + "    - {name: p, count: 3, torrents: [{torrent: a, role: peer}]}\n",
                        "bad.yaml:4: bittorrent.torrents[0]: no seed and no peer with initial content: nobody can ever finish a"),
                Arguments.of("bad rate unit", BT + "    - {name: a, file_size: 1MiB}\n  groups:\n"
                        + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}], upload: {rate: 4Mb/s}}\n",
                        "bad.yaml:6: bittorrent.groups[0].upload.rate: ambiguous rate unit \"Mb/s\": write bit/s or B/s"),
                Arguments.of("unknown strategy kind", BT + "    - {name: a, file_size: 1MiB}\n  groups:\n"
                        + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}]}\n  protocol:\n"
                        + "    choker: {kind: tit_for_two_tats, slots: 4}\n",
                        "bad.yaml:8: bittorrent.protocol.choker.kind: unknown kind \"tit_for_two_tats\" (known: "
                                + "tit_for_tat, random, prop_share, bit_tyrant, super_seed, libtorrent)"),
                Arguments.of("strategy key of another kind", BT + "    - {name: a, file_size: 1MiB}\n  groups:\n"
                        + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}]}\n  protocol:\n"
                        + "    choker:\n      kind: random\n      anti_snubbing: false\n",
                        "bad.yaml:10: bittorrent.protocol.choker.anti_snubbing: unknown key (known: slots, rechoke_interval, "
                                + "optimistic_interval, new_connection_weight, rechoke_on_leave, rechoke_on_connect)"),
                Arguments.of("strategy value out of range", BT + "    - {name: a, file_size: 1MiB}\n  groups:\n"
                        + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}]}\n  protocol:\n"
                        + "    choker:\n      slots: -1\n",
                        "bad.yaml:9: bittorrent.protocol.choker.slots: must be >= 1, or 0 for mainline 4.x's count from the upload rate"),
                Arguments.of("strategy without its required key", BT + "    - {name: a, file_size: 1MiB}\n  groups:\n"
                        + "    - {name: s, count: 1, torrents: [{torrent: a, role: seed}]}\n  network:\n"
                        + "    latency: matrix\n",
                        "bad.yaml:8: bittorrent.network.latency: kind matrix has required keys: write {kind: matrix, ...}"),
                Arguments.of("phold section in a bittorrent scenario", "model: bittorrent\nphold:\n  entities: 5\n",
                        "bad.yaml:2: phold: section given but model is bittorrent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenarios")
    void badScenarioIsOneLineExitTwoNothingWritten(String name, String yaml, String expected) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        Path out = dir.resolve("out");
        Cli.Outcome o = Cli.run("run", file.toString(), "--dev", "local", "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertEquals("bitswarm: " + expected.replace("bad.yaml", file.toString()) + "\n", o.err());
        assertFalse(Files.exists(out), "nothing written");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "no staging folder left behind");
        }
    }

    @Test
    void missingFile() throws Exception {
        Cli.Outcome o = Cli.run("run", dir.resolve("nope.yaml").toString(), "--dev", "local");
        assertEquals(2, o.code());
        assertEquals("bitswarm: " + dir.resolve("nope.yaml") + ": no such file\n", o.err());
    }

    @Test
    void badCommandLineValues() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "model: phold\n");
        assertEquals("bitswarm: --np: must be in [1, 1024], got 0\n", Cli.run("run", file.toString(), "--np", "0").err());
        assertEquals("bitswarm: --dev: expected multicore, niodev or local, got \"gpu\"\n",
                Cli.run("run", file.toString(), "--dev", "gpu").err());
        Cli.Outcome o = Cli.run("run", file.toString(), "--np", "two");
        assertEquals(2, o.code());
        assertEquals("bitswarm: Invalid value for option '--np': 'two' is not an int (see bitswarm help run)\n", o.err());
        assertEquals(2, Cli.run("run", file.toString(), "--machines", "m.txt").code());
    }
}
