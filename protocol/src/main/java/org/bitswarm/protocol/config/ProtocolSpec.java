package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/**
 * Client behaviour. Defaults follow BEP 3 and the mainline client 4.x (80 connections, 4 upload slots, rechoke
 * 10 s, optimistic unchoke rotated every 30 s and 3x as likely for new connections, anti-snubbing 30 s, ban after
 * 3 bad pieces); pipelining 5 follows mainline 3.4; suppressing redundant HAVEs follows libtorrent.
 */
public record ProtocolSpec(
        @Doc("most connections per torrent (mainline 4.x: 80)") int maxConnections,
        @Doc("connections a client opens itself before it only accepts (mainline: 40)") int maxInitiate,
        @Doc("requests kept in flight per connection (mainline 3.4: 5)") int pipeline,
        @Doc("rechoke period (BEP 3, mainline: 10 s)") @Unit(Unit.Kind.DURATION) long rechokeInterval,
        @Doc("upload slots including the optimistic one (mainline: 4)") int uploadSlots,
        @Doc("optimistic unchoke rotation period (mainline: 30 s)") @Unit(Unit.Kind.DURATION) long optimisticInterval,
        @Doc("weight of a new connection in the optimistic draw (mainline: 3)") double newConnectionWeight,
        @Doc("tit_for_tat (rate-based) or random regular slots") Enums.Choker choker,
        @Doc("take the reciprocation slot from a peer that sent nothing for snub_timeout") boolean antiSnubbing,
        @Doc("anti-snubbing delay (mainline: 30 s)") @Unit(Unit.Kind.DURATION) long snubTimeout,
        @Doc("rarest_first, random or sequential") Enums.PiecePolicy pieceSelection,
        @Doc("finish started pieces before starting new ones") boolean strictPriority,
        @Doc("pieces chosen at random before rarest-first starts (mainline: 4)") int randomFirst,
        @Doc("request the last blocks from every peer and cancel duplicates") boolean endgame,
        @Doc("ban a sender once it took part in this many bad pieces (mainline 4.x: 3; 0 = never)") int banThreshold,
        @Doc("send HAVE also to peers that have the piece (libtorrent default: false)") boolean redundantHave,
        @Doc("coalesce the HAVEs of this period into one message per peer (0 = one HAVE per piece, as BEP 3)") @Unit(Unit.Kind.DURATION) long haveBatch,
        @Doc("exchange peer addresses (BEP 11)") boolean pex,
        @Doc("peer exchange period (BEP 11: about 60 s)") @Unit(Unit.Kind.DURATION) long pexInterval) {

    public ProtocolSpec {
        ConfigError.require(maxConnections >= 1, "max_connections", "must be >= 1");
        ConfigError.require(maxInitiate >= 1 && maxInitiate <= maxConnections, "max_initiate", "must be in [1, max_connections]");
        ConfigError.require(pipeline >= 1, "pipeline", "must be >= 1");
        ConfigError.require(rechokeInterval > 0, "rechoke_interval", "must be positive");
        ConfigError.require(uploadSlots >= 1, "upload_slots", "must be >= 1");
        ConfigError.require(optimisticInterval >= rechokeInterval, "optimistic_interval", "must be >= rechoke_interval");
        ConfigError.require(newConnectionWeight >= 1, "new_connection_weight", "must be >= 1");
        ConfigError.require(choker != null, "choker", "must be tit_for_tat or random");
        ConfigError.require(snubTimeout > 0, "snub_timeout", "must be positive");
        ConfigError.require(pieceSelection != null, "piece_selection", "must be rarest_first, random or sequential");
        ConfigError.require(randomFirst >= 0, "random_first", "must be >= 0");
        ConfigError.require(banThreshold >= 0, "ban_threshold", "must be >= 0");
        ConfigError.require(pexInterval > 0, "pex_interval", "must be positive");
        ConfigError.require(haveBatch >= 0 && haveBatch <= rechokeInterval, "have_batch", "must be in [0, rechoke_interval]");
    }

    public static ProtocolSpec defaults() {
        return new ProtocolSpec(80, 40, 5, 10_000_000_000L, 4, 30_000_000_000L, 3, Enums.Choker.TIT_FOR_TAT, true,
                30_000_000_000L, Enums.PiecePolicy.RAREST_FIRST, true, 4, true, 3, false, 0, true, 60_000_000_000L);
    }
}
