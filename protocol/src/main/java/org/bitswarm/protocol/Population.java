package org.bitswarm.protocol;

import org.bitswarm.engine.RandomStreams;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import umontreal.ssj.rng.RandomStream;

/**
 * Who is who: entity ids {@code 0 .. trackers-1} are trackers, then the clients of each group in order. Also
 * the arrival time of every client, which for a Poisson group depends on the whole group's sequence and is
 * therefore drawn here, from a stream numbered after the last entity, identically on every rank.
 */
public final class Population {
    private final SwarmConfig cfg;
    private final int trackers;
    private final long[] groupStart;
    private final long[] arrivals;
    private final int clients;

    public Population(SwarmConfig cfg, long seed) {
        this.cfg = cfg;
        this.trackers = cfg.trackers().count();
        int n = cfg.groups().size();
        groupStart = new long[n + 1];
        groupStart[0] = trackers;
        for (int g = 0; g < n; g++) {
            groupStart[g + 1] = groupStart[g] + cfg.groups().get(g).count();
        }
        clients = (int) (groupStart[n] - trackers);
        arrivals = new long[clients];
        RandomStreams streams = new RandomStreams(seed, 0);
        for (int g = 0; g < n; g++) {
            RandomStream r = streams.stream(groupStart[n] + g, 0);
            fillArrivals(cfg.groups().get(g), (int) (groupStart[g] - trackers), r);
        }
    }

    private void fillArrivals(GroupSpec g, int first, RandomStream r) {
        ArrivalSpec a = g.arrival();
        double t = a.start() / 1e9;
        for (int i = 0; i < g.count(); i++) {
            long at = switch (a.kind()) {
                case FLASH -> a.start();
                case POISSON -> {
                    t += -Math.log(1 - r.nextDouble()) / a.rate();
                    yield Math.round(t * 1e9);
                }
                case LIST -> a.times().get(Math.min(i, a.times().size() - 1));
            };
            arrivals[first + i] = at;
        }
    }

    public int trackers() {
        return trackers;
    }

    public int clients() {
        return clients;
    }

    public long entities() {
        return trackers + (long) clients;
    }

    public boolean isTracker(long id) {
        return id < trackers;
    }

    public int groupOf(long id) {
        for (int g = 0; g < cfg.groups().size(); g++) {
            if (id < groupStart[g + 1]) {
                return g;
            }
        }
        throw new IllegalArgumentException("no entity " + id);
    }

    public int indexInGroup(long id) {
        return (int) (id - groupStart[groupOf(id)]);
    }

    public long arrival(long id) {
        return arrivals[(int) (id - trackers)];
    }

    public long firstOfGroup(int g) {
        return groupStart[g];
    }
}
