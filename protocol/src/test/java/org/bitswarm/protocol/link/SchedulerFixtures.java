package org.bitswarm.protocol.link;

import java.util.ArrayList;
import java.util.List;
import org.bitswarm.engine.Context;
import org.bitswarm.engine.Payload;
import org.bitswarm.protocol.strategy.LinkScheduler;
import umontreal.ssj.rng.RandomStream;

/** What a link scheduler's tests drive it with: flows of a fixed number of blocks, and a clock. */
public final class SchedulerFixtures {
    private SchedulerFixtures() {}

    /** A flow of a fixed number of blocks, with a weight. */
    public static final class TestFlow implements LinkScheduler.Flow {
        public final String name;
        public final double weight;
        public int left;
        boolean queued;
        double pass;

        public TestFlow(String name, double weight, int blocks) {
            this.name = name;
            this.weight = weight;
            this.left = blocks;
        }

        public TestFlow(String name, int blocks) {
            this(name, 1, blocks);
        }

        public boolean ready() {
            return left > 0;
        }

        public long nextBlock() {
            left--;
            return 0;
        }

        public boolean hasMore() {
            return left > 0;
        }

        public boolean queued() {
            return queued;
        }

        public void queued(boolean q) {
            queued = q;
        }

        public double weight() {
            return weight;
        }

        public double pass() {
            return pass;
        }

        public void pass(double p) {
            pass = p;
        }
    }

    /** Just enough of a context for a scheduler: a clock and the timers it sets. */
    public static final class Clock implements Context {
        public long now;
        public final List<Long> timers = new ArrayList<>();

        public long now() {
            return now;
        }

        public long self() {
            return 1;
        }

        public long entityCount() {
            return 2;
        }

        public long lookahead() {
            return 1;
        }

        public void send(long dest, long delay, int kind, Payload payload) {
            throw new AssertionError("a scheduler sends nothing itself");
        }

        public void schedule(long delay, int kind, Payload payload) {
            timers.add(delay);
        }

        public RandomStream random(int purpose) {
            throw new AssertionError("no draws");
        }

        public void requestStop() {}
    }
}
