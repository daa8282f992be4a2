package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.protocol.config.ProtocolOverride;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.choke.RandomChoker;
import org.bitswarm.protocol.choke.TitForTatChoker;
import org.bitswarm.protocol.link.WeightedFair;
import org.bitswarm.protocol.net.CoordinateLatency;
import org.bitswarm.protocol.net.Latency;
import org.bitswarm.protocol.strategy.LinkScheduler;
import org.bitswarm.protocol.link.SchedulerFixtures.Clock;
import org.bitswarm.protocol.link.SchedulerFixtures.TestFlow;
import org.junit.jupiter.api.Test;

/** The weighted link scheduler, the coordinate latency model and per-group protocol blocks, each alone. */
class StrategyPiecesTest {
    @Test
    void weightedFairSharesTheUplinkByWeight() {
        List<String> sent = new ArrayList<>();
        Clock ctx = new Clock();
        LinkScheduler s = WeightedFair.Config.defaults().create((c, f, k, after) -> {
            sent.add(((TestFlow) f).name);
            return 1000;
        });
        TestFlow heavy = new TestFlow("heavy", 0.75, 1000);
        TestFlow light = new TestFlow("light", 0.25, 1000);
        s.offer(ctx, heavy);
        s.offer(ctx, light);
        assertEquals(1, sent.size(), "one block at a time");
        for (int i = 0; i < 399; i++) {
            ctx.now += 1000;
            s.uplinkDone(ctx);
        }
        long h = sent.stream().filter("heavy"::equals).count();
        assertEquals(400, sent.size());
        assertTrue(Math.abs(h - 300) <= 2, "3:1 shares: " + h + " of 400");
        assertEquals(400, ctx.timers.size(), "one uplink_done timer per block");
    }

    @Test
    void coordinateLatencyIsSymmetricAboveItsBaseAndRegionsCluster() {
        CoordinateLatency.Config cfg = new CoordinateLatency.Config(5_000_000, 200_000_000, 3, 0.01);
        Latency lat = cfg.create(42, 1000);
        CoordinateLatency c = (CoordinateLatency) lat;
        assertEquals(5_000_000, lat.lowest());
        double intra = 0;
        double inter = 0;
        int ni = 0;
        int nx = 0;
        for (long a = 0; a < 60; a++) {
            for (long b = a + 1; b < 60; b++) {
                long l = lat.between(a, b);
                assertEquals(l, lat.between(b, a));
                assertTrue(l >= lat.lowest());
                if (c.region(a) == c.region(b)) {
                    intra += l;
                    ni++;
                } else {
                    inter += l;
                    nx++;
                }
            }
        }
        assertTrue(ni > 0 && nx > 0);
        assertTrue(intra / ni < 5_000_000 + 200_000_000 * 0.03, "same region: near the base, " + intra / ni);
        assertTrue(inter / nx > 3 * intra / ni, "other regions: much further, " + inter / nx);
        assertEquals(lat.between(3, 9), cfg.create(42, 1000).between(3, 9), "a pure function of seed and pair");
    }

    @Test
    void aGroupsBlocksReplaceTheSwarmsAndAreValidatedAsAWhole() {
        SwarmConfig d = SwarmConfig.defaults();
        ProtocolSpec swarm = d.protocol();
        ProtocolOverride o = ProtocolOverride.choker(RandomChoker.Config.defaults());
        ProtocolSpec g = o.over(swarm);
        assertEquals(RandomChoker.Config.defaults(), g.choker());
        assertEquals(swarm.pieceSelection(), g.pieceSelection());
        assertEquals(swarm, ProtocolOverride.defaults().over(swarm));
        // a group's choker with a 1 s rechoke cannot keep the swarm's 5 s HAVE batching
        ProtocolSpec batched = swarm.withHave(new ProtocolSpec.HaveSpec(false, 5_000_000_000L));
        SwarmConfig bad = new SwarmConfig(d.torrents(), List.of(d.groups().get(0), d.groups().get(1).withProtocol(
                ProtocolOverride.choker(new TitForTatChoker.Config(4, 1_000_000_000L, 3_000_000_000L, 3, true, 30_000_000_000L, true, false)))),
                d.network(), batched, d.trackers(), d.timeline(), d.payload(), d.hash(), d.timeseriesInterval(), d.until());
        assertEquals("groups[1].protocol.have.batch", assertThrows(ConfigError.class, bad::validate).key());
    }
}
