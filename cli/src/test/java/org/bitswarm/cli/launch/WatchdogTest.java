package org.bitswarm.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog's two verdicts, on heartbeat files written by the test and times the test supplies (no clock):
 * a rank whose heartbeat stops is named with its host and pid; a run whose rank 0 finishes no window while
 * every rank beats is a livelock; a run that moves is left alone.
 */
class WatchdogTest {

    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private Watchdog dog(int np, Duration limit) {
        LaunchSpec spec = LaunchSpec.builder("Main").np(np).mpjHome(dir).appClassPath(List.of(dir)).statusDir(dir)
                .watchdog(limit).build();
        return new Watchdog(spec, new StatusDir(dir), 0);
    }

    private void beat(int rank, long seq, long windows) throws Exception {
        Files.writeString(dir.resolve("rank-" + rank + ".beat"), seq + " " + windows + " " + windows * 1_000_000 + " host"
                + rank + " " + (100 + rank) + "\n");
    }

    @Test
    void aRankWhoseHeartbeatStopsIsNamedWithHostAndPid() throws Exception {
        Watchdog w = dog(3, Duration.ofSeconds(10));
        for (long t = 1; t <= 5; t++) {
            beat(0, t, t);
            beat(1, t, 0);
            beat(2, t, 0);
            assertNull(w.check(t * S));
        }
        for (long t = 6; t <= 16; t++) { // rank 1 falls silent at t = 5 s
            beat(0, t, t);
            beat(2, t, 0);
            String verdict = w.check(t * S);
            if (t < 16) {
                assertNull(verdict, "t=" + t);
            } else {
                assertEquals("rank 1 (host host1, pid 101) stopped responding: no heartbeat for 10 s (stopped, frozen,"
                        + " killed, or its host is gone); raise BITSWARM_WATCHDOG if a rank needs longer", verdict);
            }
        }
    }

    @Test
    void noWindowWhileEveryRankBeatsIsALivelock() throws Exception {
        Watchdog w = dog(2, Duration.ofSeconds(10));
        for (long t = 1; t <= 30; t++) {
            beat(0, t, Math.min(t, 4)); // windows stop advancing after 4 s
            beat(1, t, 0);
            String verdict = w.check(t * S);
            if (t <= 14) {
                assertNull(verdict, "t=" + t);
            } else {
                assertTrue(verdict.startsWith("watchdog: no window finished for 10 s (every rank alive; stuck after"
                        + " window 4"), verdict);
                return;
            }
        }
        throw new AssertionError("no verdict");
    }

    @Test
    void aRankThatNeverComesUpIsNamedAfterTheWholeWatchdogTime() throws Exception {
        Watchdog w = dog(2, Duration.ofSeconds(60));
        for (long t = 1; t <= 61; t++) {
            beat(0, t, t);
            String verdict = w.check(t * S);
            if (t <= 60) {
                assertNull(verdict, "t=" + t);
            } else {
                assertTrue(verdict.startsWith("rank 1 (no heartbeat ever) stopped responding"), verdict);
            }
        }
    }

    @Test
    void aRankThatWasBeatingIsGoneAfterThirtySecondsWhateverTheWatchdog() throws Exception {
        Watchdog w = dog(2, Duration.ofMinutes(10));
        beat(0, 1, 1);
        beat(1, 1, 0);
        assertNull(w.check(S));
        for (long t = 2; t <= 32; t++) {
            beat(0, t, t);
            String verdict = w.check(t * S);
            if (t <= 31) {
                assertNull(verdict, "t=" + t);
            } else {
                assertTrue(verdict.startsWith("rank 1 (host host1, pid 101) stopped responding: no heartbeat for 30 s"),
                        verdict);
            }
        }
    }

    @Test
    void aRankThatReportedIsNeverSilent() throws Exception {
        Watchdog w = dog(2, Duration.ofSeconds(5));
        beat(0, 1, 1);
        beat(1, 1, 1);
        assertNull(w.check(S));
        Files.writeString(dir.resolve("rank-1.done"), "done\n");
        for (long t = 2; t <= 20; t++) {
            beat(0, t, t);
            assertNull(w.check(t * S));
        }
    }
}
