package org.bitswarm.protocol;

import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.content.Content;
import org.bitswarm.protocol.net.Latency;

/**
 * What every entity of one model instance may read: the configuration, the layout of ids, the torrents'
 * metainfo and the latency function. All of it is fixed before the run (the content hash memo aside, see
 * {@link Content}); entities keep their own state to themselves.
 */
public record Env(SwarmConfig cfg, long seed, Population population, Content[] contents, Latency latency) {

    public static Env of(SwarmConfig cfg, long seed) {
        cfg.validate();
        Content[] c = new Content[cfg.torrents().size()];
        for (int t = 0; t < c.length; t++) {
            c[t] = new Content(cfg.torrents().get(t), seed, t, cfg.hash());
        }
        Population population = new Population(cfg, seed);
        return new Env(cfg, seed, population, c, cfg.network().latency().create(seed, population.entities()));
    }

    public boolean bytesMode() {
        return cfg.payload() == org.bitswarm.protocol.config.Enums.PayloadMode.BYTES;
    }
}
