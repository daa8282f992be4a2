package org.bitswarm.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.bitswarm.sweep.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** Plots are drawn from the CSV files alone, headless, as PNG, SVG and PDF files that are really figures. */
class PlotsTest {
    @TempDir
    Path dir;

    /** A figure file is there and non-trivial: a PNG of the expected size, an SVG or PDF document of some size. */
    static void assertFigure(Path f) throws Exception {
        assertTrue(Files.isRegularFile(f), f + " missing");
        byte[] b = Files.readAllBytes(f);
        String name = f.getFileName().toString();
        if (name.endsWith(".png")) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertEquals(Plots.WIDTH, img.getWidth());
            assertEquals(Plots.HEIGHT, img.getHeight());
            assertTrue(b.length > 10_000, f + ": " + b.length + " bytes, an empty chart?");
        } else if (name.endsWith(".svg")) {
            String text = new String(b, java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("<svg") && text.contains("</svg>"), f + ": not an SVG document");
            assertTrue(b.length > 5_000, f + ": " + b.length + " bytes");
        } else if (name.endsWith(".pdf")) {
            assertEquals("%PDF", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII), f + ": not a PDF");
            assertTrue(b.length > 2_000, f + ": " + b.length + " bytes");
        } else {
            throw new AssertionError("unexpected figure " + f);
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void sweepPlotsOneFilePerNumericMetric() throws Exception {
        Files.writeString(dir.resolve("points.csv"), """
                point,bittorrent.torrents[0].piece_size,seed,n,completed_mean,completed_sd,completed_ci95,mean_completion_s_mean,mean_completion_s_sd,mean_completion_s_ci95
                p000,128KiB,1,3,30,0,0,31.5,0.4,1.0
                p001,128KiB,2,3,30,0,0,32.5,0.5,1.2
                p002,512KiB,1,3,29,1,2.48,46.6,2.1,5.2
                p003,512KiB,2,1,30,,,40,,
                """);
        List<Path> made = Plots.forSweep(dir);
        assertEquals(List.of("completed.png", "completed.svg", "completed.pdf", "mean_completion_s.png",
                "mean_completion_s.svg", "mean_completion_s.pdf"), names(made));
        for (Path f : made) {
            assertFigure(f);
        }
        try (var s = Files.list(dir.resolve("plots"))) {
            assertEquals(6, s.count()); // no temporary files left
        }
        XYChart chart = Plots.sweepCharts(dir).get("mean_completion_s");
        assertEquals("mean completion time (s)", chart.getYAxisTitle());
        assertEquals("piece size (KiB)", chart.getXAxisTitle());
    }

    @Test
    void runPlotsFromPeersAndTimeseries() throws Exception {
        Files.writeString(dir.resolve("peers.csv"), """
                peer,torrent,role,rank,joined_s,completed_s,uploaded_bytes,downloaded_bytes,hash_failures,banned_peers
                1,demo,seed,,0.000000000,,100,0,0,0
                2,demo,peer,1,0.000000000,24.5,10,100,0,0
                3,demo,peer,2,5.000000000,30.0,10,100,0,0
                4,demo,leecher,,5.000000000,,0,50,0,0
                """);
        Files.writeString(dir.resolve("timeseries.csv"), """
                time_s,leechers,seeds,upload_rate_bps,download_rate_bps,upload_utilisation,min_availability,mean_availability
                10.000000000,3,1,1000.0,1000.0,0.25,1,1.5
                20.000000000,3,1,2000.0,2000.0,0.5,1,2.0
                30.000000000,1,3,500.0,500.0,0.125,2,3.0
                """);
        Files.writeString(dir.resolve("summary.csv"), "metric,value\nkumar_ross_bound_s,20.5\n");
        List<Path> made = Plots.forRun(dir);
        assertEquals(List.of("completion_cdf.png", "completion_cdf.svg", "completion_cdf.pdf", "population.png",
                "population.svg", "population.pdf", "utilisation.png", "utilisation.svg", "utilisation.pdf"), names(made));
        for (Path f : made) {
            assertFigure(f);
        }
        XYChart cdf = Plots.completionCdf(Csv.read(dir.resolve("peers.csv")), 20.5);
        assertTrue(cdf.getTitle().contains("2 of 3 downloads finished"), cdf.getTitle());
        assertEquals(List.of("downloads (2 of 3)", "Kumar-Ross bound on the last completion (20.5 s)"), List.copyOf(cdf.getSeriesMap().keySet()));
    }

    @Test
    void aRunWithoutSwarmFilesGetsNoPlots() throws Exception {
        Files.writeString(dir.resolve("summary.csv"), "metric,value\nevents,5\n");
        assertEquals(List.of(), Plots.forRun(dir));
    }

    @Test
    void numericAxesMayCarryOneUnit() {
        assertEquals("KiB", Plots.commonUnit(List.of("128KiB", "512KiB")));
        assertEquals("", Plots.commonUnit(List.of("0", "0.5", "1e3")));
        assertNull(Plots.commonUnit(List.of("512KiB", "1MiB")));
        assertNull(Plots.commonUnit(List.of("rarest_first", "random")));
    }

    @Test
    void quantitiesInMixedUnitsShareOneAxisUnit() {
        Plots.Axis sizes = Plots.Axis.of(List.of("512KiB", "1MiB", "2MiB", "8MiB"));
        assertEquals("KiB", sizes.unit());
        assertArrayEquals(new double[] {512, 1024, 2048, 8192}, sizes.values());
        assertFalse(sizes.logarithmic(), "16x is less than two decades: linear");

        Plots.Axis times = Plots.Axis.of(List.of("250ms", "1s", "30", "2min"));
        assertEquals("ms", times.unit());
        assertArrayEquals(new double[] {250, 1000, 30_000, 120_000}, times.values());
        assertTrue(times.logarithmic(), "480x spans two decades: log axis");

        Plots.Axis rates = Plots.Axis.of(List.of("512kbit/s", "4Mbit/s", "1MiB/s"));
        assertEquals("kbit/s", rates.unit());
        assertArrayEquals(new double[] {512, 4000, 8 * 1024 * 1.024}, rates.values(), 1e-9);

        Plots.Axis plain = Plots.Axis.of(List.of("10", "20", "30", "40"));
        assertEquals("", plain.unit());
        assertFalse(plain.logarithmic(), "evenly spaced values stay on a linear axis");

        assertNull(Plots.Axis.of(List.of("1MiB", "1Mbit/s")), "a size and a rate share no axis");
        assertNull(Plots.Axis.of(List.of("rarest_first", "random")));
    }

    @Test
    void aMixedUnitSweepIsPlottedAgainstItsValuesNotThePointNumber() throws Exception {
        Files.writeString(dir.resolve("points.csv"), """
                point,piece_size,n,last_completion_s_mean,last_completion_s_sd,last_completion_s_ci95
                p000,64KiB,2,100,1,9
                p001,1MiB,2,120,1,9
                p002,8MiB,2,300,1,9
                """);
        Plots.forSweep(dir);
        BufferedImage img = ImageIO.read(dir.resolve("plots/last_completion_s.png").toFile());
        assertEquals(Plots.WIDTH, img.getWidth());
        XYChart chart = Plots.sweepCharts(dir).get("last_completion_s");
        assertEquals("piece size (KiB), log scale", chart.getXAxisTitle());
        assertEquals("mean ± 95% CI, n = 2 replications", chart.getSeriesMap().keySet().iterator().next());
        assertArrayEquals(new double[] {6, 10, 13}, chart.getSeriesMap().values().iterator().next().getXData(), 1e-12,
                "drawn at log2 of the value");
        var label = chart.getStyler().getxAxisTickLabelsFormattingFunction();
        assertEquals("1024", label.apply(10.0));
        assertEquals("", label.apply(10.5), "only whole powers of two are labelled");
        assertEquals("0.5", Plots.compact(0.5));
        assertEquals("123500", Plots.compact(123456));
    }

    @Test
    void aCountAxisStaysLinearAndAConstantMetricGetsNoPlot() throws Exception {
        Files.writeString(dir.resolve("points.csv"), """
                point,bittorrent.groups[1].count,n,peers_mean,peers_sd,peers_ci95,uploaded_bytes_mean,uploaded_bytes_sd,uploaded_bytes_ci95,hash_failures_mean,hash_failures_sd,hash_failures_ci95
                p000,10,3,11,0,0,41943040,0,0,0,0,0
                p001,25,3,26,0,0,104857600,0,0,0,0,0
                p002,40,3,41,0,0,167772160,0,0,0,0,0
                """);
        var charts = Plots.sweepCharts(dir);
        assertEquals(List.of("peers", "uploaded_bytes"), List.copyOf(charts.keySet()), "hash_failures is constant");
        XYChart up = charts.get("uploaded_bytes");
        assertEquals("count", up.getXAxisTitle(), "10, 25, 40: linear, no unit");
        assertEquals("payload uploaded (MiB)", up.getYAxisTitle());
        assertArrayEquals(new double[] {40, 100, 160}, up.getSeriesMap().values().iterator().next().getYData(), 1e-9);
        assertEquals(null, up.getStyler().getxAxisTickLabelsFormattingFunction());
    }

    @Test
    void timelineEventsAreMarked() throws Exception {
        Files.writeString(dir.resolve("scenario.yaml"), """
                model: bittorrent
                bittorrent:
                  torrents: [{name: f, file_size: 1MiB, piece_size: 256KiB}]
                  groups:
                    - {name: seed, count: 1, torrents: [{torrent: f, role: seed}]}
                    - {name: late, count: 2, torrents: [{torrent: f, role: peer}], arrival: {kind: flash, start: 5s}}
                  timeline:
                    - {kind: tracker_outage, at: 10s, duration: 10s}
                """);
        Files.writeString(dir.resolve("timeseries.csv"), """
                time_s,leechers,seeds,upload_rate_bps,download_rate_bps,upload_utilisation,min_availability,mean_availability
                10.000000000,3,1,1000.0,1000.0,0.25,1,1.5
                20.000000000,3,1,2000.0,2000.0,0.5,1,2.0
                30.000000000,1,3,500.0,500.0,0.125,2,3.0
                """);
        var marks = Plots.Mark.of(dir.resolve("scenario.yaml"));
        XYChart pop = Plots.population(Csv.read(dir.resolve("timeseries.csv")), marks);
        assertEquals(List.of("downloading (any role)", "seeding (complete file)", "late join (5 s)",
                "tracker down (10 s)", "tracker back (20 s)"), List.copyOf(pop.getSeriesMap().keySet()));
        assertEquals("(client, torrent) sessions present", pop.getYAxisTitle());
    }
    /** The scaling benchmark's plots are named scale_wall and scale_memory, once each format (not "scale_wall.png.png"). */
    @Test
    void scalePlotWritesEachFigureOnceUnderItsName() throws Exception {
        Path csv = dir.resolve("scale.csv");
        Files.writeString(csv, "clients,ranks,wall_s,live_heap_bytes_per_client\n"
                + "1000,1,10.0,50000\n10000,1,95.0,46000\n100000,1,980.0,45000\n10000,2,80.0,47000\n");
        ScalePlot.main(new String[] {csv.toString()});
        for (String base : List.of("scale_wall", "scale_memory")) {
            for (String ext : List.of("png", "svg", "pdf")) {
                assertFigure(dir.resolve(base + "." + ext));
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".png.")).toList());
        }
    }
}
