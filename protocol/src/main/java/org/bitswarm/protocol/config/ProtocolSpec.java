package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.choke.TitForTatChoker;
import org.bitswarm.protocol.link.BlockRoundRobin;
import org.bitswarm.protocol.pick.RarestFirstPicker;
import org.bitswarm.protocol.strategy.ChokerConfig;
import org.bitswarm.protocol.strategy.LinkConfig;
import org.bitswarm.protocol.strategy.PickerConfig;

/**
 * Client behaviour, one block per concern; the choker, the piece picker and the link scheduler are pluggable
 * ({@link org.bitswarm.protocol.strategy.Strategies}). Defaults follow BEP 3 and the mainline client 4.x
 * (80 connections, tit-for-tat with 4 upload slots, rarest first, ban after 3 bad pieces); pipelining 5
 * follows mainline 3.4; suppressing redundant HAVEs follows libtorrent. Build variants with the withers:
 * {@code ProtocolSpec.defaults().withChoker(RandomChoker.Config.defaults())}.
 */
public record ProtocolSpec(
        @Doc("the client whose defaults every key not written takes: mainline (BitTorrent 4.x, Bitswarm's defaults), "
                + "mainline_strict (mainline 4.x's rules also where Bitswarm's defaults differ), libtorrent (2.0.8) or "
                + "transmission (4.0); each value and its source: docs/profiles.md") Profile profile,
        @Doc("connection limits and request pipelining") ConnectionSpec connections,
        @Doc("who gets our upload slots") ChokerConfig choker,
        @Doc("which block to request next, with strict priority and endgame") PickerConfig pieceSelection,
        @Doc("how the access link is shared between connections") LinkConfig links,
        @Doc("HAVE messages") HaveSpec have,
        @Doc("peer exchange (BEP 11)") PexSpec pex,
        @Doc("ban a sender once it took part in this many bad pieces (mainline 4.x: 3; 0 = never)") int banThreshold,
        @Doc("libtorrent's smart_ban plugin: remember who sent each block of a piece that failed its hash check, and"
                + " once the piece passes, ban at once every sender whose block differed (off: only ban_threshold)")
        boolean smartBan,
        @Doc("TCP/IP headers charged on the client's links on top of every message, one per started segment (default"
                + " none, as mainline's rate limiter, so a capacity is the rate of BitTorrent bytes; libtorrent's"
                + " rate_limit_ip_overhead charges 40 per 1,460)") IpOverhead ipOverhead) {

    public ProtocolSpec {
        ConfigError.require(profile != null, "profile", "must be mainline, mainline_strict, libtorrent or transmission");
        ConfigError.require(connections != null, "connections", "missing");
        ConfigError.require(choker != null, "choker", "missing");
        ConfigError.require(pieceSelection != null, "piece_selection", "missing");
        ConfigError.require(links != null, "links", "missing");
        ConfigError.require(have != null, "have", "missing");
        ConfigError.require(pex != null, "pex", "missing");
        ConfigError.require(ipOverhead != null, "ip_overhead", "missing");
        ConfigError.require(banThreshold >= 0, "ban_threshold", "must be >= 0");
        ConfigError.require(have.batch() <= choker.interval(), "have.batch", "must be in [0, rechoke_interval]");
    }

    public static ProtocolSpec defaults() {
        return new ProtocolSpec(Profile.MAINLINE, ConnectionSpec.defaults(), TitForTatChoker.Config.defaults(),
                RarestFirstPicker.Config.defaults(), BlockRoundRobin.Config.defaults(), HaveSpec.defaults(),
                PexSpec.defaults(), 3, false, IpOverhead.defaults());
    }

    /** The defaults of a client profile ({@link Profile#spec()}). */
    public static ProtocolSpec of(Profile p) {
        return p.spec();
    }

    public ProtocolSpec withConnections(ConnectionSpec v) {
        return new ProtocolSpec(profile, v, choker, pieceSelection, links, have, pex, banThreshold, smartBan, ipOverhead);
    }

    public ProtocolSpec withChoker(ChokerConfig v) {
        return new ProtocolSpec(profile, connections, v, pieceSelection, links, have, pex, banThreshold, smartBan, ipOverhead);
    }

    public ProtocolSpec withPieceSelection(PickerConfig v) {
        return new ProtocolSpec(profile, connections, choker, v, links, have, pex, banThreshold, smartBan, ipOverhead);
    }

    public ProtocolSpec withLinks(LinkConfig v) {
        return new ProtocolSpec(profile, connections, choker, pieceSelection, v, have, pex, banThreshold, smartBan, ipOverhead);
    }

    public ProtocolSpec withHave(HaveSpec v) {
        return new ProtocolSpec(profile, connections, choker, pieceSelection, links, v, pex, banThreshold, smartBan, ipOverhead);
    }

    public ProtocolSpec withPex(PexSpec v) {
        return new ProtocolSpec(profile, connections, choker, pieceSelection, links, have, v, banThreshold, smartBan, ipOverhead);
    }

    public ProtocolSpec withBanThreshold(int v) {
        return new ProtocolSpec(profile, connections, choker, pieceSelection, links, have, pex, v, smartBan, ipOverhead);
    }

    public ProtocolSpec withIpOverhead(IpOverhead v) {
        return new ProtocolSpec(profile, connections, choker, pieceSelection, links, have, pex, banThreshold, smartBan, v);
    }

    /**
     * TCP/IP headers on the wire: every message of {@code w} bytes (blocks and control messages alike) is charged
     * {@code ceil(w / segment_bytes) x header_bytes} more on the sender's uplink and the receiver's downlink
     * reservation, as a rate limiter that counts IP overhead does (libtorrent's {@code rate_limit_ip_overhead},
     * default true: it charges 20 bytes of IPv4 and 20 of TCP header per 1,460-byte segment of a 1,500-byte MTU).
     * The default, 0, charges nothing: mainline 4.x's rate limiter counts only the bytes it writes to the socket
     * (BitTorrent messages with their framing), Bitswarm's default profile is mainline, and a capacity in a
     * scenario is then the rate of BitTorrent bytes, so the closed forms (F / u) hold without a correction.
     * Set {@code header_bytes: 40} to model a link whose stated capacity includes the headers (2.7 % less goodput
     * for blocks; a 17-byte control message costs 57 bytes).
     */
    public record IpOverhead(
            @Doc("header bytes per TCP segment (IPv4 20 + TCP 20 = 40; IPv6 60; 0 = charge nothing, as mainline's"
                    + " rate limiter; libtorrent with rate_limit_ip_overhead charges 40)") int headerBytes,
            @Doc("payload bytes per TCP segment (the MSS: 1,460 for a 1,500-byte Ethernet MTU)") int segmentBytes,
            @Doc("also charge the receiver's uplink one header per received segment, for its ACK (libtorrent stat.hpp"
                    + " trancieve_ip_packet charges both directions; the header bytes go before the next block it sends)")
            boolean acks) {
        public IpOverhead {
            ConfigError.require(headerBytes >= 0 && headerBytes <= 65_535, "header_bytes", "must be in [0, 65535]");
            ConfigError.require(segmentBytes >= 1 && segmentBytes <= 65_535, "segment_bytes", "must be in [1, 65535]");
        }

        /** Headers on sent messages only. */
        public IpOverhead(int headerBytes, int segmentBytes) {
            this(headerBytes, segmentBytes, false);
        }

        public static IpOverhead defaults() {
            return new IpOverhead(0, 1460, false);
        }

        /** The header bytes a message of {@code wire} bytes carries: one header per started segment. */
        public long headers(long wire) {
            return headerBytes == 0 || wire <= 0 ? 0 : (wire + segmentBytes - 1) / segmentBytes * headerBytes;
        }
    }

    public ProtocolSpec withSmartBan(boolean v) {
        return new ProtocolSpec(profile, connections, choker, pieceSelection, links, have, pex, banThreshold, v, ipOverhead);
    }

    /**
     * Connection limits (mainline 4.x: 80 connections, 40 opened by ourselves) and pipelining (mainline 3.4: 5
     * requests in flight; with {@code pipeline_time}, a depth that follows the connection's rate as real clients
     * size it).
     */
    public record ConnectionSpec(
            @Doc("most connections per torrent (mainline 4.x: 80)") int max,
            @Doc("connections a client opens itself before it only accepts (mainline: 40)") int initiate,
            @Doc("requests kept in flight per connection (mainline 3.4: 5); with pipeline_time, the least") int pipeline,
            @Doc("0 = a fixed pipeline; else keep this long of the connection's download rate in flight (rate over the"
                    + " last two rechoke periods x pipeline_time / 16 KiB, combined with pipeline as pipeline_rule says, at"
                    + " most pipeline_max; libtorrent request_queue_time: 3 s, Transmission: 10 s, mainline 4.x: 4 s)")
            @Unit(Unit.Kind.DURATION) long pipelineTime,
            @Doc("the most requests in flight per connection with pipeline_time (mainline 4.x: 50; libtorrent"
                    + " max_out_request_queue: 500)") int pipelineMax,
            @Doc("how pipeline and the rate part combine: least = at least pipeline, else the rate part (libtorrent,"
                    + " Transmission); sum = pipeline plus the rate part (mainline 4.x Downloader._backlog: 2 + 4 s of"
                    + " rate, at most 50)") PipelineRule pipelineRule,
            @Doc("most learned addresses kept to try later, the oldest dropped for a new one (real clients bound"
                    + " them: libtorrent max_peerlist_size 3000, the mainline family one tracker reply; 0 = no limit,"
                    + " every address heard of is kept, and memory per client grows with the swarm)") int known,
            @Doc("0 = control messages leave at once; else the client's rate limiter hands out quota every quota_tick and"
                    + " each control message (handshake, interest, choke, request, have) waits for the next tick, the"
                    + " messages after it on that connection too (libtorrent tick_interval: 500 ms)")
            @Unit(Unit.Kind.DURATION) long quotaTick,
            @Doc("0 = never; else close a connection on which no block went either way for this long while the client"
                    + " holds at least 90 % of max connections (Transmission peer-mgr shouldPeerBeClosed,"
                    + " MIN_UPLOAD_IDLE_SECS: 60 s), so that peers with nothing for each other free their slots")
            @Unit(Unit.Kind.DURATION) long idleTimeout,
            @Doc("the idle limit with no connections, the limit falling linearly from it to idle_timeout as the"
                    + " connections fill up to 90 % of max (Transmission MAX_UPLOAD_IDLE_SECS: 300 s; 0 = idle_timeout"
                    + " at any count)")
            @Unit(Unit.Kind.DURATION) long idleTimeoutMax) {
        public ConnectionSpec {
            ConfigError.require(max >= 1, "max", "must be >= 1");
            ConfigError.require(initiate >= 1 && initiate <= max, "initiate", "must be in [1, max]");
            ConfigError.require(pipeline >= 1, "pipeline", "must be >= 1");
            ConfigError.require(pipelineTime >= 0, "pipeline_time", "must be >= 0 (0 = a fixed pipeline)");
            ConfigError.require(pipelineMax >= pipeline, "pipeline_max", "must be >= pipeline");
            ConfigError.require(known >= 0, "known", "must be >= 0 (0 = no limit)");
            ConfigError.require(quotaTick >= 0, "quota_tick", "must be >= 0 (0 = control messages leave at once)");
            ConfigError.require(pipelineRule != null, "pipeline_rule", "must be least or sum");
            ConfigError.require(idleTimeout >= 0, "idle_timeout", "must be >= 0 (0 = never)");
            ConfigError.require(idleTimeoutMax == 0 || idleTimeoutMax >= idleTimeout, "idle_timeout_max",
                    "must be 0 or >= idle_timeout");
        }

        /** Idle connections are never closed. */
        public ConnectionSpec(int max, int initiate, int pipeline, long pipelineTime, int pipelineMax,
                PipelineRule pipelineRule, int known, long quotaTick) {
            this(max, initiate, pipeline, pipelineTime, pipelineMax, pipelineRule, known, quotaTick, 0, 0);
        }

        /**
         * How long a connection may carry no block before it is closed, with {@code open} connections: from
         * {@code idle_timeout_max} with none down to {@code idle_timeout} at 90 % of {@code max} and above
         * (Transmission's sliding scale); 0 = never.
         */
        public long idleLimit(int open) {
            if (idleTimeout == 0) {
                return 0;
            }
            long hi = idleTimeoutMax == 0 ? idleTimeout : idleTimeoutMax;
            int full = (int) (max * 0.9 + 0.5);
            double strictness = open >= full ? 1 : (double) open / full;
            return hi - (long) ((hi - idleTimeout) * strictness);
        }

        /** How the fixed part and the rate part of a pipeline combine. */
        public enum PipelineRule {
            /** At least {@code pipeline} requests, more when the rate part is larger (libtorrent, Transmission). */
            LEAST,
            /** {@code pipeline} requests plus the rate part (mainline 4.x: {@code 2 + int(4 * rate / chunksize)}). */
            SUM
        }

        /** The pipeline is at least {@code pipeline} requests. */
        public ConnectionSpec(int max, int initiate, int pipeline, long pipelineTime, int pipelineMax, int known,
                long quotaTick) {
            this(max, initiate, pipeline, pipelineTime, pipelineMax, PipelineRule.LEAST, known, quotaTick);
        }

        /** Control messages at once. */
        public ConnectionSpec(int max, int initiate, int pipeline, long pipelineTime, int pipelineMax, int known) {
            this(max, initiate, pipeline, pipelineTime, pipelineMax, known, 0);
        }

        /** A fixed pipeline, with a limit on learned addresses. */
        public ConnectionSpec(int max, int initiate, int pipeline, int known) {
            this(max, initiate, pipeline, 0, Math.max(50, pipeline), known);
        }

        /** The first three settings, with no limit on learned addresses. */
        public ConnectionSpec(int max, int initiate, int pipeline) {
            this(max, initiate, pipeline, 0);
        }

        public static ConnectionSpec defaults() {
            return new ConnectionSpec(80, 40, 5, 0, 50, 300, 0);
        }

        /** Requests to keep in flight on a connection receiving {@code bytesPerSecond}. */
        public int depth(double bytesPerSecond) {
            if (pipelineTime == 0) {
                return pipeline;
            }
            double blocks = Math.floor(bytesPerSecond * pipelineTime / 1e9 / (16 * 1024));
            double depth = pipelineRule == PipelineRule.SUM ? pipeline + blocks : Math.max(pipeline, blocks);
            return (int) Math.min(pipelineMax, depth);
        }

        public ConnectionSpec withInitiate(int v) {
            return new ConnectionSpec(max, v, pipeline, pipelineTime, pipelineMax, pipelineRule, known, quotaTick, idleTimeout, idleTimeoutMax);
        }

        public ConnectionSpec withPipeline(int v) {
            return new ConnectionSpec(max, initiate, v, pipelineTime, Math.max(pipelineMax, v), pipelineRule, known, quotaTick, idleTimeout, idleTimeoutMax);
        }

        public ConnectionSpec withPipelineTime(long t, int most) {
            return new ConnectionSpec(max, initiate, pipeline, t, most, pipelineRule, known, quotaTick, idleTimeout, idleTimeoutMax);
        }

        public ConnectionSpec withIdleTimeout(long limit, long most) {
            return new ConnectionSpec(max, initiate, pipeline, pipelineTime, pipelineMax, pipelineRule, known, quotaTick, limit, most);
        }

        public ConnectionSpec withKnown(int v) {
            return new ConnectionSpec(max, initiate, pipeline, pipelineTime, pipelineMax, pipelineRule, v, quotaTick, idleTimeout, idleTimeoutMax);
        }
    }

    /** Which peers get a HAVE and whether HAVEs are batched. */
    public record HaveSpec(
            @Doc("send HAVE also to peers that have the piece (libtorrent 2.0 send_redundant_have: true; Bitswarm's"
                    + " default false, and then a client that completes tells its peers with BEP 21's upload_only, so that"
                    + " two complete clients close their connection)") boolean redundant,
            @Doc("coalesce the HAVEs of this period into one message per peer (0 = one HAVE per piece, as BEP 3)")
            @Unit(Unit.Kind.DURATION) long batch) {
        public HaveSpec {
            ConfigError.require(batch >= 0, "batch", "must be in [0, rechoke_interval]");
        }

        public static HaveSpec defaults() {
            return new HaveSpec(false, 0);
        }
    }

    /** BEP 11 peer exchange. */
    public record PexSpec(
            @Doc("exchange peer addresses (BEP 11)") boolean enabled,
            @Doc("peer exchange period (BEP 11: about 60 s)")
            @Unit(Unit.Kind.DURATION) long interval) {
        public PexSpec {
            ConfigError.require(interval > 0, "interval", "must be positive");
        }

        public static PexSpec defaults() {
            return new PexSpec(true, 60_000_000_000L);
        }
    }
}
