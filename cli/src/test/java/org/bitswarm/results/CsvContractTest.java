package org.bitswarm.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bitswarm.cli.Cli;
import org.bitswarm.sweep.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data contract of every CSV file (results/README.md): RFC 4180 read by a strict parser, one field count,
 * one type per column, names with commas, quotes and non-ASCII characters kept intact, summary.csv numbers
 * only, sweep axis columns in SI units. The example scenarios' files are checked by ExampleScenariosTest
 * through {@link StrictCsv#checkTree}; this test covers odd names, PHOLD and two sweeps.
 */
class CsvContractTest {
    static final String GROUP_COMMA = "crowd, slow";
    static final String GROUP_QUOTE = "the \"fast\" ones";
    static final String GROUP_UNICODE = "Zürich-ñ 東京";
    static final String TORRENT = "demo, v2 \"final\"";

    @TempDir
    Path tmp;

    @Test
    void strictParserRejectsWhatRfc4180Forbids() {
        assertEquals(List.of(List.of("a", "b,c", "d\"e", "")), StrictCsv.parse("a,\"b,c\",\"d\"\"e\",\n"));
        assertThrows(IllegalArgumentException.class, () -> StrictCsv.parse("a,b\"c\n"));
        assertThrows(IllegalArgumentException.class, () -> StrictCsv.parse("a,\"b\"c\n"));
        assertThrows(IllegalArgumentException.class, () -> StrictCsv.parse("a,\"b\n"));
        assertThrows(IllegalArgumentException.class, () -> StrictCsv.parse("a,b"));
        assertThrows(IllegalArgumentException.class, () -> StrictCsv.parse("a\rb\n"));
    }

    @Test
    void writerQuotesOnlyWhatNeedsIt() {
        assertEquals("1,2.5,crowd,\"crowd, slow\",\"the \"\"fast\"\" ones\",Zürich\n",
                Csv.row(List.of("1", "2.5", "crowd", GROUP_COMMA, GROUP_QUOTE, "Zürich")));
        assertEquals(List.of(List.of("x", GROUP_COMMA, GROUP_QUOTE, "a\nb")),
                StrictCsv.parse(Csv.row(List.of("x", GROUP_COMMA, GROUP_QUOTE, "a\nb"))));
    }

    @Test
    void oddGroupAndTorrentNamesSurviveEveryFile() throws Exception {
        Path file = tmp.resolve("odd.yaml");
        Files.writeString(file, """
                model: bittorrent
                seed: 3
                end_time: 30min
                bittorrent:
                  torrents:
                    - {name: 'demo, v2 "final"', file_size: 1MiB, piece_size: 128KiB}
                  groups:
                    - name: seed
                      count: 1
                      torrents: [{torrent: 'demo, v2 "final"', role: seed}]
                      upload: {kind: fixed, rate: 4Mbit/s}
                    - name: 'crowd, slow'
                      count: 4
                      torrents: [{torrent: 'demo, v2 "final"', role: peer}]
                      upload: {kind: fixed, rate: 1Mbit/s}
                    - name: 'the "fast" ones'
                      count: 3
                      torrents: [{torrent: 'demo, v2 "final"', role: peer}]
                      upload: {kind: fixed, rate: 2Mbit/s}
                    - name: 'Zürich-ñ 東京'
                      count: 2
                      torrents: [{torrent: 'demo, v2 "final"', role: peer}]
                  timeseries_interval: 5s
                """, StandardCharsets.UTF_8);
        byte[] first = null;
        for (String np : List.of("1", "2")) {
            Path out = tmp.resolve("np" + np);
            Cli.Outcome o = Cli.run("run", file.toString(), "--dev", "local", "--np", np, "--out", out.toString(), "--progress", "off");
            assertEquals(0, o.code(), o.err());
            assertEquals(3, StrictCsv.checkTree(out), "summary.csv, peers.csv, timeseries.csv");
            List<List<String>> peers = StrictCsv.checkFile(out.resolve("peers.csv"));
            int g = peers.get(0).indexOf("group");
            int t = peers.get(0).indexOf("torrent");
            Set<String> groups = new TreeSet<>();
            for (List<String> r : peers.subList(1, peers.size())) {
                groups.add(r.get(g));
                assertEquals(TORRENT, r.get(t));
            }
            assertEquals(new TreeSet<>(Set.of("seed", GROUP_COMMA, GROUP_QUOTE, GROUP_UNICODE)), groups);
            summaryIsNumeric(out);
            byte[] bytes = Files.readAllBytes(out.resolve("peers.csv"));
            if (first == null) {
                first = bytes;
            } else {
                assertArrayEquals(first, bytes, "peers.csv for --np 1 and 2");
            }
        }
    }

    @Test
    void pholdRunAndSweepFiles() throws Exception {
        Path file = tmp.resolve("ph.yaml");
        Files.writeString(file, """
                model: phold
                seed: 5
                replications: 2
                end_time: 200ms
                phold: {entities: 50, jobs_per_entity: 2, remote_fraction: 0.1, lookahead: 1ms, mean_delay: 1ms}
                sweep:
                  axes:
                    phold.remote_fraction: [0.0, 0.5]
                    phold.lookahead: [500us, 1ms]
                """);
        Path out = tmp.resolve("sw");
        Cli.Outcome o = Cli.run("sweep", file.toString(), "--dev", "local", "--np", "2", "--no-plots", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(2 + 8, StrictCsv.checkTree(out), "runs.csv, points.csv and 8 summary.csv");
        List<List<String>> points = StrictCsv.checkFile(out.resolve("points.csv"));
        List<String> head = points.get(0);
        assertEquals(List.of("point", "phold.remote_fraction", "phold.lookahead", "phold.lookahead_s", "n"), head.subList(0, 5));
        assertEquals(List.of("0.0", "500us", "0.0005"), points.get(1).subList(1, 4));
        assertEquals(List.of("0.5", "1ms", "0.001"), points.get(4).subList(1, 4));
        List<List<String>> runs = StrictCsv.checkFile(out.resolve("runs.csv"));
        assertTrue(runs.get(0).contains("event_digest"), "runs.csv names each run's digest: " + runs.get(0));
        for (Path run : Files.list(out.resolve("runs")).toList()) {
            summaryIsNumeric(run);
        }
    }

    @Test
    void bitTorrentSweepAxisInBytes() throws Exception {
        Path file = tmp.resolve("bt.yaml");
        Files.writeString(file, """
                model: bittorrent
                seed: 2
                end_time: 30min
                bittorrent:
                  torrents:
                    - {name: f, file_size: 1MiB, piece_size: 128KiB}
                  groups:
                    - {name: seed, count: 1, torrents: [{torrent: f, role: seed}], upload: {kind: fixed, rate: 4Mbit/s}}
                    - {name: crowd, count: 5, torrents: [{torrent: f, role: peer}], upload: {kind: fixed, rate: 1Mbit/s}}
                  payload: digest
                sweep:
                  axes:
                    bittorrent.torrents[0].piece_size: [128KiB, 256KiB]
                """);
        Path out = tmp.resolve("bt");
        Cli.Outcome o = Cli.run("sweep", file.toString(), "--dev", "local", "--np", "1", "--no-plots", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(2 + 2 * 3, StrictCsv.checkTree(out));
        List<List<String>> points = StrictCsv.checkFile(out.resolve("points.csv"));
        assertEquals(List.of("point", "bittorrent.torrents[0].piece_size", "bittorrent.torrents[0].piece_size_bytes", "n"),
                points.get(0).subList(0, 4));
        assertEquals(List.of("p000", "128KiB", "131072"), points.get(1).subList(0, 3));
        assertEquals(List.of("p001", "256KiB", "262144"), points.get(2).subList(0, 3));
    }

    /** summary.csv: metric,value with every value a number or empty (never happened). */
    static void summaryIsNumeric(Path run) throws Exception {
        List<List<String>> s = StrictCsv.checkFile(run.resolve("summary.csv"));
        assertEquals(List.of("metric", "value"), s.get(0));
        for (List<String> r : s.subList(1, s.size())) {
            assertTrue(r.get(1).isEmpty() || StrictCsv.isNumber(r.get(1)), run + ": summary.csv " + r);
        }
    }
}
