package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bitswarm.cli.run.Progress;
import org.junit.jupiter.api.Test;

/** The plain progress line counts finished downloads (and takes its ETA from them) when the run stops on them. */
class ProgressDisplayTest {

    @Test
    void downloadsDoneWithAnEta() {
        ProgressDisplay.Line p = ProgressDisplay.Line.parse(Progress.MARKER + "60000000000 720000000000 1000 10 done=612/849");
        assertEquals("progress: 612/849 downloads done (72%), ETA 23 s; 60.0 s simulated, 1000 events, 0.00M events/s",
                ProgressDisplay.plain(p, 60, 1000));
    }

    @Test
    void simulatedTimeWhenDownloadsAreNotCounted() {
        ProgressDisplay.Line p = ProgressDisplay.Line.parse(Progress.MARKER + "60000000000 720000000000 1000 10 final");
        assertEquals(true, p.last());
        assertEquals("progress: 60.000000000 of 720.000000000 simulated s (8%), 1000 events, 0.00M events/s",
                ProgressDisplay.plain(p, 60, 1000));
    }
}
