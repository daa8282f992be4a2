package org.bitswarm.tema3;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bitswarm.engine.ByteWriter;
import org.bitswarm.engine.Context;
import org.bitswarm.engine.Entity;
import org.bitswarm.engine.Payload;

/**
 * Rank 0 of the exercise: it keeps, per file, the hashes and the swarm (seeds and peers), and coordinates the
 * start and the end. It never sends a segment. Sorted collections keep every answer independent of hashing.
 */
final class Tracker implements Entity {
    private final int clients;
    private final long delay;
    private final Map<String, List<String>> hashes = new TreeMap<>();
    private final Map<String, TreeSet<Long>> seeds = new TreeMap<>();
    private final Map<String, TreeSet<Long>> peers = new TreeMap<>();
    private int initialised;
    private int done;
    private boolean stopped;

    Tracker(int clients, long delay) {
        this.clients = clients;
        this.delay = delay;
    }

    @Override
    public void handle(Context ctx, long source, int kind, Payload payload) {
        switch (kind) {
            case Messages.INIT -> init(ctx, source, (Messages.Owned) payload);
            case Messages.SWARM_REQUEST -> swarm(ctx, source, ((Messages.FileName) payload).file());
            case Messages.FILE_DONE -> holders(seeds, ((Messages.FileName) payload).file()).add(source);
            case Messages.ALL_DONE -> allDone(ctx);
            default -> throw new IllegalStateException("tracker got " + Messages.describe(kind, payload));
        }
    }

    /** Waits for every client's list, as the exercise's tracker did, before letting anyone download. */
    private void init(Context ctx, long source, Messages.Owned owned) {
        for (Tema3Input.OwnedFile f : owned.files()) {
            hashes.putIfAbsent(f.name(), f.hashes());
            holders(seeds, f.name()).add(source);
        }
        if (++initialised == clients) {
            for (long c = 1; c <= clients; c++) {
                ctx.send(c, delay, Messages.INIT_ACK, null);
            }
        }
    }

    private void swarm(Context ctx, long source, String file) {
        TreeSet<Long> all = new TreeSet<>(holders(seeds, file));
        all.addAll(holders(peers, file));
        all.remove(source);
        holders(peers, file).add(source);
        long[] ids = all.stream().mapToLong(Long::longValue).toArray();
        ctx.send(source, delay, Messages.SWARM, new Messages.Swarm(file, hashes.getOrDefault(file, List.of()), ids));
    }

    private void allDone(Context ctx) {
        if (++done == clients) {
            for (long c = 1; c <= clients; c++) {
                ctx.send(c, delay, Messages.STOP, null);
            }
            stopped = true;
        }
    }

    private static TreeSet<Long> holders(Map<String, TreeSet<Long>> m, String file) {
        return m.computeIfAbsent(file, f -> new TreeSet<>());
    }

    /** Whether it sent STOP, and the final seed count per file. */
    @Override
    public void report(ByteWriter out) {
        out.putByte(stopped ? 1 : 0);
        out.putInt(seeds.size());
        seeds.forEach((f, s) -> out.putString(f).putInt(s.size()));
    }
}
