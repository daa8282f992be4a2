package org.bitswarm.protocol.strategy;

import java.util.Map;

/** A link scheduler's configuration block ({@code protocol.links}). */
public interface LinkConfig {
    LinkScheduler create(LinkScheduler.Uplink uplink);

    /**
     * Whether this link model holds the downlink at every time scale (no more than {@code d x interval} plus one
     * block over any interval of at least one block time), so that the invariant suite may assert it
     * ({@link org.bitswarm.protocol.DownlinkCheck}).
     */
    boolean downlinkHolds();

    static Map<String, Class<? extends Record>> kinds() {
        return Strategies.LINKS.kinds();
    }
}
