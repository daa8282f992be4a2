package org.bitswarm.protocol.strategy;

import java.util.List;

/**
 * Who gets our upload (BEP 3 choking). One instance per session; it may keep state between rechokes. The
 * session calls {@link #rechoke} every {@link #interval()}, unchokes exactly the peers returned, chokes the
 * others, and then starts a new rate-measuring round on every connection.
 */
public interface Choker {
    /** The rechoke period. */
    long interval();

    /** The peers to unchoke from now until the next rechoke. */
    List<Peer> rechoke(ChokeView view);

    /** An interested peer arrived between rechokes while we choke it: unchoke it at once? */
    boolean unchokeAtOnce(ChokeView view, Peer peer);
}
