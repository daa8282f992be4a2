package org.bitswarm.protocol.link;

import org.bitswarm.engine.Context;
import org.bitswarm.protocol.strategy.LinkScheduler;
import org.bitswarm.protocol.wire.Kind;

/**
 * What the block-granularity schedulers share: an uplink that sends one block at a time to the waiting flow
 * the subclass chooses, and the receiver's downlink ({@link DownlinkPacer}, modelled as {@link Downlink} says). A flow is waiting from
 * {@link #offer} until it has nothing more to send or is found not ready when its turn comes.
 */
abstract class BlockScheduler implements LinkScheduler {
    private final Uplink uplink;
    private boolean busy;
    private final DownlinkPacer downlink;

    BlockScheduler(Uplink uplink, Downlink downlink) {
        this.uplink = uplink;
        this.downlink = new DownlinkPacer(downlink);
    }

    /** Adds a flow that was not waiting. */
    abstract void enqueue(Flow flow);

    /** Whether any flow is waiting. */
    abstract boolean anyWaiting();

    /** The waiting flow whose turn it is (round robin takes it off its queue here). */
    abstract Flow next();

    /** The flow {@link #next} gave was not ready: it stops waiting. */
    abstract void notReady(Flow flow);

    /** A block of the flow {@link #next} gave takes {@code tx} on the uplink; {@code more}: it keeps waiting. */
    abstract void served(Flow flow, long tx, boolean more);

    @Override
    public final void offer(Context ctx, Flow flow) {
        if (!flow.queued()) {
            flow.queued(true);
            enqueue(flow);
        }
        start(ctx);
    }

    @Override
    public final void uplinkDone(Context ctx) {
        busy = false;
        start(ctx);
    }

    /** Starts the next block, if the uplink is free and a flow is ready. */
    private void start(Context ctx) {
        while (!busy && anyWaiting()) {
            Flow f = next();
            if (!f.ready()) {
                notReady(f);
                f.queued(false);
                continue;
            }
            long tx = uplink.transmit(ctx, f, f.nextBlock());
            ctx.schedule(tx, Kind.UPLINK_DONE, null);
            busy = true;
            boolean more = f.hasMore();
            served(f, tx, more);
            if (!more) {
                f.queued(false);
            }
        }
    }

    @Override
    public final long reserveDownlink(long now, int wire, long rate) {
        return downlink.reserve(now, wire, rate);
    }

    @Override
    public final void releaseDownlink(long now, int wire, long rate) {
        downlink.release(now, wire, rate);
    }

    @Override
    public final long arriveDownlink(long now, int wire, long rate) {
        return downlink.arrive(now, wire, rate);
    }
}
