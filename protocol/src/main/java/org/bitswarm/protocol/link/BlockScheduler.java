package org.bitswarm.protocol.link;

import org.bitswarm.engine.Context;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.protocol.strategy.LinkScheduler;
import org.bitswarm.protocol.wire.Kind;

/**
 * What the block-granularity schedulers share: an uplink that sends one block at a time to the waiting flow
 * the subclass chooses, and the receiver's downlink ({@link DownlinkPacer}, modelled as {@link Downlink} says). A flow is waiting from
 * {@link #offer} until it has nothing more to send or is found not ready when its turn comes.
 *
 * <p>With {@code send_ahead} {@code H > 0} one decision hands the uplink several blocks: the subclass's next
 * choices, back to back, until they fill at least {@code H} of uplink time or make {@link #SEND_AHEAD_BLOCKS}
 * blocks (or nothing more is waiting), and one
 * {@link Kind#UPLINK_DONE} timer ends them all, as a socket send buffer of {@code H}'s worth of data would. Each
 * block still starts when the one before it has left, at the same rate; what changes is that the choice of the
 * later blocks is made up to {@code H} early, so a choke, cancel or new request arriving meanwhile acts only on
 * the blocks after them. {@code H = 0} (the default) is one block per decision, one timer per block.
 */
abstract class BlockScheduler implements LinkScheduler {
    private final Uplink uplink;
    private boolean busy;
    private final DownlinkPacer downlink;
    /** Uplink time (ticks) one decision fills at least; 0: one block. */
    private final long sendAhead;

    BlockScheduler(Uplink uplink, Downlink downlink, long sendAhead) {
        this.uplink = uplink;
        this.downlink = new DownlinkPacer(downlink);
        this.sendAhead = sendAhead;
    }

    /** The {@code send_ahead} key's documentation, shared by the block schedulers' configs. */
    static final String SEND_AHEAD_DOC = "uplink time one scheduling decision fills: 0 = one block per decision (an"
            + " uplink_done event per block); e.g. 500ms = the scheduler's next blocks, back to back, until they fill"
            + " 500 ms or make 32 blocks (a send buffer of that much data: a choke, cancel or request acts after"
            + " them; fewer events; at most 2s)";

    /** Upper bound of {@code send_ahead}. */
    static final long SEND_AHEAD_MAX = 2_000_000_000L;

    /**
     * Most blocks one decision hands over, whatever {@code send_ahead} says: well inside the 256 last blocks a
     * client reports for the bytes-in-flight invariant, on fast uplinks too.
     */
    static final int SEND_AHEAD_BLOCKS = 32;

    static void checkSendAhead(long sendAhead) {
        ConfigError.require(sendAhead >= 0 && sendAhead <= SEND_AHEAD_MAX, "send_ahead", "must be in [0s, 2s]");
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

    /**
     * Starts the next block, if the uplink is free and a flow is ready; with {@code send_ahead}, the blocks after
     * it too, each starting when the previous one ends ({@code after} ticks from now), until they fill
     * {@code send_ahead}. The timer is set as soon as the decision is complete, so that with {@code send_ahead: 0}
     * the events are created in the same order as always.
     */
    private void start(Context ctx) {
        long after = 0;
        int blocks = 0;
        while (!busy && anyWaiting()) {
            Flow f = next();
            if (!f.ready()) {
                notReady(f);
                f.queued(false);
                continue;
            }
            long tx = uplink.transmit(ctx, f, f.nextBlock(), after);
            after += tx;
            if (after >= sendAhead || ++blocks == SEND_AHEAD_BLOCKS) {
                ctx.schedule(after, Kind.UPLINK_DONE, null);
                busy = true;
            }
            boolean more = f.hasMore();
            served(f, tx, more);
            if (!more) {
                f.queued(false);
            }
        }
        if (!busy && after > 0) {
            // nothing more waiting before the blocks handed over fill send_ahead: they end the decision
            ctx.schedule(after, Kind.UPLINK_DONE, null);
            busy = true;
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
