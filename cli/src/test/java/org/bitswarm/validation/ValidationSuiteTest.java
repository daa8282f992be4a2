package org.bitswarm.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bitswarm.cli.Cli;
import org.bitswarm.protocol.DownlinkCheck;
import org.bitswarm.protocol.config.Profile;
import org.bitswarm.protocol.config.ProtocolSpec;
import org.bitswarm.protocol.pick.RarestFirstPicker;
import org.junit.jupiter.api.Test;

/**
 * The fast subset of the validation suite (the full report is `./bitswarm validate`): the closed-form cases
 * against their bounds and the tolerances that hold today, the fluid model's integration against its steady
 * state, the downlink checker on simulated runs, and the real-client harness's loopback-only settings.
 */
class ValidationSuiteTest {
    static Path root() {
        for (Path p : List.of(Path.of("."), Path.of(".."))) {
            if (Files.isDirectory(p.resolve("validation/cases"))) {
                return p;
            }
        }
        throw new IllegalStateException("no validation/cases above " + Path.of("").toAbsolutePath());
    }

    @Test
    void closedFormsNeverBeatPhysicsAndSingleBottlenecksLandWithinTwoPercent() {
        List<Row> rows = ClosedForms.run(root().resolve("validation/cases"));
        assertEquals(12, rows.size());
        for (Row r : rows) {
            System.out.println(r.markdown());
            assertFalse(r.beatsPhysics(), r.name() + " finished before its bound: " + r.markdown());
            if (r.kind() == Row.Kind.EXACT) {
                // single links, three seeds, max-min (both receivers), endgame on
                assertTrue(r.passes(), r.markdown());
            } else {
                // Kumar-Ross with small N and the free riders: 1.13-1.27 x the bound with all of issue 11 (1.10-1.48 x
                // before it); the downlink-bound swarm's last peer 1.64 x (mean of 3 runs; 1.49-1.86 x each) with the receiver-side downlink,
                // rechoke on leave and started_pieces: seeds_first (2.34 x under unless_rarer): a straggler starved by
                // choking sets it, the mean is about 1.36-1.39 x (issue 11 item 4, named in docs/validation.md). A
                // regression beyond 1.9 x (the guard before issue 11) fails.
                assertTrue(r.ratio() <= 1.9, r.markdown());
            }
        }
    }

    @Test
    void theFluidModelSettlesAtItsClosedFormInBothRegimes() {
        double f = 16.0 * 8 * 1024 * 1024;
        Fluid upload = new Fluid(0.5, 1e9, 1e6 / f, 10e6 / f, 1, 1 / 60.0, 1e6 / f);
        Fluid download = new Fluid(0.5, 1e9, 4e6 / f, 2e6 / f, 1, 1 / 60.0, 4e6 / f);
        assertEquals(134.218 - 60 - 2, upload.steadyDownloadTime(), 0.01);
        assertEquals(67.109, download.steadyDownloadTime(), 0.01);
        for (Fluid m : List.of(upload, download)) {
            double[] end = m.trajectory(new double[] {100, 5000})[1];
            assertEquals(m.lambda() * m.steadyDownloadTime(), end[0], 0.01 * end[0], "leechers x = lambda T (Little)");
            assertEquals(m.lambda() / m.gamma(), end[1], 0.01 * end[1], "seeds y = lambda / gamma");
        }
        // Arrivals stop: the swarm drains.
        double[] drained = new Fluid(0.5, 100, 1e6 / f, 10e6 / f, 1, 1 / 60.0, 1e6 / f).trajectory(new double[] {5000})[0];
        assertTrue(drained[0] < 0.01 && drained[1] < 0.01, "x, y after the arrivals stop: " + drained[0] + ", " + drained[1]);
    }

    @Test
    void downlinkBoundReceiversStayAtTheirDownlinkOverTenSeconds() {
        // Downlink-bound receivers (one uploader; max-min's slow receiver; the downlink-bound swarm's three
        // settings). Over 10 s they hold their downlink (1.003-1.010 x, the one-block slack included), and the
        // bound at every time scale holds for every client (issue 11 item 2: the receiver-side downlink).
        for (String file : List.of("single-link-downlink.yaml", "max-min.yaml", "downlink-bound-swarm.yaml")) {
            for (Sim.Outcome o : Sim.run(root().resolve("validation/cases/" + file), true, 1)) {
                List<DownlinkCheck.ClientResult> res = DownlinkCheck.checkRun(o.cfg(), o.results().reports(), o.run().trace(),
                        10 * org.bitswarm.engine.Ticks.SECOND);
                assertFalse(res.isEmpty());
                System.out.println(file + " " + o.params() + ": " + DownlinkCheck.describe(res, 10 * org.bitswarm.engine.Ticks.SECOND));
                for (DownlinkCheck.ClientResult r : res) {
                    assertTrue(r.windowRatios()[0] <= 1.02, file + " client " + r.client() + ": " + r.windowRatios()[0]);
                    assertTrue(r.holds(), file + " client " + r.client() + ": " + r.excessBlocks() + " blocks");
                }
            }
        }
    }

