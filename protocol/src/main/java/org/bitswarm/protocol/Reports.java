package org.bitswarm.protocol;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.ByteReader;
import org.bitswarm.engine.RunResult;
import org.bitswarm.protocol.config.Enums;

/** The entities' final reports, decoded (the layout mirrors {@code Client.report} and {@code Tracker.report}). */
public final class Reports {
    /** One client's part in one torrent. Times in ticks, -1 when it never happened. */
    public record SessionReport(long peer, int group, int torrent, Enums.Role role, long joinedAt, long completedAt,
            long leftAt, long uploaded, long downloaded, long duplicate, long hashFailures, long wasted,
            long acceptedCorrupt, int bannedPeers, int haveCount, int initialPieces, long[] spans, long[] verifyTime,
            int verified) {}

    /**
     * One client: link capacities, per-interval byte counts and its last block sends (for bytes in flight). The
     * series count payload bytes spread over their time on the wire: {@code upSeries} the blocks this client sent,
     * over their transmission on its uplink; {@code downSeries} the blocks it received, over one block time at its
     * downlink rate ending when it received them; summed over the clients they give the swarm's upload and
     * download per interval. {@code tailSeries}:
     * ticks per interval the uplink went on sending after the client's last session left (the block in flight).
     * {@code downQueued}, {@code downQueuedBlocks}: payload bytes and blocks still waiting for this client's
     * downlink at the end ({@code links.downlink: paced}; also in flight).
     */
    public record ClientReport(long id, int group, long up, long down, boolean corrupt, long overhead, long[] upSeries,
            long[] downSeries, long[] tailSeries, long[] ringArrival, long[] ringBytes, long downQueued,
            int downQueuedBlocks, List<SessionReport> sessions) {}

    public record TrackerReport(long id, long announces, long dropped, long doneSignals) {}

    public final List<ClientReport> clients = new ArrayList<>();
    public final List<TrackerReport> trackers = new ArrayList<>();
    public final List<SessionReport> sessions = new ArrayList<>();

    public Reports(int trackerCount, RunResult run) {
        for (RunResult.EntityReport e : run.reports()) {
            ByteReader in = e.reader();
            if (e.id() < trackerCount) {
                trackers.add(new TrackerReport(e.id(), in.getLong(), in.getLong(), in.getLong()));
                continue;
            }
            int group = in.getInt();
            long up = in.getLong();
            long down = in.getLong();
            boolean corrupt = in.getByte() != 0;
            long overhead = in.getLong();
            long[] us = in.getLongs();
            long[] ds = in.getLongs();
            long[] tail = in.getLongs();
            long[] ra = in.getLongs();
            long[] rb = in.getLongs();
            long queued = in.getLong();
            int queuedBlocks = in.getInt();
            int n = in.getInt();
            List<SessionReport> ss = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SessionReport s = new SessionReport(e.id(), group, in.getInt(), Enums.Role.values()[in.getInt()],
                        in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                        in.getLong(), in.getLong(), in.getInt(), in.getInt(), in.getInt(), in.getLongs(), in.getLongs(),
                        in.getInt());
                ss.add(s);
                sessions.add(s);
            }
            clients.add(new ClientReport(e.id(), group, up, down, corrupt, overhead, us, ds, tail, ra, rb, queued, queuedBlocks,
                    ss));
        }
    }
}
