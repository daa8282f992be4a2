package org.bitswarm.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.Ticks;
import org.junit.jupiter.api.Test;

/** Progress lines are rate-limited, but the last one always says where the run ended. */
class ProgressTest {

    @Test
    void theLastLineIsWhereTheRunEndedEvenWhenRateLimited() {
        List<String> lines = new ArrayList<>();
        long[] clock = {0};
        RunConfig.WindowListener l = Progress.emitter("on", 1000, lines::add, null, () -> clock[0]);
        for (int w = 1; w <= 100; w++) {
            clock[0] += 10_000_000L; // 10 ms of wall time per window: a line every 50 windows
            l.windowDone(w, 10L * w, w);
        }
        assertEquals(List.of(Progress.MARKER + "1 1000 10 1", Progress.MARKER + "51 1000 510 51"), lines, "rate-limited");
        l.runDone(Ticks.NEVER, 2000, 101);
        assertEquals(Progress.MARKER + "1000 1000 2000 101 final", lines.get(lines.size() - 1));
    }

    @Test
    void aRunStoppedEarlyEndsWhereItStopped() {
        List<String> lines = new ArrayList<>();
        Progress.emitter("on", 1000, lines::add).runDone(400, 7, 3);
        assertEquals(List.of(Progress.MARKER + "400 1000 7 3 final"), lines);
    }

    @Test
    void offMeansNoLinesAtAll() {
        List<String> lines = new ArrayList<>();
        RunConfig.WindowListener l = Progress.emitter("off", 1000, lines::add);
        l.windowDone(10, 1, 1);
        l.runDone(Ticks.NEVER, 1, 1);
        assertEquals(List.of(), lines);
    }

    @Test
    void aRunThatStopsOnFinishedDownloadsCountsThem() {
        List<String> lines = new ArrayList<>();
        long[] clock = {0};
        long[] done = {0, 849};
        RunConfig.WindowListener l = Progress.emitter("on", 1000, lines::add, () -> done.clone(), () -> clock[0]);
        l.windowDone(10, 5, 1);
        clock[0] += 1_000_000_000L;
        done[0] = 612;
        l.windowDone(20, 50, 2);
        l.runDone(25, 60, 3);
        assertEquals(List.of(Progress.MARKER + "10 1000 5 1 done=0/849", Progress.MARKER + "20 1000 50 2 done=612/849",
                Progress.MARKER + "25 1000 60 3 done=612/849 final"), lines);
    }

    @Test
    void unknownWorkFallsBackToSimulatedTime() {
        List<String> lines = new ArrayList<>();
        Progress.emitter("on", 1000, lines::add, () -> null, () -> 0L).runDone(400, 7, 3);
        assertEquals(List.of(Progress.MARKER + "400 1000 7 3 final"), lines);
    }
}
