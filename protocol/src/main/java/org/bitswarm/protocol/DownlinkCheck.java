package org.bitswarm.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.Reports.ClientReport;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.wire.WireSize;

/**
 * The receiver-side downlink bound, checked from block arrivals: over any closed interval of at least one block
 * time {@code tau = B / d}, a client receives no more than {@code d x interval + B} wire bytes, where {@code d}
 * is its downlink and {@code B} one full block on the wire (16 KiB + the 13-byte piece header). Shorter intervals
 * are held to {@code d tau + B = 2 B}. A fluid link of rate {@code d} delivering back-to-back blocks meets the
 * bound with equality; anything above it is the model delivering faster than the link.
 *
 * <p>The arrivals come from the event trace ({@link #fromTrace}: every {@code piece} event is a block arriving
 * at its destination at the event's time) or from any other source ({@link #check(long, long, long[], long[])}).
 * Besides the bound it reports the worst rate over sliding windows of given lengths, as a multiple of the
 * downlink, so that short-term and long-term excesses can be told apart.
 */
public final class DownlinkCheck {
    /** One full block on the wire. */
    public static final long BLOCK_WIRE = TorrentSpec.BLOCK + WireSize.PIECE_HEADER;

    /**
     * One client's arrivals against its downlink.
     *
     * @param excessBlocks  the largest amount by which any interval exceeded {@code d x max(interval, tau) + B},
     *                      in blocks (0 when the bound holds)
     * @param worstAt       end of the interval with the largest excess (ticks), -1 if the bound holds
     * @param windowRatios  for each window length asked for, the most bytes received in any window of that length
     *                      over what the downlink carries in it
     */
    public record ClientResult(long client, long downBps, int blocks, double excessBlocks, long worstAt,
            double[] windowRatios) {
        public boolean holds() {
            return excessBlocks <= 0;
        }
    }

    private DownlinkCheck() {}

    /** Arrivals per destination client, in time order: times and wire bytes. */
    public record Arrivals(Map<Long, long[]> times, Map<Long, long[]> bytes) {}

    /**
     * Parses the block arrivals out of a trace ({@code RunResult.trace()}, or trace.txt): lines
     * {@code "<time> <src> -> <dest> piece t<torrent> <piece> <block> ..."} are blocks that crossed the network. A
     * block that then waited for the receiver's downlink ({@code links.downlink: paced}) is received at its
     * {@code "<time> <dest> -> <dest> block_in t<torrent> <piece> <block> [<src>, <wire time in ticks>]"} line
     * instead, which names its piece line exactly. Blocks still waiting for the downlink when the run ended are
     * not received: they are the last {@code stillWaiting.get(client)} piece lines to that client (first come,
     * first served), and are left out.
     */
    public static Arrivals fromTrace(SwarmConfig cfg, List<String> trace, Map<Long, Integer> stillWaiting) {
        Map<Long, List<long[]>> per = new LinkedHashMap<>();
        Map<String, long[]> byWire = new HashMap<>();
        for (String line : trace) {
            boolean piece = line.contains(" piece t");
            if (!piece && !line.contains(" block_in t")) {
                continue;
            }
            String[] f = line.split("[ \\[\\],]+");
            // f: time src -> dest piece tN piece block ...   or   time dest -> dest block_in tN piece block src wireAt
            if (f.length < 8 || !f[2].equals("->") || !f[4].equals(piece ? "piece" : "block_in")) {
                continue;
            }
            long time = parseTicks(f[0]);
            long dest = Long.parseLong(f[3]);
            if (piece) {
                TorrentSpec spec = cfg.torrents().get(Integer.parseInt(f[5].substring(1)));
                int len = spec.blockLength(Integer.parseInt(f[6]), Integer.parseInt(f[7]));
                long[] a = {time, WireSize.PIECE_HEADER + len};
                per.computeIfAbsent(dest, k -> new ArrayList<>()).add(a);
                byWire.put(f[1] + " " + dest + " " + f[5] + " " + f[6] + " " + f[7] + " " + time, a);
            } else {
                long[] a = f.length < 10 ? null
                        : byWire.remove(f[8] + " " + dest + " " + f[5] + " " + f[6] + " " + f[7] + " " + f[9]);
                if (a == null) {
                    throw new IllegalArgumentException("trace: block_in without its piece message: " + line);
                }
                a[0] = time;
            }
        }
        Map<Long, long[]> times = new LinkedHashMap<>();
        Map<Long, long[]> bytes = new LinkedHashMap<>();
        per.forEach((dest, all) -> {
            List<long[]> list = new ArrayList<>(all.subList(0, all.size() - stillWaiting.getOrDefault(dest, 0)));
            list.sort((x, y) -> Long.compare(x[0], y[0]));
            long[] t = new long[list.size()];
            long[] b = new long[list.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = list.get(i)[0];
                b[i] = list.get(i)[1];
            }
            times.put(dest, t);
            bytes.put(dest, b);
        });
        return new Arrivals(times, bytes);
    }

    /** The arrivals of a trace whose run ended with no block waiting for a downlink. */
    public static Arrivals fromTrace(SwarmConfig cfg, List<String> trace) {
        return fromTrace(cfg, trace, Map.of());
    }

    /** The arrivals of a run: its trace, less the blocks its clients' reports say were still waiting at the end. */
    public static Arrivals fromRun(SwarmConfig cfg, Reports reports, List<String> trace) {
        Map<Long, Integer> waiting = new HashMap<>();
        for (ClientReport c : reports.clients) {
            waiting.put(c.id(), c.downQueuedBlocks());
        }
        return fromTrace(cfg, trace, waiting);
    }

