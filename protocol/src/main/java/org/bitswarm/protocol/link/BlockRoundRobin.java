package org.bitswarm.protocol.link;

import java.util.ArrayDeque;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.strategy.LinkConfig;
import org.bitswarm.protocol.strategy.LinkScheduler;

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
public final class BlockRoundRobin extends BlockScheduler {
    private final ArrayDeque<Flow> queue = new ArrayDeque<>();

    public BlockRoundRobin(Uplink uplink) {
        super(uplink);
    }

    @Override
    void enqueue(Flow flow) {
        queue.add(flow);
    }

    @Override
    boolean anyWaiting() {
        return !queue.isEmpty();
    }

    /** Round robin over connections with waiting requests: the head of the queue, taken off it. */
    @Override
    Flow next() {
        return queue.poll();
    }

    @Override
    void notReady(Flow flow) {
        // already off the queue
    }

    @Override
    void served(Flow flow, long tx, boolean more) {
        if (more) {
            queue.add(flow);
        }
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
