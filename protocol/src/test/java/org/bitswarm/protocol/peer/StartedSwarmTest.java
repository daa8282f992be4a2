package org.bitswarm.protocol.peer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RankEngine;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.BitTorrentModel;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.pick.RarestFirstPicker;
import org.bitswarm.protocol.pick.RarestFirstPicker.StartedRule;
import org.junit.jupiter.api.Test;

/**
 * The started-piece rules in a whole swarm (a flash crowd of 60 downloaders, 20 MiB in 256 KiB pieces, one
 * 10 Mbit/s seed): how many pieces a downloader holds partial at once, sampled after every window. BitTornado's
 * unless_rarer lets them pile up (seed 1: 22.1 per downloader on average at the peak); mainline's seeds_first
 * keeps them where always does (6.7 and 6.1), and the session marks the pieces it asked a seed for. (The most
 * any one downloader held, 21 / 39 / 21, is too noisy a figure to compare.)
 */
class StartedSwarmTest {
    /** Peak over windows of the mean partial pieces per downloader; the most one ever held; the most asked of a seed. */
    private record Sample(double peakMean, int maxStarted, int maxFromSeed) {}

    private static Sample run(StartedRule rule) {
        SwarmConfig cfg = StartedCensus.flashCrowd(60, 20L << 20, ProtocolSpec.defaults()
                .withPieceSelection(RarestFirstPicker.Config.defaults().withStartedPieces(rule)));
        RankEngine[] engine = new RankEngine[1];
        int[] max = new int[2];
        double[] peakMean = new double[1];
        RunConfig rc = RunConfig.of(1, 400 * Ticks.SECOND).withListener((t, e, w) -> {
            java.util.List<Session> down = StartedCensus.downloaders(engine[0]);
            long sum = 0;
            for (Session s : down) {
                sum += s.down.inProgress.size();
            }
            peakMean[0] = Math.max(peakMean[0], (double) sum / down.size());
            for (Session s : down) {
                max[0] = Math.max(max[0], s.down.inProgress.size());
                int fromSeed = 0;
                for (PieceProgress pp : s.down.inProgress.values()) {
                    fromSeed += pp.fromSeed ? 1 : 0;
                }
                max[1] = Math.max(max[1], fromSeed);
            }
        });
        LocalCluster.runEach(1, tr -> {
            engine[0] = new RankEngine(new BitTorrentModel(cfg, 1), tr, rc);
            return engine[0].run();
        });
        System.out.printf(java.util.Locale.ROOT, "%s: partial pieces per downloader %.1f on average at the peak, at most"
                + " %d; at most %d asked of the seed%n", rule, peakMean[0], max[0], max[1]);
        return new Sample(peakMean[0], max[0], max[1]);
    }

    @Test
    void seedsFirstBoundsPartialPiecesWhereUnlessRarerLetsThemPileUp() {
        Sample mainline = run(StartedRule.SEEDS_FIRST);
        Sample bitTornado = run(StartedRule.UNLESS_RARER);
        Sample always = run(StartedRule.ALWAYS);
        assertTrue(2 * mainline.peakMean() < bitTornado.peakMean(),
                "seeds_first " + mainline.peakMean() + " vs unless_rarer " + bitTornado.peakMean());
        assertTrue(mainline.peakMean() <= 1.5 * always.peakMean(),
                "seeds_first " + mainline.peakMean() + " vs always " + always.peakMean());
        assertTrue(mainline.maxFromSeed() > 0, "no piece was marked as asked of the seed");
    }
}
