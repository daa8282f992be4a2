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
 * unless_rarer lets them pile up (seed 1: up to 38 per downloader); mainline's seeds_first keeps them near
 * where always does (16 and 12), and the session marks the pieces it asked a seed for (up to 10 at once).
 */
class StartedSwarmTest {
    private record Sample(int maxStarted, int maxFromSeed) {}

    private static Sample run(StartedRule rule) {
        SwarmConfig cfg = StartedCensus.flashCrowd(60, 20L << 20, ProtocolSpec.defaults()
                .withPieceSelection(RarestFirstPicker.Config.defaults().withStartedPieces(rule)));
        RankEngine[] engine = new RankEngine[1];
        int[] max = new int[2];
        RunConfig rc = RunConfig.of(1, 400 * Ticks.SECOND).withListener((t, e, w) -> {
            for (Session s : StartedCensus.downloaders(engine[0])) {
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
        System.out.println(rule + ": at most " + max[0] + " started pieces per downloader, " + max[1] + " asked of the seed");
        return new Sample(max[0], max[1]);
    }

    @Test
    void seedsFirstBoundsPartialPiecesWhereUnlessRarerLetsThemPileUp() {
        Sample mainline = run(StartedRule.SEEDS_FIRST);
        Sample bitTornado = run(StartedRule.UNLESS_RARER);
        Sample always = run(StartedRule.ALWAYS);
        assertTrue(2 * mainline.maxStarted() < bitTornado.maxStarted(),
                "seeds_first " + mainline.maxStarted() + " vs unless_rarer " + bitTornado.maxStarted());
        assertTrue(mainline.maxStarted() <= 2 * always.maxStarted(),
                "seeds_first " + mainline.maxStarted() + " vs always " + always.maxStarted());
        assertTrue(mainline.maxFromSeed() > 0, "no piece was marked as asked of the seed");
    }
}
