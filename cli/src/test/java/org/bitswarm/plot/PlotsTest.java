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

/** Plots are drawn from the CSV files alone, headless, as PNGs of the expected size. */
class PlotsTest {
    @TempDir
    Path dir;

    private static void assertPng(Path f) throws Exception {
        assertTrue(Files.isRegularFile(f), f + " missing");
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(Plots.WIDTH, img.getWidth());
        assertEquals(Plots.HEIGHT, img.getHeight());
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
        assertEquals(List.of(dir.resolve("plots/completed.png"), dir.resolve("plots/mean_completion_s.png")), made);
        for (Path f : made) {
            assertPng(f);
        }
        try (var s = Files.list(dir.resolve("plots"))) {
            assertEquals(2, s.count()); // no temporary files left
        }
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
        List<Path> made = Plots.forRun(dir);
        assertEquals(List.of("completion_cdf.png", "population.png", "utilisation.png"),
                made.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : made) {
            assertPng(f);
        }
        XYChart cdf = Plots.completionCdf(Csv.read(dir.resolve("peers.csv")));
        assertTrue(cdf.getTitle().contains("2 of 3 downloads finished"), cdf.getTitle());
        assertEquals(2, cdf.getSeriesMap().size()); // completion time and download time differ (peer 3 joined late)
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
        assertTrue(sizes.logarithmic(), "doubling sizes are drawn on a log axis");

        Plots.Axis times = Plots.Axis.of(List.of("250ms", "1s", "30", "2min"));
        assertEquals("ms", times.unit());
        assertArrayEquals(new double[] {250, 1000, 30_000, 120_000}, times.values());

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
                p000,512KiB,2,100,1,9
                p001,1MiB,2,120,1,9
                p002,4MiB,2,300,1,9
                """);
        Plots.forSweep(dir);
        BufferedImage img = ImageIO.read(dir.resolve("plots/last_completion_s.png").toFile());
        assertEquals(Plots.WIDTH, img.getWidth());
        XYChart chart = Plots.sweepCharts(dir).get("last_completion_s");
        assertEquals("piece_size (KiB), log scale", chart.getXAxisTitle());
        assertArrayEquals(new double[] {9, 10, 12}, chart.getSeriesMap().values().iterator().next().getXData(), 1e-12,
                "drawn at log2 of the value");
        var label = chart.getStyler().getxAxisTickLabelsFormattingFunction();
        assertEquals("1024", label.apply(10.0));
        assertEquals("", label.apply(10.5), "only whole powers of two are labelled");
        assertEquals("0.5", Plots.compact(0.5));
        assertEquals("123500", Plots.compact(123456));
    }
}
