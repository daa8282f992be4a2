package org.bitswarm.protocol.link;

import java.util.ArrayDeque;
import org.bitswarm.engine.Context;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.strategy.LinkConfig;
import org.bitswarm.protocol.strategy.LinkScheduler;
import org.bitswarm.protocol.wire.Kind;

/**
 * Processor sharing at block granularity. The uplink serialises one block at a time: blocks requested by
 * unchoked peers wait per connection, and the uplink serves the connections round-robin, one 16 KiB block
 * each. The downlink is enforced by the receiver: every request reserves the block's transmission time on the
 * downlink and is held back until its reservation starts, so requests (hence arrivals, in the long run) never
 * exceed the download capacity. Known error against flow-level max-min sharing: a block, once started, holds
 * the whole uplink (up to one block time of extra delay per hop); an uploader whose receivers are
 * downlink-bound does not give the spare rate to its other flows until requests dry up; reservations are made
 * at request time, so a reservation lost to a choke is not returned, and arrivals from several uploaders may
 * bunch briefly above the downlink rate.
 */
public final class BlockRoundRobin implements LinkScheduler {
    private final Uplink uplink;
    private final ArrayDeque<Flow> queue = new ArrayDeque<>();
    private boolean busy;
    private final DownlinkPacer downlink = new DownlinkPacer();

    public BlockRoundRobin(Uplink uplink) {
        this.uplink = uplink;
    }

    @Override
    public void offer(Context ctx, Flow flow) {
        if (!flow.queued()) {
            flow.queued(true);
            queue.add(flow);
        }
        start(ctx);
    }

    @Override
    public void uplinkDone(Context ctx) {
        busy = false;
        start(ctx);
    }

    /** Starts the next block: round-robin over connections with waiting requests. */
    private void start(Context ctx) {
        while (!busy && !queue.isEmpty()) {
            Flow f = queue.poll();
            if (!f.ready()) {
                f.queued(false);
                continue;
            }
            long tx = uplink.transmit(ctx, f, f.nextBlock());
            ctx.schedule(tx, Kind.UPLINK_DONE, null);
            busy = true;
            if (f.hasMore()) {
                queue.add(f);
            } else {
                f.queued(false);
            }
        }
    }

    @Override
    public long reserveDownlink(long now, int wire, long rate) {
        return downlink.reserve(now, wire, rate);
    }

    /** No settings. */
    @Doc("block-level round robin on the uplink, receiver-paced downlink")
    public record Config() implements LinkConfig {
        public static Config defaults() {
            return new Config();
        }

        @Override
        public LinkScheduler create(Uplink uplink) {
            return new BlockRoundRobin(uplink);
        }
    }
}