    /** Checks every client that received a block in the trace, with windows of the given lengths (ticks). */
    public static List<ClientResult> checkRun(SwarmConfig cfg, Reports reports, List<String> trace, long... windows) {
        Arrivals a = fromRun(cfg, reports, trace);
        List<ClientResult> out = new ArrayList<>();
        for (ClientReport c : reports.clients) {
            long[] t = a.times().get(c.id());
            if (t != null) {
                out.add(check(c.id(), c.down(), t, a.bytes().get(c.id()), windows));
            }
        }
        return out;
    }

    /**
     * The bound as an invariant, in {@link SwarmInvariants}' style: one line per client above it, empty when the
     * run holds it; clients whose link model does not promise the bound ({@code links.downlink:
     * reserve_at_request}) are not held to it. Needs a run with the trace on.
     */
    public static List<String> violations(SwarmConfig cfg, org.bitswarm.engine.RunResult run) {
        if (run.trace().isEmpty()) {
            throw new IllegalArgumentException("the downlink check needs the event trace (RunConfig.withTrace)");
        }
        List<String> v = new ArrayList<>();
        Reports reports = new Reports(cfg.trackers().count(), run);
        Map<Long, Integer> groups = new HashMap<>();
        for (ClientReport c : reports.clients) {
            groups.put(c.id(), c.group());
        }
        for (ClientResult r : checkRun(cfg, reports, run.trace())) {
            if (!r.holds() && cfg.protocolOf(groups.get(r.client())).links().downlinkHolds()) {
                v.add("client " + r.client() + ": received " + String.format(java.util.Locale.ROOT, "%.2f", r.excessBlocks())
                        + " blocks more than its downlink allows, in the interval ending at " + Ticks.format(r.worstAt()) + " s");
            }
        }
        return v;
    }

    /** The arrivals of one client (times in ticks, ascending; wire bytes each) against a downlink in bit/s. */
    public static ClientResult check(long client, long downBps, long[] times, long[] bytes, long... windows) {
        if (times.length != bytes.length) {
            throw new IllegalArgumentException("times and bytes differ in length");
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                throw new IllegalArgumentException("arrival times must be ascending");
            }
        }
        double rate = downBps / 8.0 / Ticks.SECOND; // bytes per tick
        double tau = BLOCK_WIRE / rate;
        int n = times.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + bytes[i];
        }
        double worst = 0;
        long worstAt = -1;
        // Intervals [t_i, t_j] of length >= tau: bytes(i..j) - rate (t_j - t_i) - B, maximised over i for each j
        // as (prefix[j+1] - rate t_j) - min_{t_i <= t_j - tau} (prefix[i] - rate t_i) - B.
        double minLong = Double.POSITIVE_INFINITY;
        int lo = 0;
        // Intervals shorter than tau: bytes(i..j) - 2B, with the earliest i such that t_j - t_i < tau.
        int shortLo = 0;
        for (int j = 0; j < n; j++) {
            while (lo <= j && times[lo] <= times[j] - tau) {
                minLong = Math.min(minLong, prefix[lo] - rate * times[lo]);
                lo++;
            }
            if (minLong != Double.POSITIVE_INFINITY) {
                double e = prefix[j + 1] - rate * times[j] - minLong - BLOCK_WIRE;
                if (e > worst) {
                    worst = e;
                    worstAt = times[j];
                }
            }
            while (times[j] - times[shortLo] >= tau) {
                shortLo++;
            }
            double e = prefix[j + 1] - prefix[shortLo] - 2.0 * BLOCK_WIRE;
            if (e > worst) {
                worst = e;
                worstAt = times[j];
            }
        }
        double[] ratios = new double[windows.length];
        for (int w = 0; w < windows.length; w++) {
            ratios[w] = windowRatio(times, prefix, rate, windows[w]);
        }
        // Rounding of transmission times to whole ticks can put a block a fraction of a byte early.
        double excess = worst > 1.0 ? worst / BLOCK_WIRE : 0;
        return new ClientResult(client, downBps, n, excess, excess > 0 ? worstAt : -1, ratios);
    }

    /** Most bytes in any closed window [t_i, t_i + w], over what the link carries in w. */
    private static double windowRatio(long[] times, double[] prefix, double rate, long w) {
        double best = 0;
        int hi = 0;
        for (int i = 0; i < times.length; i++) {
            hi = Math.max(hi, i);
            while (hi + 1 < times.length && times[hi + 1] - times[i] <= w) {
                hi++;
            }
            best = Math.max(best, prefix[hi + 1] - prefix[i]);
        }
        return best / (rate * w);
    }

    /** Summary over clients: the worst excess in blocks and, per window, the worst ratio. */
    public static String describe(List<ClientResult> results, long... windows) {
        double worst = 0;
        int broken = 0;
        double[] ratios = new double[windows.length];
        for (ClientResult r : results) {
            worst = Math.max(worst, r.excessBlocks());
            broken += r.holds() ? 0 : 1;
            for (int w = 0; w < windows.length; w++) {
                ratios[w] = Math.max(ratios[w], r.windowRatios()[w]);
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(broken).append(" of ").append(results.size()).append(" clients above the bound, worst excess ")
                .append(String.format(java.util.Locale.ROOT, "%.2f", worst)).append(" blocks");
        for (int w = 0; w < windows.length; w++) {
            s.append(String.format(java.util.Locale.ROOT, "; %.3f x downlink over %s s", ratios[w], Ticks.format(windows[w])));
        }
        return s.toString();
    }

    static long parseTicks(String s) {
        int dot = s.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(s) * Ticks.SECOND;
        }
        String frac = (s.substring(dot + 1) + "000000000").substring(0, 9);
        long whole = Long.parseLong(s.substring(0, dot).replace("-", ""));
        long t = whole * Ticks.SECOND + Long.parseLong(frac);
        return s.startsWith("-") ? -t : t;
    }
}
