package org.bitswarm.protocol.strategy;

import java.util.Map;

/** A link scheduler's configuration block ({@code protocol.links}). */
public interface LinkConfig {
    LinkScheduler create(LinkScheduler.Uplink uplink);

    static Map<String, Class<? extends Record>> kinds() {
        return Strategies.LINKS.kinds();
    }
}
