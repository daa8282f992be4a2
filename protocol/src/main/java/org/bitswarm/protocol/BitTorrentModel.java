package org.bitswarm.protocol;

import org.bitswarm.engine.Entity;
import org.bitswarm.engine.Model;
import org.bitswarm.engine.Payload;
import org.bitswarm.engine.PayloadCodec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.peer.Client;
import org.bitswarm.protocol.tracker.Tracker;
import org.bitswarm.protocol.wire.Kind;
import org.bitswarm.protocol.wire.Msg;

/**
 * The BitTorrent swarm as an engine model: trackers first, then clients (see {@link Population}). The
 * lookahead is the smallest pair latency; every message between entities carries at least that delay. The
 * seed selects latencies, arrivals and the torrents' content bytes.
 */
public final class BitTorrentModel implements Model {
    private final Env env;

    public BitTorrentModel(SwarmConfig cfg, long seed) {
        this.env = Env.of(cfg, seed);
    }

    public Env env() {
        return env;
    }

    @Override
    public long entityCount() {
        return env.population().entities();
    }

    @Override
    public long lookahead() {
        return env.latency().lowest();
    }

    @Override
    public Entity createEntity(long id) {
        return env.population().isTracker(id) ? new Tracker(env, id) : new Client(env, id);
    }

    @Override
    public PayloadCodec codec() {
        return Msg::decode;
    }

    @Override
    public String describe(int kind, Payload payload) {
        return payload == null ? Kind.name(kind) : Kind.name(kind) + " " + payload;
    }
}
