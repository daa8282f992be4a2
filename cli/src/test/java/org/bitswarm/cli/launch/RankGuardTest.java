package org.bitswarm.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rank-side guard, the status files and the small launcher pieces, without starting MPJ. */
class RankGuardTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final List<Integer> halts = new ArrayList<>();

    private RankGuard guard() {
        return new RankGuard(tmp, err, halts::add);
    }

    @Test
    void successWritesDoneAndDoesNotHalt() {
        guard().guard(new String[] {"2", "4", "smpdev"}, args -> { });

        assertTrue(Files.exists(tmp.resolve("rank-2.done")));
        assertTrue(halts.isEmpty());
    }

    @Test
    void failureWritesOneLineCauseAndHaltsWithThree() throws Exception {
        guard().guard(new String[] {"1", "4", "smpdev"}, args -> {
            throw new IllegalStateException("bad\nthing", new IllegalArgumentException("negative size"));
        });

        String cause = Files.readString(tmp.resolve("rank-1.failed")).strip();
        String prefix = "java.lang.IllegalStateException: bad thing (caused by java.lang.IllegalArgumentException: negative size); stack trace: ";
        assertTrue(cause.startsWith(prefix), cause);
        Path trace = Path.of(cause.substring(prefix.length()));
        assertEquals(tmp.resolve("rank-1.trace"), trace, "in the status folder, deleted with the run unless reported");
        assertTrue(Files.readString(trace).contains("\tat org.bitswarm.cli.launch.RankGuardTest"), "the trace is in " + trace);

        // The launcher, when it reports the failure, keeps the trace outside the status folder and names it.
        Path keep = Files.createDirectory(tmp.resolve("keep"));
        String told = new StatusDir(tmp).causeKeepingTrace(new StatusDir(tmp).failures().get(0), keep);
        Path kept = Path.of(told.substring(prefix.length()));
        assertEquals(keep, kept.getParent(), told);
        assertTrue(kept.getFileName().toString().startsWith("bitswarm-rank1-"), told);
        assertTrue(Files.readString(kept).contains("\tat org.bitswarm.cli.launch.RankGuardTest"), told);
        assertFalse(Files.exists(trace), "moved, not copied");
        assertEquals(List.of(RankGuard.FAILURE_EXIT), halts);
        String printed = errBytes.toString(StandardCharsets.UTF_8);
        assertEquals("bitswarm: rank 1 failed: " + cause + "\n", printed, "one line, no stack frames on the terminal");
        assertFalse(Files.exists(tmp.resolve("rank-1.done")));
    }

    @Test
    void errorsAreCaughtToo() {
        guard().guard(new String[] {"0", "1", "smpdev"}, args -> {
            throw new OutOfMemoryError("Java heap space");
        });

        StatusDir status = new StatusDir(tmp);
        assertEquals(1, status.failures().size());
        assertEquals(0, status.failures().get(0).rank());
        assertTrue(status.failures().get(0).cause().startsWith("java.lang.OutOfMemoryError: Java heap space; stack trace: "),
                status.failures().get(0).cause());
        assertTrue(Files.isRegularFile(tmp.resolve("rank-0.trace")));
        assertEquals(List.of(RankGuard.FAILURE_EXIT), halts);
    }

    @Test
    void prepareClearsReportsOfAnEarlierRun() throws Exception {
        StatusDir status = new StatusDir(tmp);
        status.markFailed("3", "old");
        status.markDone("0");

        status.prepare();

        assertTrue(status.failures().isEmpty());
        assertFalse(status.isDone(0));
        assertEquals(0, status.reportCount());
    }

    @Test
    void noiseFilterDropsOnlyMpjBanners() {
        assertTrue(MpjNoise.isNoise("MPJ Express (0.44) is started in the multicore configuration"));
        assertTrue(MpjNoise.isNoise("MPJ Express (0.44) is started in the cluster configuration with niodev"));
        assertTrue(MpjNoise.isNoise("Starting process <0> on <vm>"));
        assertTrue(MpjNoise.isNoise("Stopping Process <12> on <node-3.example>"));
        assertFalse(MpjNoise.isNoise("Cannot connect to the daemon at machine <x> and port <40055>."));
        assertFalse(MpjNoise.isNoise("java.lang.reflect.InvocationTargetException"));
    }

    @Test
    void overlayRewritesPortsAndKeepsTheRest() throws Exception {
        Path base = tmp.resolve("base");
        Files.createDirectories(base.resolve("lib"));
        Files.createDirectories(base.resolve("conf"));
        Files.writeString(base.resolve("conf/mpjexpress.conf"),
                "# ports\nmpjexpress.mpjdaemon.port.1=40055\nmpjexpress.mpjrun.port.1=40002\nmpjexpress.version=0.44\n");

        MpjHome overlay = new MpjHome(base).overlay(tmp.resolve("run"),
                Map.of(MpjHome.MPJRUN_PORT, 51000, MpjHome.PORT_MANAGER_PORT, 51001));

        assertEquals(Map.of(MpjHome.DAEMON_PORT, 40055, MpjHome.MPJRUN_PORT, 51000, MpjHome.PORT_MANAGER_PORT, 51001),
                overlay.ports(MpjHome.DAEMON_PORT, MpjHome.MPJRUN_PORT, MpjHome.PORT_MANAGER_PORT));
        assertTrue(Files.readString(tmp.resolve("run/conf/mpjexpress.conf")).contains("mpjexpress.version=0.44"));
        assertEquals(base.resolve("lib").toRealPath(), tmp.resolve("run/lib").toRealPath());
    }
}
