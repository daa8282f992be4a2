package org.bitswarm.protocol.link;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.strategy.LinkScheduler;

/**
 * Weighted fair queueing at block granularity (start-time fair queueing): each flow has a virtual finish time,
 * advanced by a block's transmission time divided by the flow's weight ({@link
 * org.bitswarm.protocol.strategy.Choker#weight}); the uplink always sends the waiting flow with the smallest
 * one, so over many blocks the flows share the uplink in proportion to their weights. A flow that was idle
 * restarts at the current virtual time (no credit for idleness). With equal weights it is round robin. This
 * is how a choker can give peers different rates (PropShare, BitTyrant). The downlink is paced by the
 * receiver as in {@link BlockRoundRobin}.
 */
public final class WeightedFair extends BlockScheduler {
    private final List<Flow> flows = new ArrayList<>();
    private double vtime;
    private int best;

    public WeightedFair(Uplink uplink, Downlink downlink) {
        this(uplink, downlink, 0);
    }

    public WeightedFair(Uplink uplink, Downlink downlink, long sendAhead) {
        super(uplink, downlink, sendAhead);
    }

    @Override
    void enqueue(Flow flow) {
        flow.pass(Math.max(flow.pass(), vtime));
        flows.add(flow);
    }

    @Override
    boolean anyWaiting() {
        return !flows.isEmpty();
    }

    /** The waiting flow with the smallest virtual finish time (the first one on a tie). */
    @Override
    Flow next() {
        best = 0;
        for (int i = 1; i < flows.size(); i++) {
            if (flows.get(i).pass() < flows.get(best).pass()) {
                best = i;
            }
        }
        return flows.get(best);
    }

    @Override
    void notReady(Flow flow) {
        flows.remove(best);
    }

    @Override
    void served(Flow f, long tx, boolean more) {
        vtime = f.pass();
        f.pass(f.pass() + tx / Math.max(1e-6, f.weight()));
        if (!more) {
            flows.remove(best);
        }
    }

    @Doc("weighted fair queueing of blocks: unchoked peers get uplink shares by the choker's weights")
    public record Config(@Doc(Downlink.DOC) Downlink downlink,
            @Doc(BlockScheduler.SEND_AHEAD_DOC) @Unit(Unit.Kind.DURATION) long sendAhead) implements Downlink.Configured {
        public Config {
            ConfigError.require(downlink != null, "downlink", "missing");
            BlockScheduler.checkSendAhead(sendAhead);
        }

        public static Config defaults() {
            return new Config(Downlink.PACED, 0);
        }

        public Config withDownlink(Downlink v) {
            return new Config(v, sendAhead);
        }

        public Config withSendAhead(long v) {
            return new Config(downlink, v);
        }

        @Override
        public LinkScheduler create(Uplink uplink) {
            return new WeightedFair(uplink, downlink, sendAhead);
        }
    }
}