    @Test
    void theRealClientHarnessStaysOnLoopback() throws Exception {
        String py = Files.readString(root().resolve("validation/real-client/lt_swarm.py"));
        for (String s : List.of("\"enable_dht\": False", "\"enable_lsd\": False", "\"enable_upnp\": False",
                "\"enable_natpmp\": False", "\"listen_interfaces\": \"127.0.0.1:%d\"", "\"outgoing_interfaces\": \"127.0.0.1\"",
                "global_peer_class_id", "set_peer_class_filter", "wait_for_alert", "os.kill(p.pid", "connect_peer((\"127.0.0.1\"")) {
            assertTrue(py.contains(s), "lt_swarm.py must contain " + s);
        }
        assertFalse(py.contains("announce_url") || py.contains("add_tracker"), "no tracker in the real swarms");
        for (RealClient.Case c : RealClient.CASES) {
            assertTrue(Files.exists(root().resolve("validation/real-client/" + c.name() + ".yaml")), "twin of " + c.name());
        }
    }

    @Test
    void validateRejectsBadOptionsWithExitTwo() throws Exception {
        Cli.Outcome a = Cli.run("validate", "--real-client", "maybe");
        assertEquals(2, a.code(), a.err());
        assertTrue(a.err().contains("--real-client"), a.err());
        Cli.Outcome b = Cli.run("validate", "--real-client", "off", "--root", "/nonexistent-bitswarm");
        assertEquals(2, b.code(), b.err());
        assertTrue(b.err().contains("no validation/cases"), b.err());
        String r = root().toString();
        Cli.Outcome c = Cli.run("validate", "--root", r, "--profile", "vuze");
        assertEquals(2, c.code(), c.err());
        assertEquals("bitswarm: --profile: expected one of mainline, mainline_strict, libtorrent, transmission, got \"vuze\"",
                c.err().strip());
        Cli.Outcome d = Cli.run("validate", "--root", r, "--real-client", "off", "--out", "x.md");
        assertEquals(2, d.code(), d.err());
        assertTrue(d.err().strip().startsWith("bitswarm: --out: only with --profile"), d.err());
        Cli.Outcome e = Cli.run("validate", "--root", r, "--profile", "libtorrent", "--out", r);
        assertEquals(2, e.code(), e.err());
        assertTrue(e.err().contains("is a folder"), e.err());
        assertEquals(1, c.err().strip().lines().count(), "one line: " + c.err());
        assertEquals(1, d.err().strip().lines().count(), "one line: " + d.err());
    }

    @Test
    void aProfileRunsEveryCaseUnderItAndTheKeysTheCaseWritesStay() {
        Path f = root().resolve("validation/cases/endgame.yaml");
        List<Sim.Outcome> own = Sim.run(f, false, 1);
        List<Sim.Outcome> lt = Sim.run(f, false, 1, Profile.LIBTORRENT);
        assertEquals(2, lt.size(), "both points of the case's sweep");
        for (int i = 0; i < 2; i++) {
            ProtocolSpec a = own.get(i).cfg().protocol();
            ProtocolSpec b = lt.get(i).cfg().protocol();
            assertEquals(Profile.MAINLINE, a.profile());
            assertEquals(Profile.LIBTORRENT, b.profile());
            assertEquals(Profile.LIBTORRENT.spec().connections(), b.connections(), "keys the case does not write: the profile's");
            assertEquals(Profile.LIBTORRENT.spec().choker(), b.choker());
            RarestFirstPicker.Config pa = (RarestFirstPicker.Config) a.pieceSelection();
            RarestFirstPicker.Config pb = (RarestFirstPicker.Config) b.pieceSelection();
            assertEquals(pa.endgame(), pb.endgame(), "the key the case (its sweep) writes stays");
            assertEquals(i == 0, pb.endgame());
            assertEquals(RarestFirstPicker.StartedRule.LIBTORRENT, pb.startedPieces(), "the rest of the block: the profile's");
            assertNotEquals(own.get(i).run().eventDigest(), lt.get(i).run().eventDigest());
        }
    }
}
