package org.bitswarm.protocol.link;

import java.util.ArrayDeque;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.strategy.LinkScheduler;

/**
 * Processor sharing at block granularity. The uplink serialises one block at a time: blocks requested by
 * unchoked peers wait per connection, and the uplink serves the connections round-robin, one 16 KiB block
 * each. The receiver's downlink is a link of its own ({@link Downlink}): by default blocks that have crossed the
 * network pass it first come, first served, so a client never receives faster than its downlink at any time scale
 * (issue 11). Known error against flow-level max-min sharing: a block, once started, holds the whole uplink (up
 * to one block time of extra delay per hop); an uploader whose receiver is downlink-bound still spends its own
 * block time on the block (TCP would slow that flow and lend the rate to the others), while the block waits at
 * the receiver.
 */
public final class BlockRoundRobin extends BlockScheduler {
    private final ArrayDeque<Flow> queue = new ArrayDeque<>();

    public BlockRoundRobin(Uplink uplink, Downlink downlink) {
        this(uplink, downlink, 0);
    }

    public BlockRoundRobin(Uplink uplink, Downlink downlink, long sendAhead) {
        super(uplink, downlink, sendAhead);
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

    @Doc("block-level round robin on the uplink, the downlink at the receiver")
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
            return new BlockRoundRobin(uplink, downlink, sendAhead);
        }
    }
}
