package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run folder keeps the exact scenario it ran, and {@code bitswarm rerun DIR} reproduces it: same
 * digest and CSV bytes (exit 0) for a run and for one run of a sweep; a recorded digest that does not match is
 * exit 1; a folder without a manifest is exit 2.
 */
class RerunTest {
    static final String SCENARIO = """
            # a comment the copy must keep
            model: bittorrent
            seed: 4
            np: 2
            end_time: 30min
            bittorrent:
              torrents:
                - {name: f, file_size: 1MiB, piece_size: 128KiB}
              groups:
                - {name: seed, count: 1, torrents: [{torrent: f, role: seed}], upload: {kind: fixed, rate: 4Mbit/s}}
                - {name: crowd, count: 6, torrents: [{torrent: f, role: peer}], upload: {kind: fixed, rate: 1Mbit/s}}
              timeseries_interval: 5s
            """;

    @TempDir
    Path tmp;

    @Test
    void rerunOfARunMatchesAndATamperedDigestDoesNot() throws Exception {
        Path file = tmp.resolve("r.yaml");
        Files.writeString(file, SCENARIO);
        Path first = tmp.resolve("first");
        Cli.Outcome o = Cli.run("run", file.toString(), "--dev", "local", "--seed", "9", "--replication", "1",
                "--out", first.toString(), "--progress", "off");
        assertEquals(0, o.code(), o.err());
        String summary = o.out().lines().filter(l -> l.startsWith("BitTorrent:")).findFirst().orElse("");
        assertTrue(summary.matches(".*last [0-9.]+ s \\([0-9]\\.[0-9]{2} x the Kumar-Ross bound, [0-9.]+ s\\).*"), summary);
        assertTrue(!summary.matches(".*[0-9]\\.[0-9]{5}.*"), "times rounded for a person: " + summary);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(first.resolve("scenario.yaml")), "scenario.yaml kept as is");
        Files.delete(file); // the copy is enough
        Path again = tmp.resolve("again");
        Cli.Outcome r = Cli.run("rerun", first.toString(), "--out", again.toString(), "--progress", "off");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("event digest matches"), r.out());
        assertTrue(r.out().contains("--seed 9 --replication 1 --np 2 --dev local"), r.out());
        for (String f : List.of("summary.csv", "peers.csv", "timeseries.csv", "scenario.yaml")) {
            assertArrayEquals(Files.readAllBytes(first.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
        Path manifest = first.resolve("manifest.json");
        String text = Files.readString(manifest);
        String digest = text.replaceAll("(?s).*\"event_digest\" : \"([0-9a-f]+)\".*", "$1");
        Files.writeString(manifest, text.replace(digest, "0".repeat(digest.length())));
        Cli.Outcome bad = Cli.run("rerun", first.toString(), "--out", tmp.resolve("third").toString(), "--progress", "off");
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(bad.out().contains("event digest DIFFERS"), bad.out());
        assertEquals(2, Cli.run("rerun", tmp.toString()).code(), "a folder without manifest.json");
    }

    @Test
    void rerunOfOneRunOfASweep() throws Exception {
        Path file = tmp.resolve("sw.yaml");
        Files.writeString(file, SCENARIO + """
                replications: 2
                sweep:
                  axes:
                    bittorrent.torrents[0].piece_size: [128KiB, 256KiB]
                """);
        Path sweep = tmp.resolve("sweep");
        Cli.Outcome o = Cli.run("sweep", file.toString(), "--dev", "local", "--np", "1", "--no-plots", "--out", sweep.toString());
        assertEquals(0, o.code(), o.err());
        Path run = sweep.resolve("runs/p001-r1");
        assertArrayEquals(Files.readAllBytes(sweep.resolve("points/p001.yaml")), Files.readAllBytes(run.resolve("scenario.yaml")));
        Path again = tmp.resolve("again");
        Cli.Outcome r = Cli.run("rerun", run.toString(), "--out", again.toString(), "--progress", "off");
        assertEquals(0, r.code(), r.out() + r.err());
        for (String f : List.of("summary.csv", "peers.csv", "timeseries.csv")) {
            assertArrayEquals(Files.readAllBytes(run.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
    }
}
