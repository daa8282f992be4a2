package org.bitswarm.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bitswarm.engine.Ticks;
import org.bitswarm.protocol.Reports.ClientReport;
import org.bitswarm.protocol.Reports.SessionReport;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measured sharing efficiency behind the calibrated Qiu-Srikant rows (upload utilisation per role from the
 * per-client series, split at completion), the payload share of a link's rate that sets mu and c, and the fluid
 * model with an eta below 1.
 */
class RoleUtilisationTest {
    static final long S = Ticks.SECOND;
    static final long IV = 10 * S;
    static final long FULL = 1_250_000; // bytes a 1 Mbit/s uplink sends in a 10 s row

    static ClientReport client(long id, Enums.Role role, long up, long join, long done, long left, long... upSeries) {
        long[] spans = left < 0 ? new long[] {join} : new long[] {join, left};
        SessionReport s = new SessionReport(id, 0, 0, role, join, done, left, 0, 0, 0, 0, 0, 0, 0, 0, 0, spans,
                new long[0], 0);
        return new ClientReport(id, 0, up, 10 * up, false, 0, upSeries, new long[0], new long[0], new long[0],
                new long[0], 0, 0, List.of(s));
    }

    /** A: leeches 0-25 s (idle, then half, then full), seeds 25-40 s at full rate. B: a 2 Mbit/s seed at 10 %. */
    static final ClientReport A = client(1, Enums.Role.PEER, 1_000_000, 0, 25 * S, 40 * S, 0, FULL / 2, FULL, FULL);
    static final ClientReport B = client(2, Enums.Role.SEED, 2_000_000, 0, -1, -1, 250_000, 250_000, 250_000, 250_000);
    /** C: joins at 35 s and never completes, sending nothing. D: leeches 0-40 s, idle for the first row only. */
    static final ClientReport C = client(3, Enums.Role.PEER, 1_000_000, 35 * S, -1, -1, 0, 0, 0, 0);
    static final ClientReport D = client(4, Enums.Role.PEER, 1_000_000, 0, 40 * S, -1, 0, FULL, FULL, FULL);

    @Test
    void leechersAndSeedsAreMeasuredApartAndTheCompletionRowIsSplit() {
        // A's leeching: 0 + 5 + half of row 2's 10 Mbit = 10 Mbit over 25 Mbit of capacity; its seeding 15 over 15.
        RoleUtilisation a = RoleUtilisation.over(List.of(A, B), IV, 0, 40 * S);
        assertEquals(0.4, a.leechers(), 1e-12);
        assertEquals(1.0, a.seeds(), 1e-12);
        assertEquals(0.1, a.initialSeeds(), 1e-12);
        // C adds 5 s of idle leeching in row 3; D 30 Mbit over 40.
        RoleUtilisation all = RoleUtilisation.over(List.of(A, B, C, D), IV, 0, 40 * S);
        assertEquals((10 + 0 + 30) / (25.0 + 5 + 40), all.leechers(), 1e-12);
        // From 10 s on: A's idle first row and D's are left out.
        RoleUtilisation late = RoleUtilisation.over(List.of(A, C, D), IV, 10 * S, 40 * S);
        assertEquals((10 + 0 + 30) / (15.0 + 5 + 30), late.leechers(), 1e-12);
        assertTrue(Double.isNaN(late.initialSeeds()), "no seed from the start in the span");
    }

    @Test
    void theBlockFinishedAfterLeavingCountsAsTimeInTheRoleLeft() {
        // E seeds from 0 and leaves at 15 s with a block on its uplink until 16 s (tail 1 s in row 1): 6 s online in
        // row 1 for the 6 Mbit it sent then. F leaves at 5 s before completing, its block on the wire until 7 s.
        ClientReport e = new ClientReport(5, 0, 1_000_000, 1, false, 0, new long[] {FULL, FULL / 10 * 6}, new long[0],
                new long[] {0, S}, new long[0], new long[0], 0, 0, List.of(new SessionReport(5, 0, 0, Enums.Role.SEED, 0,
                        -1, 15 * S, 0, 0, 0, 0, 0, 0, 0, 0, 0, new long[] {0, 15 * S}, new long[0], 0)));
        ClientReport f = new ClientReport(6, 0, 1_000_000, 1, false, 0, new long[] {FULL / 10 * 7}, new long[0],
                new long[] {2 * S}, new long[0], new long[0], 0, 0, List.of(new SessionReport(6, 0, 0, Enums.Role.PEER, 0,
                        -1, 5 * S, 0, 0, 0, 0, 0, 0, 0, 0, 0, new long[] {0, 5 * S}, new long[0], 0)));
        RoleUtilisation u = RoleUtilisation.over(List.of(e, f), IV, 0, 20 * S);
        assertEquals(1.0, u.initialSeeds(), 1e-12);
        assertEquals(1.0, u.leechers(), 1e-12);
    }

