package org.bitswarm.validation;

import java.util.List;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.Reports.ClientReport;
import org.bitswarm.protocol.Reports.SessionReport;
import org.bitswarm.protocol.config.Enums;

/**
 * Upload utilisation per role over a span of time-series rows, from the per-client series the run writes (the
 * payload bytes each client had on its uplink per row, which {@code timeseries.csv} sums): leechers (joined, not
 * yet complete), seeds that downloaded the file (complete, not yet left) and seeds from the start. Utilisation is
 * payload bits over uplink capacity (its wire rate) times the time in the role, the block a client finished
 * sending after it left included (as timeseries.csv's {@code upload_utilisation} counts it). A row in which a
 * client completed is split between its two roles in proportion to its time in each. The leechers' figure over
 * the link's payload share ({@link Validation#payloadShare}) is Qiu and Srikant's sharing efficiency eta measured:
 * the share of their upload capacity for file data that leechers actually used.
 *
 * <p>Each client must hold one session (the validation's open swarms); a client with more is refused, since its
 * uplink's bytes cannot be told apart by session.
 */
record RoleUtilisation(double leechers, double seeds, double initialSeeds) {

    /** Over the rows (of {@code interval} ticks) that lie within [{@code from}, {@code to}) ticks. */
    static RoleUtilisation over(List<ClientReport> clients, long interval, long from, long to) {
        double[] bits = new double[3];
        double[] capacity = new double[3];
        int k0 = Math.toIntExact((from + interval - 1) / interval);
        int k1 = Math.toIntExact(to / interval);
        for (ClientReport c : clients) {
            if (c.sessions().size() != 1) {
                throw new IllegalArgumentException("client " + c.id() + " has " + c.sessions().size() + " sessions");
            }
            SessionReport s = c.sessions().get(0);
            long join = s.joinedAt();
            long done = s.role() == Enums.Role.SEED ? join : s.completedAt() < 0 ? Long.MAX_VALUE : s.completedAt();
            long left = s.leftAt() < 0 ? Long.MAX_VALUE : s.leftAt();
            int seedRole = s.role() == Enums.Role.SEED ? 2 : 1;
            for (int k = k0; k < k1; k++) {
                long a = k * interval;
                long b = a + interval;
                long leeching = Math.max(0, Math.min(b, Math.min(done, left)) - Math.max(a, join));
                long seeding = Math.max(0, Math.min(b, left) - Math.max(a, done));
                // the block still on the uplink after the session left counts as time online in the role it left in
                long tail = k < c.tailSeries().length ? c.tailSeries()[k] : 0;
                if (done <= left) {
                    seeding += tail;
                } else {
                    leeching += tail;
                }
                if (leeching + seeding == 0) {
                    continue;
                }
                double sent = 8.0 * (k < c.upSeries().length ? c.upSeries()[k] : 0);
                double toLeeching = (double) leeching / (leeching + seeding);
                bits[0] += sent * toLeeching;
                bits[seedRole] += sent * (1 - toLeeching);
                capacity[0] += c.up() * Ticks.toSeconds(leeching);
                capacity[seedRole] += c.up() * Ticks.toSeconds(seeding);
            }
        }
        return new RoleUtilisation(ratio(bits[0], capacity[0]), ratio(bits[1], capacity[1]), ratio(bits[2], capacity[2]));
    }

    /**
     * The leechers' utilisation by progress through their download: rows within [{@code from}, {@code to}) that a
     * leecher that completed spent wholly leeching, binned by the row's midpoint as a fraction of its download time
     * (join to completion) into {@code bins} equal parts; NaN for an empty bin.
     */
    static double[] leechersByProgress(List<ClientReport> clients, long interval, long from, long to, int bins) {
        double[] bits = new double[bins];
        double[] capacity = new double[bins];
        int k0 = Math.toIntExact((from + interval - 1) / interval);
        int k1 = Math.toIntExact(to / interval);
        for (ClientReport c : clients) {
            for (SessionReport s : c.sessions()) {
                if (c.sessions().size() != 1 || s.role() == Enums.Role.SEED || s.completedAt() < 0) {
                    continue;
                }
                long join = s.joinedAt();
                long done = s.completedAt();
                for (int k = Math.max(k0, Math.toIntExact(join / interval)); k < k1 && (long) k * interval < done; k++) {
                    long a = k * interval;
                    if (a < join || a + interval > done) {
                        continue;
                    }
                    int bin = (int) Math.min(bins - 1, bins * (a + interval / 2.0 - join) / (done - join));
                    bits[bin] += 8.0 * (k < c.upSeries().length ? c.upSeries()[k] : 0);
                    capacity[bin] += c.up() * Ticks.toSeconds(interval);
                }
            }
        }
        double[] out = new double[bins];
        for (int b = 0; b < bins; b++) {
            out[b] = ratio(bits[b], capacity[b]);
        }
        return out;
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }
}
