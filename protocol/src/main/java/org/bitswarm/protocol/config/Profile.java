package org.bitswarm.protocol.config;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import org.bitswarm.engine.config.Preset;
import org.bitswarm.protocol.choke.LibtorrentChoker;
import org.bitswarm.protocol.choke.TitForTatChoker;
import org.bitswarm.protocol.link.BlockRoundRobin;
import org.bitswarm.protocol.pick.RarestFirstPicker;

/**
 * A client profile ({@code protocol.profile}): every protocol default the way one real client sets it. Keys
 * written in the scenario still override the profile's values, in the swarm's protocol block and in a group's.
 * Each value, with the client's source (file and setting names) and what has no equivalent in the model, is in
 * docs/profiles.md; a test keeps that table equal to {@link #spec()}.
 *
 * <p>{@link #MAINLINE} is {@link ProtocolSpec#defaults()}, so scenarios without a profile run as before; it
 * differs from mainline 4.x's own rules in five keys, which {@link #MAINLINE_STRICT} follows (docs/profiles.md).
 */
public enum Profile implements Preset {
    /** BitTorrent mainline 4.x (Choker.py, PiecePicker.py, Downloader.py): Bitswarm's defaults. */
    MAINLINE,
    /**
     * Mainline 4.x in every key the model has: upload slots from the upload rate, a pipeline of 2 requests plus
     * 4 s of the connection's rate, a rechoke when a connection opens, a HAVE to every peer, no peer exchange.
     */
    MAINLINE_STRICT,
    /** libtorrent-rasterbar 2.0.8 (settings_pack defaults, choker.cpp, piece_picker.hpp). */
    LIBTORRENT,
    /** Transmission 4.0 (libtransmission peer-mgr.c, session settings). */
    TRANSMISSION;

    private static final long S = 1_000_000_000L;

    /** The profile's whole protocol block: what {@code protocol: {profile: NAME}} with no other key gives. */
    public ProtocolSpec spec() {
        ProtocolSpec d = ProtocolSpec.defaults();
        return switch (this) {
            case MAINLINE -> d;
            case MAINLINE_STRICT -> new ProtocolSpec(this,
                    new ProtocolSpec.ConnectionSpec(80, 40, 2, 4 * S, 50, ProtocolSpec.ConnectionSpec.PipelineRule.SUM, 300, 0),
                    new TitForTatChoker.Config(0, 10 * S, 30 * S, 3, true, 30 * S, true, true),
                    d.pieceSelection(), d.links(),
                    new ProtocolSpec.HaveSpec(true, 0),
                    new ProtocolSpec.PexSpec(false, 60 * S),
                    d.banThreshold(), d.smartBan(), d.ipOverhead());
            case LIBTORRENT -> new ProtocolSpec(this,
                    new ProtocolSpec.ConnectionSpec(200, 200, 2, 3 * S, 500, 3000, S / 2),
                    LibtorrentChoker.Config.defaults(),
                    new RarestFirstPicker.Config(true, 4, true, RarestFirstPicker.StartedRule.LIBTORRENT),
                    BlockRoundRobin.Config.defaults(),
                    new ProtocolSpec.HaveSpec(true, 0),
                    new ProtocolSpec.PexSpec(true, 60 * S),
                    4, true, new ProtocolSpec.IpOverhead(40, 1460, true));
            case TRANSMISSION -> new ProtocolSpec(this,
                    new ProtocolSpec.ConnectionSpec(50, 50, 4, 10 * S, 500, ProtocolSpec.ConnectionSpec.PipelineRule.LEAST, 0, 0,
                            60 * S, 300 * S),
                    new TitForTatChoker.Config(9, 10 * S, 40 * S, 3, false, 30 * S, false, false),
                    new RarestFirstPicker.Config(true, 0, true, RarestFirstPicker.StartedRule.ALWAYS),
                    BlockRoundRobin.Config.defaults(),
                    new ProtocolSpec.HaveSpec(true, 0),
                    new ProtocolSpec.PexSpec(true, 90 * S),
                    5, false, ProtocolSpec.IpOverhead.defaults());
        };
    }

    /** The profile's block of each type: its configuration records by class, its strategies by interface. */
    @Override
    public Object defaults(Class<?> type) {
        return blocks().get(type);
    }

    private Map<Class<?>, Object> blocks() {
        ProtocolSpec spec = spec();
        Map<Class<?>, Object> out = new HashMap<>();
        out.put(ProtocolSpec.class, spec);
        for (RecordComponent c : ProtocolSpec.class.getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(spec);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v instanceof Record r) {
                out.put(r.getClass(), r);
                if (c.getType().isInterface()) {
                    out.put(c.getType(), r);
                }
            }
        }
        return out;
    }
}
