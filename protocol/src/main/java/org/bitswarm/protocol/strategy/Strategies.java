package org.bitswarm.protocol.strategy;

import org.bitswarm.protocol.choke.BitTyrantChoker;
import org.bitswarm.protocol.choke.LibtorrentChoker;
import org.bitswarm.protocol.choke.PropShareChoker;
import org.bitswarm.protocol.choke.RandomChoker;
import org.bitswarm.protocol.choke.SuperSeedChoker;
import org.bitswarm.protocol.choke.TitForTatChoker;
import org.bitswarm.protocol.link.BlockRoundRobin;
import org.bitswarm.protocol.link.WeightedFair;
import org.bitswarm.protocol.net.CoordinateLatency;
import org.bitswarm.protocol.net.FixedLatency;
import org.bitswarm.protocol.net.MatrixLatency;
import org.bitswarm.protocol.net.UniformLatency;
import org.bitswarm.protocol.pick.RandomPicker;
import org.bitswarm.protocol.pick.RarestFirstPicker;
import org.bitswarm.protocol.pick.SequentialPicker;

/**
 * Every pluggable policy, one line each: the YAML kind name and the configuration record, which builds the
 * policy. The first kind of each registry is its default. To add a policy, write the class (its
 * configuration record nested in it) and add its line here; the scenario binder, the validation and the
 * generated reference pick it up from this list (see docs/extending.md).
 */
public final class Strategies {
    private Strategies() {}

    public static final Registry<ChokerConfig> CHOKERS = Registry.of(ChokerConfig.class)
            .register("tit_for_tat", TitForTatChoker.Config.class)
            .register("random", RandomChoker.Config.class)
            .register("prop_share", PropShareChoker.Config.class)
            .register("bit_tyrant", BitTyrantChoker.Config.class)
            .register("super_seed", SuperSeedChoker.Config.class)
            .register("libtorrent", LibtorrentChoker.Config.class)
            .build();

    public static final Registry<PickerConfig> PICKERS = Registry.of(PickerConfig.class)
            .register("rarest_first", RarestFirstPicker.Config.class)
            .register("random", RandomPicker.Config.class)
            .register("sequential", SequentialPicker.Config.class)
            .build();

    public static final Registry<LinkConfig> LINKS = Registry.of(LinkConfig.class)
            .register("block_round_robin", BlockRoundRobin.Config.class)
            .register("weighted_fair", WeightedFair.Config.class)
            .build();

    public static final Registry<LatencyConfig> LATENCIES = Registry.of(LatencyConfig.class)
            .register("uniform", UniformLatency.Config.class)
            .register("fixed", FixedLatency.Config.class)
            .register("matrix", MatrixLatency.Config.class)
            .register("coordinates", CoordinateLatency.Config.class)
            .build();
}
