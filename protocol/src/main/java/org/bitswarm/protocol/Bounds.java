package org.bitswarm.protocol;

import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.Reports.ClientReport;
import org.bitswarm.protocol.Reports.SessionReport;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TorrentSpec;

/**
 * Kumar and Ross's lower bounds on distribution time ("Peer-assisted file distribution: the minimum
 * distribution time", HotWeb 2006), applied to what a run reports: no client gets its missing bytes faster
 * than its downlink allows, nobody gets a first copy faster than the seeds can emit one, and all completers
 * together cannot receive more than every uploader could send.
 */
public final class Bounds {
    private Bounds() {}

    /** Bytes the session had to download: the pieces it did not hold when it first joined. */
    static long missingBytes(TorrentSpec t, SessionReport s) {
        long missing = 0;
        long[] vt = s.verifyTime();
        for (int p = 0; p < vt.length; p++) {
            if (vt[p] != s.joinedAt()) {
                missing += t.pieceLength(p);
            }
        }
        return missing;
    }

    static ClientReport client(Reports r, long id) {
        for (ClientReport c : r.clients) {
            if (c.id() == id) {
                return c;
            }
        }
        throw new IllegalArgumentException("no client " + id);
    }

    /** Earliest possible completion of one session: joined + missing bytes over its downlink (less one block). */
    static long ownBound(TorrentSpec t, SessionReport s, long down) {
        long bytes = Math.max(0, missingBytes(t, s) - TorrentSpec.BLOCK);
        return s.joinedAt() + Ticks.transmission(bytes, down);
    }

    /** Earliest first copy when seeds are the only source: first seed join + F over the seeds' total uplink. */
    static long seedBound(SwarmConfig cfg, Reports r, int torrent) {
        long seedUp = 0;
        long firstSeed = Long.MAX_VALUE;
        for (ClientReport c : r.clients) {
            for (SessionReport s : c.sessions()) {
                if (s.torrent() != torrent) {
                    continue;
                }
                if (s.role() == Enums.Role.SEED && s.joinedAt() >= 0) {
                    seedUp += c.up();
                    firstSeed = Math.min(firstSeed, s.joinedAt());
                } else if (s.initialPieces() > 0) {
                    return -1;
                }
            }
        }
        if (seedUp == 0) {
            return -1;
        }
        return firstSeed + Ticks.transmission(cfg.torrents().get(torrent).fileSize(), seedUp);
    }

    /** Earliest time by which all completers of a torrent could have received their missing bytes. */
    static long completersBound(SwarmConfig cfg, Reports r, int torrent) {
        long need = 0;
        long up = 0;
        for (ClientReport c : r.clients) {
            for (SessionReport s : c.sessions()) {
                if (s.torrent() != torrent) {
                    continue;
                }
                if (s.role() != Enums.Role.LEECHER) {
                    up += c.up();
                }
                if (s.completedAt() >= 0) {
                    need += missingBytes(cfg.torrents().get(torrent), s);
                }
            }
        }
        return up == 0 || need == 0 ? 0 : Ticks.transmission(need, up);
    }

    /** Kumar-Ross T_min over all downloaders of every torrent (whether or not they finished), from t = 0. */
    public static long swarmLowerBound(SwarmConfig cfg, Reports r) {
        long best = 0;
        for (int t = 0; t < cfg.torrents().size(); t++) {
            long need = 0;
            long up = 0;
            long seedUp = 0;
            long perClient = 0;
            TorrentSpec spec = cfg.torrents().get(t);
            for (ClientReport c : r.clients) {
                for (SessionReport s : c.sessions()) {
                    if (s.torrent() != t || s.joinedAt() < 0) {
                        continue;
                    }
                    if (s.role() != Enums.Role.LEECHER) {
                        up += c.up();
                    }
                    if (s.role() == Enums.Role.SEED) {
                        seedUp += c.up();
                    } else {
                        long miss = missingBytes(spec, s);
                        need += miss;
                        perClient = Math.max(perClient, Ticks.transmission(miss, c.down()));
                    }
                }
            }
            long b = perClient;
            if (up > 0) {
                b = Math.max(b, Ticks.transmission(need, up));
            }
            if (seedUp > 0 && seedBound(cfg, r, t) >= 0) {
                b = Math.max(b, Ticks.transmission(spec.fileSize(), seedUp));
            }
            best = Math.max(best, b);
        }
        return best;
    }
}
