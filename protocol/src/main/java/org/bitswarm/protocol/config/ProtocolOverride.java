package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.strategy.ChokerConfig;
import org.bitswarm.protocol.strategy.LinkConfig;
import org.bitswarm.protocol.strategy.PickerConfig;

/**
 * A group's own protocol blocks: each block given replaces the swarm's block of that name as a whole (its keys
 * not given take the defaults of the profile in force: the group's own {@code profile}, else the swarm's), so
 * one group can run a different client, for example a strategic choker among mainline ones. A block left out
 * (null) is the swarm's; with a {@code profile} of its own, the group runs that client: a block left out is
 * then the profile's, not the swarm's.
 */
public record ProtocolOverride(
        @Doc("this group's client profile (mainline, mainline_strict, libtorrent, transmission): its blocks not given are the profile's")
        Profile profile,
        @Doc("connection limits and pipelining of this group") ProtocolSpec.ConnectionSpec connections,
        @Doc("this group's choker") ChokerConfig choker,
        @Doc("this group's piece picker") PickerConfig pieceSelection,
        @Doc("this group's link scheduler") LinkConfig links,
        @Doc("this group's HAVE settings") ProtocolSpec.HaveSpec have,
        @Doc("this group's peer exchange") ProtocolSpec.PexSpec pex,
        @Doc("this group's ban threshold") Integer banThreshold,
        @Doc("this group's smart ban") Boolean smartBan,
        @Doc("this group's TCP/IP header overhead") ProtocolSpec.IpOverhead ipOverhead) {

    /** Nothing overridden. */
    public static ProtocolOverride defaults() {
        return new ProtocolOverride(null, null, null, null, null, null, null, null, null, null);
    }

    public boolean isEmpty() {
        return equals(defaults());
    }

    /** The swarm's protocol with this group's blocks in place of its own (validated as a whole). */
    public ProtocolSpec over(ProtocolSpec base) {
        if (isEmpty()) {
            return base;
        }
        if (profile != null) {
            base = profile.spec();
        }
        return new ProtocolSpec(base.profile(), connections != null ? connections : base.connections(),
                choker != null ? choker : base.choker(),
                pieceSelection != null ? pieceSelection : base.pieceSelection(),
                links != null ? links : base.links(),
                have != null ? have : base.have(),
                pex != null ? pex : base.pex(),
                banThreshold != null ? banThreshold : base.banThreshold(),
                smartBan != null ? smartBan : base.smartBan(),
                ipOverhead != null ? ipOverhead : base.ipOverhead());
    }

    /** Only the choker replaced. */
    public static ProtocolOverride choker(ChokerConfig c) {
        return new ProtocolOverride(null, null, c, null, null, null, null, null, null, null);
    }

    /** Only the choker and the link scheduler replaced. */
    public static ProtocolOverride choker(ChokerConfig c, LinkConfig links) {
        return new ProtocolOverride(null, null, c, null, links, null, null, null, null, null);
    }
}
