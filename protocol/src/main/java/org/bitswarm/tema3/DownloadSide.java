package org.bitswarm.tema3;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bitswarm.engine.Context;

/**
 * The downloading half of a client (the exercise's download thread). After the tracker's ACK it fetches its
 * wanted files one after the other: it asks the tracker for the file's swarm, then requests missing segments
 * by hash, keeping up to {@link Tema3Model.Timing#pipeline()} requests in flight.
 *
 * <p>Each segment goes to the least loaded holder: fewest of our requests still outstanding there, then fewest
 * of our requests for this file sent there, ties broken by the client's own random stream. The second key
 * makes the requests for a file rotate over the holders that serve it, so a file never comes from a single
 * source when several can serve it. A holder that refuses a segment (a peer still downloading) is not asked
 * for it again until the next swarm update, which the client requests after every 10 segments received.
 */
final class DownloadSide {
    private static final int TIE_BREAK = 0;
    private static final byte MISSING = 0;
    private static final byte REQUESTED = 1;
    private static final byte RECEIVED = 2;

    private final List<String> wanted;
    private final SegmentStore store;
    private final Tema3Model.Timing timing;
    private final List<ClientReport.Download> finished = new ArrayList<>();
    private final Map<Long, Integer> outstanding = new TreeMap<>();
    private int inFlight;
    private int receivedTotal;
    private boolean allDone;

    // The file being fetched.
    private int current = -1;
    private List<String> hashes;
    private long[] holders;
    private byte[] state;
    private List<Set<Long>> refused;
    private Map<Long, Integer> askedForFile;
    private Map<Long, Integer> sources;
    private int received;

    DownloadSide(List<String> wanted, SegmentStore store, Tema3Model.Timing timing) {
        this.wanted = wanted;
        this.store = store;
        this.timing = timing;
    }

    void initAck(Context ctx) {
        nextFile(ctx);
    }

    private void nextFile(Context ctx) {
        current++;
        hashes = null;
        if (current == wanted.size()) {
            allDone = true;
            ctx.send(Tema3Model.TRACKER, timing.latency(), Messages.ALL_DONE, null);
            return;
        }
        askSwarm(ctx);
    }

    private void askSwarm(Context ctx) {
        ctx.send(Tema3Model.TRACKER, timing.latency(), Messages.SWARM_REQUEST, new Messages.FileName(wanted.get(current)));
    }

    void swarm(Context ctx, Messages.Swarm s) {
        if (allDone || !s.file().equals(wanted.get(current))) {
            return; // an update for a file already finished
        }
        if (hashes == null) {
            hashes = s.hashes();
            state = new byte[hashes.size()];
            refused = new ArrayList<>();
            for (int i = 0; i < hashes.size(); i++) {
                refused.add(new HashSet<>());
            }
            askedForFile = new TreeMap<>();
            sources = new TreeMap<>();
            received = 0;
            store.expect(s.file(), hashes.size());
        }
        holders = s.holders();
        refused.forEach(Set::clear);
        fill(ctx);
    }

    void ack(Context ctx, long from, Messages.Segment seg) {
        answered(from);
        int i = seg.index();
        if (!seg.hash().equals(hashes.get(i))) {
            // Wrong content: treat it like a refusal and fetch the segment elsewhere.
            refuse(ctx, from, i);
            return;
        }
        store.put(seg.file(), i, seg.hash());
        state[i] = RECEIVED;
        received++;
        sources.merge(from, 1, Integer::sum);
        boolean refresh = ++receivedTotal % 10 == 0;
        if (received == hashes.size()) {
            finished.add(new ClientReport.Download(seg.file(), ctx.now(), store.segments(seg.file()), sources));
            ctx.send(Tema3Model.TRACKER, timing.latency(), Messages.FILE_DONE, new Messages.FileName(seg.file()));
            nextFile(ctx);
            return;
        }
        if (refresh) {
            askSwarm(ctx);
        }
        fill(ctx);
    }

    void refused(Context ctx, long from, Messages.Segment seg) {
        answered(from);
        refuse(ctx, from, seg.index());
    }

    private void refuse(Context ctx, long from, int i) {
        state[i] = MISSING;
        refused.get(i).add(from);
        fill(ctx);
    }

    private void answered(long from) {
        outstanding.merge(from, -1, Integer::sum);
        inFlight--;
    }

    /** Requests missing segments, in order, while the pipeline has room and someone may have them. */
    private void fill(Context ctx) {
        for (int i = 0; i < state.length && inFlight < timing.pipeline(); i++) {
            if (state[i] != MISSING) {
                continue;
            }
            long peer = leastLoaded(ctx, refused.get(i));
            if (peer < 0) {
                continue;
            }
            state[i] = REQUESTED;
            inFlight++;
            outstanding.merge(peer, 1, Integer::sum);
            askedForFile.merge(peer, 1, Integer::sum);
            ctx.send(peer, timing.latency(), Messages.SEGMENT_REQUEST,
                    new Messages.Segment(wanted.get(current), i, hashes.get(i)));
        }
        if (inFlight == 0) {
            askSwarm(ctx); // every holder refused what is left: wait for the swarm to change
        }
    }

    private long leastLoaded(Context ctx, Set<Long> exclude) {
        long best = -1;
        long bestKey = Long.MAX_VALUE;
        int ties = 0;
        for (long p : holders) {
            if (exclude.contains(p)) {
                continue;
            }
            long key = (long) outstanding.getOrDefault(p, 0) << 32 | askedForFile.getOrDefault(p, 0);
            if (key < bestKey) {
                best = p;
                bestKey = key;
                ties = 1;
            } else if (key == bestKey && ctx.random(TIE_BREAK).nextInt(0, ties++) == 0) {
                best = p; // reservoir sampling: each tied holder is equally likely
            }
        }
        return best;
    }

    boolean allDone() {
        return allDone;
    }

    /** Downloads in wanted order, the unfinished ones with completion time -1. */
    List<ClientReport.Download> downloads() {
        List<ClientReport.Download> all = new ArrayList<>(finished);
        for (int f = finished.size(); f < wanted.size(); f++) {
            String name = wanted.get(f);
            all.add(new ClientReport.Download(name, -1, store.segments(name), f == current && sources != null ? sources : Map.of()));
        }
        return all;
    }
}
