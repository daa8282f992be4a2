package org.bitswarm.protocol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.protocol.link.SchedulerFixtures.Clock;
import org.bitswarm.protocol.link.SchedulerFixtures.TestFlow;
import org.bitswarm.protocol.strategy.LinkScheduler;
import org.junit.jupiter.api.Test;

/**
 * {@code links.send_ahead}: one scheduling decision hands the uplink the scheduler's next blocks back to back, and
 * one uplink_done timer ends them; {@code send_ahead: 0} is one block and one timer per decision.
 */
class SendAheadSchedulerTest {
    static final long TX = 100;

    /** Who sent each block and when its transmission started, and how many uplink_done timers were set. */
    record Run(List<String> who, List<Long> starts, int timers) {}

    /**
     * A warm-up flow "w" of one block takes the uplink; meanwhile three flows of {@code blocksEach} blocks ask
     * for it; each uplink_done timer fires when due.
     */
    static Run run(long sendAhead, boolean fair, long tx, int blocksEach) {
        List<String> who = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        Clock ctx = new Clock();
        LinkScheduler.Uplink up = (c, f, k, after) -> {
            who.add(((TestFlow) f).name);
            starts.add(c.now() + after);
            return tx;
        };
        LinkScheduler s = fair ? new WeightedFair(up, Downlink.PACED, sendAhead) : new BlockRoundRobin(up, Downlink.PACED, sendAhead);
        s.offer(ctx, new TestFlow("w", 1));
        for (String name : new String[] {"a", "b", "c"}) {
            s.offer(ctx, new TestFlow(name, blocksEach));
        }
        for (int i = 0; i < ctx.timers.size(); i++) {
            ctx.now += ctx.timers.get(i);
            s.uplinkDone(ctx);
        }
        return new Run(who, starts, ctx.timers.size());
    }

    @Test
    void sendAheadZeroIsOneBlockAndOneTimerPerDecision() {
        for (boolean fair : new boolean[] {false, true}) {
            Run r = run(0, fair, TX, 4);
            assertEquals(13, r.who().size());
            assertEquals(13, r.timers(), "one uplink_done per block");
            assertEquals(List.of("w", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"), r.who());
        }
    }

    @Test
    void oneDecisionFillsSendAheadWithTheSchedulersNextBlocksBackToBack() {
        for (boolean fair : new boolean[] {false, true}) {
            Run zero = run(0, fair, TX, 4);
            // 250 ticks = 2.5 blocks: a decision hands over 3 blocks (the first one alone is shorter than send_ahead)
            Run ahead = run(250, fair, TX, 4);
            assertEquals(13, ahead.who().size(), "every block is sent");
            assertEquals(1 + 4, ahead.timers(), "the warm-up block alone, then one uplink_done per 3 blocks");
            // the uplink never idles and never overlaps: each block starts when the one before it ends
            for (int i = 0; i < 13; i++) {
                assertEquals(i * TX, (long) ahead.starts().get(i), "start of block " + i);
                assertEquals(i * TX, (long) zero.starts().get(i), "start of block " + i + " without send_ahead");
            }
            // the order is the scheduler's: the same here, as no request arrives during a decision's blocks
            assertEquals(zero.who(), ahead.who());
        }
    }

    @Test
    void aDecisionEndsWhenNothingMoreWaitsOrAfter32Blocks() {
        // 2 s of send_ahead at 1 tick per block would be two billion blocks: 32 at most
        Run r = run(2_000_000_000L, false, 1, 40);
        assertEquals(121, r.who().size());
        assertEquals(1 + 4, r.timers(), "w, then 32 + 32 + 32 + 24 blocks");
        // three blocks after the warm-up, fewer than send_ahead's worth: one decision, its timer at their end
        Run few = run(2_000_000_000L, false, TX, 1);
        assertEquals(List.of("w", "a", "b", "c"), few.who());
        assertEquals(2, few.timers());
        assertEquals(List.of(0L, TX, 2 * TX, 3 * TX), few.starts());
    }

    @Test
    void sendAheadOutOfRangeIsAConfigError() {
        ConfigError e = assertThrows(ConfigError.class, () -> BlockRoundRobin.Config.defaults().withSendAhead(-1));
        assertEquals("send_ahead", e.key());
        assertThrows(ConfigError.class, () -> WeightedFair.Config.defaults().withSendAhead(2_000_000_001L));
        assertEquals(2_000_000_000L, BlockRoundRobin.Config.defaults().withSendAhead(2_000_000_000L).sendAhead());
    }
}
