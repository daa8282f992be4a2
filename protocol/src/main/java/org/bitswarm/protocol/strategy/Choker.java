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

    /**
     * A peer we had unchoked lost interest (it is no longer {@link Peer#peerInterested()}) or its connection
     * closed (it is no longer in {@link ChokeView#peers()}), between rechokes: the peers to unchoke from now on
     * (the session then chokes the others, as at a rechoke, but the rate-measuring round goes on), or null to
     * leave every choke state as it is until the next rechoke. Mainline 4.x rechokes at once here; the default
     * waits.
     */
    default List<Peer> released(ChokeView view) {
        return null;
    }

    /**
     * A new connection opened between rechokes (it is already in {@link ChokeView#peers()}, not yet interested):
     * the peers to unchoke from now on, as for {@link #released}, or null to leave every choke state as it is.
     * Mainline 4.x rechokes here too ({@code Choker.connection_made}); the default waits.
     */
    default List<Peer> connected(ChokeView view) {
        return null;
    }

    /**
     * The share of the uplink an unchoked peer should get, relative to the others, for a link scheduler that
     * weighs flows ({@code weighted_fair}); the default block round robin ignores it. Default: equal shares.
     */
    default double weight(Peer peer) {
        return 1;
    }

    /**
     * BEP 16 super-seeding: false makes the session hide its pieces (an empty bitfield at the handshake) and
     * announce only what {@link #offer} returns, and serve only what {@link #serves} allows. By default a client
     * shows and serves everything it has, and the two methods below are never called.
     */
    default boolean showsPieces(ChokeView view) {
        return true;
    }

    /**
     * A piece to announce (HAVE) to this peer now, or -1; asked when the peer connects and whenever a
     * neighbour announces a piece.
     */
    default int offer(ChokeView view, Peer peer) {
        return -1;
    }

    /** May the peer's request for this piece be served? */
    default boolean serves(ChokeView view, Peer peer, int piece) {
        return true;
    }
}
