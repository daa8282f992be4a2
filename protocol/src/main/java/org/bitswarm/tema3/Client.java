package org.bitswarm.tema3;

import org.bitswarm.engine.ByteWriter;
import org.bitswarm.engine.Context;
import org.bitswarm.engine.Entity;
import org.bitswarm.engine.Payload;

/**
 * Client rank R of the exercise. Its two threads become two handlers over one store: the download side
 * reacts to the tracker and to answers, the upload side to other clients' requests. STOP only marks the
 * client stopped: the tracker sends it once every client is done, so no request can still be on its way.
 */
final class Client implements Entity {
    private final Tema3Input.Client input;
    private final Tema3Model.Timing timing;
    private final SegmentStore store = new SegmentStore();
    private final DownloadSide download;
    private final UploadSide upload;
    private boolean stopped;

    Client(Tema3Input.Client input, Tema3Model.Timing timing) {
        this.input = input;
        this.timing = timing;
        input.owned().forEach(store::own);
        download = new DownloadSide(input.wanted(), store, timing);
        upload = new UploadSide(store, timing);
    }

    @Override
    public void start(Context ctx) {
        ctx.send(Tema3Model.TRACKER, timing.latency(), Messages.INIT, new Messages.Owned(input.owned()));
    }

    @Override
    public void handle(Context ctx, long source, int kind, Payload payload) {
        switch (kind) {
            case Messages.INIT_ACK -> download.initAck(ctx);
            case Messages.SWARM -> download.swarm(ctx, (Messages.Swarm) payload);
            case Messages.SEGMENT_ACK -> download.ack(ctx, source, (Messages.Segment) payload);
            case Messages.SEGMENT_REFUSED -> download.refused(ctx, source, (Messages.Segment) payload);
            case Messages.SEGMENT_REQUEST -> upload.request(ctx, source, (Messages.Segment) payload);
            case Messages.STOP -> stopped = true;
            default -> throw new IllegalStateException("client " + input.rank() + " got " + Messages.describe(kind, payload));
        }
    }

    @Override
    public void report(ByteWriter out) {
        new ClientReport(input.rank(), stopped, download.downloads(), upload.served()).write(out);
    }
}