    @Test
    void byProgressBinsTheRowsSpentWhollyLeeching() {
        // A: rows 0 (midpoint 5/25 of its download) and 1 (15/25); row 2 holds its completion. D: 5, 15, 25, 35 of 40.
        // C never completed. Bin 0: A0 0, D0 0, D1 10 Mbit over 30; bin 1: A1 5, D2 10, D3 10 over 30.
        double[] bins = RoleUtilisation.leechersByProgress(List.of(A, B, C, D), IV, 0, 40 * S, 2);
        assertArrayEquals(new double[] {10 / 30.0, 25 / 30.0}, bins, 1e-12);
    }

    @Test
    void aClientWithSeveralSessionsIsRefused() {
        SessionReport s = A.sessions().get(0);
        ClientReport two = new ClientReport(9, 0, 1_000_000, 1, false, 0, new long[0], new long[0], new long[0],
                new long[0], new long[0], 0, 0, List.of(s, s));
        assertThrows(IllegalArgumentException.class, () -> RoleUtilisation.over(List.of(two), IV, 0, 40 * S));
    }

    @Test
    void muAndCCountPayloadOnlyTheCaseFilesCarryNoIpHeaders(@TempDir Path dir) throws Exception {
        Path file = ValidationSuiteTest.root().resolve("validation/cases/qiu-srikant-upload.yaml");
        SwarmConfig cfg = Scenario.load(file).settings().section(SwarmConfig.class);
        assertEquals(16384.0 / 16397, Validation.payloadShare(cfg, 1), 1e-15);
        // With TCP/IP headers charged: 12 segments of 1,460 bytes for a 16,397-byte piece message, 40 bytes each.
        Path ip = dir.resolve("ip.yaml");
        Files.writeString(ip, Files.readString(file).replace("bittorrent:\n",
                "bittorrent:\n  protocol: {ip_overhead: {header_bytes: 40, segment_bytes: 1460}}\n"));
        SwarmConfig withIp = Scenario.load(ip).settings().section(SwarmConfig.class);
        assertEquals(16384.0 / (16397 + 12 * 40), Validation.payloadShare(withIp, 1), 1e-15);
    }

    @Test
    void aMeasuredEtaBelowOneLengthensTheUploadBoundSteadyStateAndTheOdeFollows() {
        double f = 16.0 * 8 * 1024 * 1024;
        Fluid upload = new Fluid(0.5, 1e9, 1e6 / f, 10e6 / f, 1, 1 / 60.0, 1e6 / f);
        Fluid download = new Fluid(0.5, 1e9, 4e6 / f, 2e6 / f, 1, 1 / 60.0, 4e6 / f);
        assertTrue(upload.uploadBound());
        assertTrue(!download.uploadBound());
        Fluid calibrated = upload.withEta(0.875);
        assertEquals((134.218 - 60 - 2) / 0.875, calibrated.steadyDownloadTime(), 0.01);
        double[] end = calibrated.trajectory(new double[] {100, 8000})[1];
        assertEquals(0.5 * calibrated.steadyDownloadTime(), end[0], 0.01 * end[0], "x = lambda T with eta = 0.875");
        assertEquals(30, end[1], 0.3, "y = lambda / gamma does not depend on eta");
        // Download-bound: T = 1/c whatever eta is.
        assertEquals(download.steadyDownloadTime(), download.withEta(0.25).steadyDownloadTime(), 1e-12);
    }
}
