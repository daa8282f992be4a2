package org.bitswarm.protocol.peer;

import java.lang.reflect.Field;
import java.util.Arrays;
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
import org.bitswarm.protocol.pick.RarestFirstPicker;

/**
 * Diagnosis, not a test: how many pieces each downloader holds started (partial) over time, and how many of
 * their blocks arrived, in the flash crowd of {@code scenarios/flash-crowd-1000.yaml} (one 10 Mbit/s seed, N
 * peers at 1 Mbit/s up and 10 Mbit/s down, 100 MiB in 256 KiB pieces, bytes mode), under a started-piece rule.
 * Prints one line every {@code STEP} simulated seconds: started pieces per downloader (mean, median, 90th
 * percentile, max), the blocks received into them (MiB over all downloaders) and the bytes they hold (blocks waiting behind a gap).
 * {@code java -cp CP org.bitswarm.protocol.peer.StartedCensus PEERS SECONDS STEP RULE [FILE_MIB]}
 */
public final class StartedCensus {
    private StartedCensus() {}

    public static void main(String[] args) throws Exception {
        int peers = Integer.parseInt(args[0]);
        long end = Long.parseLong(args[1]) * Ticks.SECOND;
        long step = Long.parseLong(args[2]) * Ticks.SECOND;
        RarestFirstPicker.StartedRule rule = RarestFirstPicker.StartedRule.valueOf(args[3].toUpperCase(java.util.Locale.ROOT));
        long fileBytes = (args.length > 4 ? Long.parseLong(args[4]) : 100) << 20;
        SwarmConfig cfg = flashCrowd(peers, fileBytes, ProtocolSpec.defaults()
                .withPieceSelection(RarestFirstPicker.Config.defaults().withStartedPieces(rule)));
        RankEngine[] engine = new RankEngine[1];
        long[] next = {step};
        RunConfig rc = RunConfig.of(1, end).withListener((t, e, w) -> {
            if (t >= next[0]) {
                System.out.println(census(engine[0], t));
                next[0] += step;
            }
        });
        System.out.println("peers=" + peers + " rule=" + rule);
        System.out.println("t_s  started/peer: mean p50 p90 max   received_MiB  held_MiB  heap_used_MiB");
        LocalCluster.runEach(1, tr -> {
            engine[0] = new RankEngine(new BitTorrentModel(cfg, 1), tr, rc);
            return engine[0].run();
        });
    }

    static SwarmConfig flashCrowd(int peers, long fileBytes, ProtocolSpec protocol) {
        List<Membership> seed = List.of(new Membership("file", Enums.Role.SEED, 0));
        List<Membership> peer = List.of(new Membership("file", Enums.Role.PEER, 0));
        GroupSpec s = new GroupSpec("seed", 1, seed, CapacitySpec.fixed(10_000_000), CapacitySpec.fixed(10_000_000),
                ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
        GroupSpec crowd = new GroupSpec("crowd", peers, peer, CapacitySpec.fixed(1_000_000),
                CapacitySpec.fixed(10_000_000), ArrivalSpec.defaults(), SeedingSpec.defaults(), 0, 0);
        return new SwarmConfig(List.of(new TorrentSpec("file", fileBytes, 256L << 10)), List.of(s, crowd),
                new NetworkSpec(new UniformLatency.Config(10 * Ticks.MS, 100 * Ticks.MS)), protocol,
                TrackerSpec.defaults(), List.of(), Enums.PayloadMode.BYTES, Enums.HashAlgo.SHA1, 10 * Ticks.SECOND,
                Enums.Until.ALL_COMPLETE);
    }

    /** The downloaders' sessions (every session of a non-seed role) of the engine's entities. */
    static List<Session> downloaders(RankEngine engine) {
        try {
            Field ef = RankEngine.class.getDeclaredField("entities");
            ef.setAccessible(true);
            Field sf = Client.class.getDeclaredField("sessions");
            sf.setAccessible(true);
            List<Session> out = new java.util.ArrayList<>();
            for (Entity e : (Entity[]) ef.get(engine)) {
                if (e instanceof Client c) {
                    for (Session s : (Session[]) sf.get(c)) {
                        if (s != null && s.role != Enums.Role.SEED) {
                            out.add(s);
                        }
                    }
                }
            }
            return out;
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** One line: time, started pieces per downloader (mean, p50, p90, max), received and held MiB, heap used. */
    static String census(RankEngine engine, long t) {
        List<Session> sessions = downloaders(engine);
        int[] counts = new int[sessions.size()];
        long received = 0;
        long held = 0;
        for (int i = 0; i < counts.length; i++) {
            Session s = sessions.get(i);
            counts[i] = s.down.inProgress.size();
            for (PieceProgress pp : s.down.inProgress.values()) {
                received += (long) pp.receivedCount * TorrentSpec.BLOCK;
                held += pp.bytesHeld();
            }
        }
        Arrays.sort(counts);
        double mean = Arrays.stream(counts).average().orElse(0);
        Runtime r = Runtime.getRuntime();
        return String.format(java.util.Locale.ROOT, "%4d  %6.1f %3d %3d %3d   %10.1f  %10.1f  %8d", t / Ticks.SECOND, mean,
                counts[counts.length / 2], counts[counts.length * 9 / 10], counts[counts.length - 1],
                received / 1048576.0, held / 1048576.0, (r.totalMemory() - r.freeMemory()) >> 20);
    }
}
