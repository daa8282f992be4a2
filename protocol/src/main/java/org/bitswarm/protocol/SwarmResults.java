package org.bitswarm.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.Reports.ClientReport;
import org.bitswarm.protocol.Reports.SessionReport;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.SwarmConfig;

/**
 * The result files of a swarm run, computed only from what the entities reported at the end (never by reading
 * entities during the run), so they are identical for any number of ranks.
 *
 * <p>peers.csv has one row per (client, torrent) in id order. {@code peer} is the client's entity id;
 * {@code rank} is the client's completion order within its torrent (1 = first to finish, ties by id), empty
 * if it never finished; it is not the MPI rank. Times are seconds with nine decimals, empty if they never
 * happened. A seed that never downloaded has an empty {@code completed_s}.
 */
public final class SwarmResults {
    public static final List<String> PEERS_HEADER = List.of("peer", "torrent", "role", "rank", "joined_s", "completed_s",
            "uploaded_bytes", "downloaded_bytes", "hash_failures", "banned_peers", "group", "left_s", "download_time_s",
            "duplicate_bytes", "wasted_bytes", "upload_capacity_bps", "download_capacity_bps", "corrupt");
    public static final List<String> TIMESERIES_HEADER = List.of("time_s", "leechers", "seeds", "upload_rate_bps",
            "download_rate_bps", "upload_utilisation", "min_availability", "mean_availability");

    private final SwarmConfig cfg;
    private final RunResult run;
    private final long endTime;
    private final Reports reports;

    private SwarmResults(SwarmConfig cfg, RunResult run, long endTime) {
        this.cfg = cfg;
        this.run = run;
        this.endTime = endTime;
        this.reports = new Reports(cfg.trackers().count(), run);
    }

    /** {@code endTime} is the run's configured end (ticks); the time series stops at the last event before it. */
    public static SwarmResults from(SwarmConfig cfg, RunResult run, long endTime) {
        return new SwarmResults(cfg, run, endTime);
    }

    public Reports reports() {
        return reports;
    }

    /** peers.csv as records, the header first; the front end's CSV writer quotes names that need it. */
    public List<List<String>> peersRows() {
        List<List<String>> out = new ArrayList<>();
        out.add(PEERS_HEADER);
        long[] ranks = completionRanks();
        int i = 0;
        for (ClientReport c : reports.clients) {
            for (SessionReport s : c.sessions()) {
                out.add(List.of(Long.toString(s.peer()), cfg.torrents().get(s.torrent()).name(),
                        s.role().name().toLowerCase(Locale.ROOT), ranks[i] > 0 ? Long.toString(ranks[i]) : "",
                        time(s.joinedAt()), time(s.completedAt()), Long.toString(s.uploaded()),
                        Long.toString(s.downloaded()), Long.toString(s.hashFailures()), Long.toString(s.bannedPeers()),
                        cfg.groups().get(s.group()).name(), time(s.leftAt()),
                        s.completedAt() >= 0 ? Ticks.format(s.completedAt() - s.joinedAt()) : "",
                        Long.toString(s.duplicate()), Long.toString(s.wasted()), Long.toString(c.up()),
                        Long.toString(c.down()), c.corrupt() ? "1" : "0"));
                i++;
            }
        }
        return out;
    }

