package org.bitswarm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.config.ArrivalSpec;
import org.bitswarm.protocol.config.CapacitySpec;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.GroupSpec;
import org.bitswarm.protocol.config.Membership;
import org.bitswarm.protocol.config.NetworkSpec;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.config.SeedingSpec;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.protocol.config.TorrentSpec;
import org.bitswarm.protocol.config.TrackerSpec;
import org.bitswarm.protocol.net.UniformLatency;
import org.bitswarm.protocol.wire.WireSize;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 5: timeseries.csv counts bytes while they are on the wire (a block's transmission spread over
 * the rows it spans) and divides the upload by the capacity of the uploaders present over the row. On slow
 * links with short rows (a block takes longer than a row) and peers that leave the moment they complete, no row
 * carries more than the links can, and the rows still add up to every byte sent.
 */
class TimeseriesOnTheWireTest {
    static final long ROW = 200 * Ticks.MS;

    static SwarmConfig config() {
        GroupSpec seed = new GroupSpec("seed", 1, List.of(new Membership("t0", Enums.Role.SEED, 0)),
                CapacitySpec.fixed(400_000), CapacitySpec.fixed(1_000_000), ArrivalSpec.defaults(),
                new SeedingSpec(Enums.SeedingKind.FOREVER, 0), 0, 0);
        // 400 kbit/s up: a 16 KiB block takes 0.33 s, longer than a row; the peers leave as soon as they complete
        GroupSpec peers = new GroupSpec("peers", 12, List.of(new Membership("t0", Enums.Role.PEER, 0)),
                CapacitySpec.fixed(400_000), CapacitySpec.fixed(1_000_000), ArrivalSpec.defaults(),
                new SeedingSpec(Enums.SeedingKind.NONE, 0), 0, 0);
        return new SwarmConfig(List.of(new TorrentSpec("t0", 1 << 20, 128 << 10)), List.of(seed, peers),
                new NetworkSpec(new UniformLatency.Config(10 * Ticks.MS, 50 * Ticks.MS)), ProtocolSpec.defaults(),
                TrackerSpec.defaults(), List.of(), Enums.PayloadMode.DIGEST, Enums.HashAlgo.SHA1, ROW,
                Enums.Until.ALL_COMPLETE);
    }

    @Test
    void rowsStayWithinTheLinksAndAddUp() {
        SwarmConfig cfg = config();
        RunResult r = Scenarios.run(cfg, 5, 1, 3600 * Ticks.SECOND, false);
        SwarmResults res = SwarmResults.from(cfg, r, 3600 * Ticks.SECOND);
        List<List<String>> rows = res.timeseriesRows();
        List<String> head = rows.get(0);
        int upCol = head.indexOf("upload_rate_bps");
        int downCol = head.indexOf("download_rate_bps");
        int utilCol = head.indexOf("upload_utilisation");
        Reports reports = res.reports();
        long sumDown = reports.clients.stream().mapToLong(Reports.ClientReport::down).sum();
        int clients = reports.clients.size();
        double block = 8.0 * (TorrentSpec.BLOCK + WireSize.PIECE_HEADER);
        double worstUtil = 0;
        double worstDown = 0;
        double upBits = 0;
        double downBits = 0;
        double prev = 0;
        for (List<String> row : rows.subList(1, rows.size())) {
            double t = Double.parseDouble(row.get(0));
            double secs = t - prev;
            prev = t;
            double down = Double.parseDouble(row.get(downCol)) * secs;
            upBits += Double.parseDouble(row.get(upCol)) * secs;
            downBits += down;
            double util = Double.parseDouble(row.get(utilCol));
            worstUtil = Math.max(worstUtil, util);
            worstDown = Math.max(worstDown, down / (sumDown * secs + clients * block));
            assertTrue(down <= sumDown * secs + clients * block, "row " + row + ": download above the downlinks");
            assertTrue(util <= 1 + 1e-6, "row " + row + ": upload utilisation above 1");
        }
        System.out.println("worst utilisation " + worstUtil + ", worst download / bound " + worstDown);
        long uploaded = reports.sessions.stream().mapToLong(Reports.SessionReport::uploaded).sum();
        long downloaded = reports.sessions.stream().mapToLong(Reports.SessionReport::downloaded).sum();
        assertEquals(8.0 * uploaded, upBits, 8.0 * uploaded * 1e-6, "the rows hold every byte sent");
        assertEquals(8.0 * downloaded, downBits, 8.0 * downloaded * 1e-6, "the rows hold every byte received");
        assertTrue(worstUtil > 0.5, "the uplinks were busy in some row: " + worstUtil);
    }
}
