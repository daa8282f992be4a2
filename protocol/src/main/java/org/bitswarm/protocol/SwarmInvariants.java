package org.bitswarm.protocol;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.Reports.ClientReport;
import org.bitswarm.protocol.Reports.SessionReport;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TorrentSpec;

/**
 * Invariants every swarm run must satisfy, checked from the entities' final reports:
 * <ul>
 * <li>virtual time never goes back (the engine refuses it; here: every recorded time is ordered and not after
 * the last event);
 * <li>block bytes sent = block bytes received + bytes still in flight at the end;
 * <li>a finished client holds every piece, each verified;
 * <li>no corrupt piece was accepted;
 * <li>nobody finishes before the Kumar-Ross bounds ({@link Bounds});
 * <li>when the run kept its event trace: no client receives faster than its downlink at any time scale, more
 * than {@code d x interval} plus one block over any interval of at least one block time ({@link DownlinkCheck}).
 * </ul>
 */
public final class SwarmInvariants {
    private SwarmInvariants() {}

    /** Throws an AssertionError listing every violation. */
    public static void check(SwarmConfig cfg, RunResult run) {
        List<String> v = violations(cfg, run);
        if (!v.isEmpty()) {
            throw new AssertionError("swarm invariants violated:\n  " + String.join("\n  ", v));
        }
    }

    public static List<String> violations(SwarmConfig cfg, RunResult run) {
        Reports r = new Reports(cfg.trackers().count(), run);
        List<String> v = new ArrayList<>();
        long last = run.lastEventTime();
        long sent = 0;
        long received = 0;
        long inFlight = 0;
        for (ClientReport c : r.clients) {
            inFlight += c.downQueued();
            for (int i = 0; i < c.ringArrival().length; i++) {
                if (c.ringArrival()[i] > last) {
                    inFlight += c.ringBytes()[i];
                }
            }
            for (SessionReport s : c.sessions()) {
                sent += s.uploaded();
                received += s.downloaded();
                checkSession(cfg, r, c, s, last, v);
            }
        }
        if (sent != received + inFlight) {
            v.add("bytes sent " + sent + " != received " + received + " + in flight " + inFlight);
        }
        for (int t = 0; t < cfg.torrents().size(); t++) {
            long lastDone = -1;
            for (SessionReport s : r.sessions) {
                if (s.torrent() == t) {
                    lastDone = Math.max(lastDone, s.completedAt());
                }
            }
            long kr = Bounds.completersBound(cfg, r, t);
            if (lastDone >= 0 && lastDone < kr) {
                v.add("torrent " + t + ": all completers done at " + Ticks.format(lastDone) + " s, before the Kumar-Ross bound "
                        + Ticks.format(kr) + " s");
            }
        }
        if (!run.trace().isEmpty()) {
            v.addAll(DownlinkCheck.violations(cfg, run));
        }
        return v;
    }

    private static void checkSession(SwarmConfig cfg, Reports r, ClientReport c, SessionReport s, long last, List<String> v) {
        String who = "peer " + s.peer() + " torrent " + s.torrent();
        TorrentSpec spec = cfg.torrents().get(s.torrent());
        long prev = -1;
        for (long t : s.spans()) {
            if (t < prev || t > last) {
                v.add(who + ": presence times out of order " + java.util.Arrays.toString(s.spans()));
                break;
            }
            prev = t;
        }
        if (s.acceptedCorrupt() > 0) {
            v.add(who + ": accepted " + s.acceptedCorrupt() + " corrupt pieces");
        }
        if (s.completedAt() < 0) {
            return;
        }
        if (s.completedAt() < s.joinedAt() || s.completedAt() > last) {
            v.add(who + ": completed at " + s.completedAt() + " outside [joined, last event]");
        }
        if (s.haveCount() != spec.pieces() || s.verified() != spec.pieces()) {
            v.add(who + ": finished with " + s.haveCount() + " pieces, " + s.verified() + " verified, of " + spec.pieces());
        }
        for (long t : s.verifyTime()) {
            if (t > s.completedAt()) {
                v.add(who + ": a piece verified after completion");
                break;
            }
        }
        long own = Bounds.ownBound(spec, s, c.down());
        if (s.completedAt() < own) {
            v.add(who + ": completed at " + Ticks.format(s.completedAt()) + " before its downlink bound " + Ticks.format(own));
        }
        if (s.role() != Enums.Role.SEED) {
            long seed = Bounds.seedBound(cfg, r, s.torrent());
            if (seed >= 0 && s.completedAt() < seed) {
                v.add(who + ": completed at " + Ticks.format(s.completedAt()) + " before the seed bound " + Ticks.format(seed));
            }
        }
    }
}
