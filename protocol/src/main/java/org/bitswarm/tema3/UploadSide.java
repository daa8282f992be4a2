package org.bitswarm.tema3;

import java.util.Map;
import java.util.TreeMap;
import org.bitswarm.engine.Context;

/**
 * The serving half of a client (the exercise's upload thread): it answers segment requests from its store,
 * one at a time. Requests queue behind each other (FIFO, a fixed time per segment), so a popular peer answers
 * later: that is the load the download sides of other clients try to spread.
 */
final class UploadSide {
    private final SegmentStore store;
    private final Tema3Model.Timing timing;
    private final Map<String, Integer> served = new TreeMap<>();
    private long busyUntil;

    UploadSide(SegmentStore store, Tema3Model.Timing timing) {
        this.store = store;
        this.timing = timing;
    }

    void request(Context ctx, long from, Messages.Segment want) {
        String have = store.get(want.file(), want.index());
        if (have == null || !have.equals(want.hash())) {
            ctx.send(from, timing.latency(), Messages.SEGMENT_REFUSED, new Messages.Segment(want.file(), want.index(), ""));
            return;
        }
        busyUntil = Math.max(busyUntil, ctx.now()) + timing.segmentTime();
        served.merge(want.file(), 1, Integer::sum);
        long delay = busyUntil - ctx.now() + timing.latency();
        ctx.send(from, delay, Messages.SEGMENT_ACK, new Messages.Segment(want.file(), want.index(), have));
    }

    /** Segments served per file, in file order. */
    Map<String, Integer> served() {
        return served;
    }
}
