package org.bitswarm.protocol.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.List;
import org.bitswarm.engine.Entity;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.RankEngine;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.BitTorrentModel;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.config.TrackerSpec;
import org.bitswarm.protocol.net.UniformLatency;
import org.junit.jupiter.api.Test;

/**
 * Two clients that have both completed have nothing for each other and close their connection, whether or not
 * HAVEs go to peers that already have the piece ({@code have.redundant}). With {@code redundant: false} a peer
 * that had a piece was never told we have it, so without the upload_only sent on completion such pairs stayed
 * connected, idle, to the end of the run (about 51 connections per client in bench-peersim-1000).
 */
class SeedPairTest {
    static final long S = Ticks.SECOND;

    @Test
    void clientsThatBothCompletedAreNotLeftConnected() throws Exception {
        for (boolean redundant : new boolean[] {false, true}) {
            int[] counts = completedPairs(redundant);
            assertEquals(31, counts[0], "every client completes (redundant " + redundant + ")");
            assertEquals(0, counts[1], "connections between two complete clients at the end (redundant "
                    + redundant + ")");
        }
    }

    /** {completed clients, connections between two completed clients}. */
    private static int[] completedPairs(boolean redundant) throws Exception {
        ProtocolSpec d = ProtocolSpec.defaults();
        ProtocolSpec p = d.withHave(new ProtocolSpec.HaveSpec(redundant, d.have().batch()));
        List<GroupSpec> groups = List.of(group("seed", 1, Enums.Role.SEED, 4_000_000),
                group("crowd", 30, Enums.Role.PEER, 1_000_000));
        SwarmConfig cfg = new SwarmConfig(List.of(new TorrentSpec("t0", 4L << 20, 256L << 10)), groups,
                new NetworkSpec(new UniformLatency.Config(10 * Ticks.MS, 100 * Ticks.MS)), p, TrackerSpec.defaults(),
                List.of(), Enums.PayloadMode.DIGEST, Enums.HashAlgo.SHA1, 10 * S, Enums.Until.END_TIME);
        RankEngine[] engine = new RankEngine[1];
        RunConfig rc = RunConfig.of(7, 300 * S);
        LocalCluster.runEach(1, t -> {
            engine[0] = new RankEngine(new BitTorrentModel(cfg, 7), t, rc);
            return engine[0].run();
        });
        Field f = RankEngine.class.getDeclaredField("entities");
        f.setAccessible(true);
        Entity[] entities = (Entity[]) f.get(engine[0]);
        int completed = 0;
        int pairs = 0;
        for (Entity e : entities) {
            if (!(e instanceof Client client)) {
                continue;
            }
            Session s = client.session(0);
            if (!s.complete()) {
                continue;
            }
            completed++;
            for (Connection c : s.conns().values()) {
                Client other = (Client) entities[(int) c.peer];
                if (other.session(0).complete()) {
                    pairs++;
                }
            }
        }
        return new int[] {completed, pairs};
    }

    private static GroupSpec group(String name, int count, Enums.Role role, long up) {
        return new GroupSpec(name, count, List.of(new Membership("t0", role, 0)), CapacitySpec.fixed(up),
                CapacitySpec.fixed(10_000_000), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
    }
}
