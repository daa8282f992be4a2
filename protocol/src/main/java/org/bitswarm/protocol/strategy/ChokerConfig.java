package org.bitswarm.protocol.strategy;

import java.util.Map;

/** A choker's configuration block ({@code protocol.choker}); its {@code kind} names a {@link Strategies} entry. */
public interface ChokerConfig {
    /** A fresh choker for one session. */
    Choker create();

    /** The rechoke period (validated against have_batch). */
    long interval();

    /** The registered kinds, for the scenario binder and the reference writer. */
    static Map<String, Class<? extends Record>> kinds() {
        return Strategies.CHOKERS.kinds();
    }
}
