package org.bitswarm.protocol.peer;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bitswarm.engine.Entity;
import org.bitswarm.engine.LocalCluster;
import org.bitswarm.engine.Model;
import org.bitswarm.engine.PayloadCodec;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.BitTorrentModel;
import org.bitswarm.protocol.bench.BenchScenario;
import org.bitswarm.protocol.config.SwarmConfig;

/**
 * Diagnosis, not a test: the mean size of each per-client collection at the end of a run of
 * {@link BenchScenario#peersim}. {@code java -cp CP org.bitswarm.protocol.peer.StateCensus CLIENTS SECONDS}
 */
public final class StateCensus {
    private StateCensus() {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        long end = Long.parseLong(args[1]) * Ticks.SECOND;
        SwarmConfig cfg = BenchScenario.peersim(clients);
        List<Entity> made = new ArrayList<>();
        Model m = new Model() {
            final BitTorrentModel inner = new BitTorrentModel(cfg, 1);

            @Override
            public long entityCount() {
                return inner.entityCount();
            }

            @Override
            public long lookahead() {
                return inner.lookahead();
            }

            @Override
            public Entity createEntity(long id) {
                Entity e = inner.createEntity(id);
                made.add(e);
                return e;
            }

            @Override
            public PayloadCodec codec() {
                return inner.codec();
            }
        };
        double[] sum = new double[12];
        RunConfig rc = RunConfig.of(1, end).withListener(new RunConfig.WindowListener() {
            @Override
            public void windowDone(long nextTime, long eventsSoFar, long windows) {}

            @Override
            public void runDone(long nextTime, long events, long windows) {
                try {
                    Field fs = Client.class.getDeclaredField("sessions");
                    fs.setAccessible(true);
                    Field fa = Client.class.getDeclaredField("lastArrival");
                    fa.setAccessible(true);
                    for (Entity e : made) {
                        if (e instanceof Client c) {
                            sum[0] += ((Map<?, ?>) fa.get(c)).size();
                            for (Session s : (Session[]) fs.get(c)) {
                                sum[1] += s.known.size();
                                sum[2] += s.pool.size();
                                sum[3] += s.pending.size();
                                sum[4] += s.banned.size();
                                sum[5] += s.strikes.size();
                                sum[6] += s.pexAdded.size();
                                sum[7] += s.pendingHaves.size();
                                sum[8] += s.conns.size();
                                sum[9] += s.inProgress.size();
                                sum[10] += s.spans.size();
                                long q = 0;
                                for (Connection cn : s.conns.values()) {
                                    q += cn.peerHave.size() / 64;
                                }
                                sum[11] += q;
                            }
                        }
                    }
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        });
        RunResult r = LocalCluster.run(() -> m, 1, rc);
        String[] names = {"lastArrival", "known", "pool", "pending", "banned", "strikes", "pexAdded", "pendingHaves",
            "conns", "inProgress", "spans", "peerHave words (all conns)"};
        System.out.printf("clients=%d seconds=%s events=%d%n", clients, args[1], r.events());
        for (int i = 0; i < names.length; i++) {
            System.out.printf("  %-28s %10.1f per client%n", names[i], sum[i] / clients);
        }
    }
}
