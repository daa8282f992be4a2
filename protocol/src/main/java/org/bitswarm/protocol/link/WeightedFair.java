package org.bitswarm.protocol.link;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.Context;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.strategy.LinkConfig;
import org.bitswarm.protocol.strategy.LinkScheduler;
import org.bitswarm.protocol.wire.Kind;

/**
 * Weighted fair queueing at block granularity (start-time fair queueing): each flow has a virtual finish time,
 * advanced by a block's transmission time divided by the flow's weight ({@link
 * org.bitswarm.protocol.strategy.Choker#weight}); the uplink always sends the waiting flow with the smallest
 * one, so over many blocks the flows share the uplink in proportion to their weights. A flow that was idle
 * restarts at the current virtual time (no credit for idleness). With equal weights it is round robin. This
 * is how a choker can give peers different rates (PropShare, BitTyrant). The downlink is paced by the
 * receiver as in {@link BlockRoundRobin}.
 */
public final class WeightedFair implements LinkScheduler {
    private final Uplink uplink;
    private final List<Flow> flows = new ArrayList<>();
    private boolean busy;
    private double vtime;
    private final DownlinkPacer downlink = new DownlinkPacer();

    public WeightedFair(Uplink uplink) {
        this.uplink = uplink;
    }

    @Override
    public void offer(Context ctx, Flow flow) {
        if (!flow.queued()) {
            flow.queued(true);
            flow.pass(Math.max(flow.pass(), vtime));
            flows.add(flow);
        }
        start(ctx);
    }

    @Override
    public void uplinkDone(Context ctx) {
        busy = false;
        start(ctx);
    }

    private void start(Context ctx) {
        while (!busy && !flows.isEmpty()) {
            int best = 0;
            for (int i = 1; i < flows.size(); i++) {
                if (flows.get(i).pass() < flows.get(best).pass()) {
                    best = i;
                }
            }
            Flow f = flows.get(best);
            if (!f.ready()) {
                flows.remove(best);
                f.queued(false);
                continue;
            }
            long tx = uplink.transmit(ctx, f, f.nextBlock());
            ctx.schedule(tx, Kind.UPLINK_DONE, null);
            busy = true;
            vtime = f.pass();
            f.pass(f.pass() + tx / Math.max(1e-6, f.weight()));
            if (!f.hasMore()) {
                flows.remove(best);
                f.queued(false);
            }
        }
    }

    @Override
    public long reserveDownlink(long now, int wire, long rate) {
        return downlink.reserve(now, wire, rate);
    }

    @Doc("weighted fair queueing of blocks: unchoked peers get uplink shares by the choker's weights")
    public record Config() implements LinkConfig {
        public static Config defaults() {
            return new Config();
        }

        @Override
        public LinkScheduler create(Uplink uplink) {
            return new WeightedFair(uplink);
        }
    }
}