    private long[] completionRanks() {
        List<SessionReport> all = reports.sessions;
        long[] rank = new long[all.size()];
        for (int t = 0; t < cfg.torrents().size(); t++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).torrent() == t && all.get(i).completedAt() >= 0) {
                    idx.add(i);
                }
            }
            idx.sort(Comparator.<Integer>comparingLong(i -> all.get(i).completedAt()).thenComparingLong(i -> all.get(i).peer()));
            for (int r = 0; r < idx.size(); r++) {
                rank[idx.get(r)] = r + 1;
            }
        }
        return rank;
    }

    private static String time(long t) {
        return t >= 0 ? Ticks.format(t) : "";
    }

    public LinkedHashMap<String, String> summaryMetrics() {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        long downloaders = 0;
        long completed = 0;
        long first = Long.MAX_VALUE;
        long last = -1;
        double sumCompletion = 0;
        double sumDownload = 0;
        long failures = 0;
        long wasted = 0;
        long bans = 0;
        long uploaded = 0;
        long downloaded = 0;
        long duplicate = 0;
        long corruptAccepted = 0;
        for (SessionReport s : reports.sessions) {
            if (s.role() != Enums.Role.SEED) {
                downloaders++;
            }
            if (s.completedAt() >= 0) {
                completed++;
                first = Math.min(first, s.completedAt());
                last = Math.max(last, s.completedAt());
                sumCompletion += Ticks.toSeconds(s.completedAt());
                sumDownload += Ticks.toSeconds(s.completedAt() - s.joinedAt());
            }
            failures += s.hashFailures();
            wasted += s.wasted();
            bans += s.bannedPeers();
            uploaded += s.uploaded();
            downloaded += s.downloaded();
            duplicate += s.duplicate();
            corruptAccepted += s.acceptedCorrupt();
        }
        long overhead = 0;
        for (ClientReport c : reports.clients) {
            overhead += c.overhead();
        }
        m.put("peers", Long.toString(reports.clients.size()));
        m.put("sessions", Long.toString(reports.sessions.size()));
        m.put("downloaders", Long.toString(downloaders));
        m.put("completed", Long.toString(completed));
        m.put("first_completion_s", completed > 0 ? Ticks.format(first) : "");
        m.put("mean_completion_s", completed > 0 ? fmt(sumCompletion / completed) : "");
        m.put("last_completion_s", completed > 0 ? Ticks.format(last) : "");
        m.put("mean_download_time_s", completed > 0 ? fmt(sumDownload / completed) : "");
        m.put("hash_failures", Long.toString(failures));
        m.put("wasted_bytes", Long.toString(wasted));
        m.put("bans", Long.toString(bans));
        m.put("corrupt_pieces_accepted", Long.toString(corruptAccepted));
        m.put("uploaded_bytes", Long.toString(uploaded));
        m.put("downloaded_bytes", Long.toString(downloaded));
        m.put("duplicate_bytes", Long.toString(duplicate));
        m.put("overhead_bytes", Long.toString(overhead));
        m.put("upload_utilisation", fmt(utilisation()));
        long announces = 0;
        long dropped = 0;
        for (Reports.TrackerReport t : reports.trackers) {
            announces += t.announces();
            dropped += t.dropped();
        }
        m.put("announces", Long.toString(announces));
        m.put("announces_dropped", Long.toString(dropped));
        m.put("kumar_ross_bound_s", fmt(Ticks.toSeconds(Bounds.swarmLowerBound(cfg, reports))));
        m.put("end_time_s", Ticks.format(run.lastEventTime()));
        m.put("events", Long.toString(run.events()));
        return m;
    }

    /** Bits uploaded over the uplink capacity of the clients while they were present in an uploading role. */
    private double utilisation() {
        double capacity = 0;
        double bits = 0;
        long stop = run.lastEventTime();
        for (ClientReport c : reports.clients) {
            long present = 0;
            for (SessionReport s : c.sessions()) {
                bits += 8.0 * s.uploaded();
                if (s.role() != Enums.Role.LEECHER) {
                    present = Math.max(present, presentTime(s.spans(), stop));
                }
            }
            capacity += c.up() * Ticks.toSeconds(present);
        }
        return capacity > 0 ? bits / capacity : 0;
    }

    static long presentTime(long[] spans, long stop) {
        long sum = 0;
        for (int i = 0; i < spans.length; i += 2) {
            long end = i + 1 < spans.length ? spans[i + 1] : stop;
            sum += Math.max(0, Math.min(end, stop) - spans[i]);
        }
        return sum;
    }

    /** Time within [a, b) covered by one session's spans (join, leave, join, ...; an open last span). */
    static long presentTime(long[] spans, long a, long b) {
        long sum = 0;
        for (int i = 0; i < spans.length; i += 2) {
            long end = i + 1 < spans.length ? spans[i + 1] : Long.MAX_VALUE;
            sum += Math.max(0, Math.min(end, b) - Math.max(spans[i], a));
        }
        return sum;
    }

    static boolean presentAt(long[] spans, long t) {
        for (int i = 0; i < spans.length; i += 2) {
            long end = i + 1 < spans.length ? spans[i + 1] : Long.MAX_VALUE;
            if (spans[i] <= t && t < end) {
                return true;
            }
        }
        return false;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /**
     * One row per interval ending at {@code time_s}: clients present downloading (leechers) or complete (seeds)
     * at the end of the interval, upload and download rates over the interval (bytes counted while on the wire: a
     * block's transmission is spread over the rows it spans), upload utilisation against the capacity of the
     * uploaders present over the interval (the integral of their uplink capacity over the time each was
     * present, or still finishing the block on its uplink after leaving), and the least and mean number of verified copies of a piece among the clients present (over all
     * torrents).
     */
    public List<List<String>> timeseriesRows() {
        List<List<String>> out = new ArrayList<>();
        out.add(TIMESERIES_HEADER);
        long interval = cfg.timeseriesInterval();
        long stop = Math.min(endTime, run.lastEventTime() + 1);
        int rows = (int) ((stop + interval - 1) / interval);
        for (int k = 0; k < rows; k++) {
            long t = Math.min((k + 1) * interval, stop);
            long span = t - k * interval;
            long leechers = 0;
            long seeds = 0;
            double upBits = 0;
            double downBits = 0;
            double capacity = 0;
            for (ClientReport c : reports.clients) {
                upBits += 8.0 * at(c.upSeries(), k);
                downBits += 8.0 * at(c.downSeries(), k);
                capacity += c.up() * Ticks.toSeconds(uploaderTime(c, t - span, t) + at(c.tailSeries(), k));
                for (SessionReport s : c.sessions()) {
                    if (!presentAt(s.spans(), t - 1)) {
                        continue;
                    }
                    boolean done = s.haveCount() > 0 && s.completedAt() >= 0 && s.completedAt() < t
                            || s.role() == Enums.Role.SEED;
                    if (done) {
                        seeds++;
                    } else {
                        leechers++;
                    }
                }
            }
            double secs = Ticks.toSeconds(span);
            double[] av = availability(t - 1);
            out.add(List.of(Ticks.format(t), Long.toString(leechers), Long.toString(seeds), fmt(upBits / secs),
                    fmt(downBits / secs), fmt(capacity > 0 ? upBits / capacity : 0), Long.toString((long) av[0]),
                    fmt(av[1])));
        }
        return out;
    }

    /**
     * How long within [a, b) the client was present in at least one torrent in an uploading role (seed or peer):
     * the union of those sessions' spans, clipped to the interval.
     */
    static long uploaderTime(ClientReport c, long a, long b) {
        if (c.sessions().size() == 1) {
            SessionReport s = c.sessions().get(0);
            return s.role() == Enums.Role.LEECHER ? 0 : presentTime(s.spans(), a, b); // one session: spans are disjoint
        }
        List<long[]> in = new ArrayList<>();
        for (SessionReport s : c.sessions()) {
            if (s.role() == Enums.Role.LEECHER) {
                continue;
            }
            long[] sp = s.spans();
            for (int i = 0; i < sp.length; i += 2) {
                long from = Math.max(a, sp[i]);
                long to = Math.min(b, i + 1 < sp.length ? sp[i + 1] : Long.MAX_VALUE);
                if (from < to) {
                    in.add(new long[] {from, to});
                }
            }
        }
        if (in.size() > 1) {
            in.sort(Comparator.comparingLong(x -> x[0]));
        }
        long sum = 0;
        long end = Long.MIN_VALUE;
        for (long[] x : in) {
            long from = Math.max(x[0], end);
            if (x[1] > from) {
                sum += x[1] - from;
                end = x[1];
            }
        }
        return sum;
    }

    private static long at(long[] series, int k) {
        return k < series.length ? series[k] : 0;
    }

    private double[] availability(long t) {
        double min = Double.MAX_VALUE;
        double sum = 0;
        long n = 0;
        for (int tor = 0; tor < cfg.torrents().size(); tor++) {
            int[] copies = new int[cfg.torrents().get(tor).pieces()];
            for (SessionReport s : reports.sessions) {
                if (s.torrent() != tor || !presentAt(s.spans(), t)) {
                    continue;
                }
                long[] vt = s.verifyTime();
                for (int p = 0; p < vt.length; p++) {
                    if (vt[p] >= 0 && vt[p] <= t) {
                        copies[p]++;
                    }
                }
            }
            for (int c : copies) {
                min = Math.min(min, c);
                sum += c;
                n++;
            }
        }
        return new double[] {n > 0 ? min : 0, n > 0 ? sum / n : 0};
    }
}
