package org.bitswarm.engine.phold;

import org.bitswarm.engine.Context;
import org.bitswarm.engine.Entity;
import org.bitswarm.engine.Model;
import org.bitswarm.engine.Payload;
import org.bitswarm.engine.ByteWriter;
import org.bitswarm.engine.Ticks;
import umontreal.ssj.rng.RandomStream;

/**
 * PHOLD, the standard synthetic benchmark for parallel discrete-event simulators (Fujimoto, "Performance of
 * Time Warp under synthetic workloads", 1990): a fixed population of jobs hops between entities. On each hop
 * the holding entity sends the job to a uniformly chosen other entity with probability {@code remote}, or to
 * itself otherwise, after a delay of lookahead + Exp(mean).
 *
 * @param entities     number of entities
 * @param jobs         jobs each entity starts with
 * @param remote       probability that a hop goes to another entity
 * @param lookahead    minimum delay of a hop, ticks
 * @param meanDelay    mean of the exponential part of the delay, ticks
 * @param failOnEntity for tests of failure handling: this entity throws on its first event (-1: none)
 */
public record Phold(long entities, int jobs, double remote, long lookahead, long meanDelay, long failOnEntity)
        implements Model {

    static final int HOP = 1;
    /** One stream per entity for both the route and the delay: each stream touched costs cache misses. */
    private static final int STREAM = 0;

    public Phold {
        if (entities < 2) {
            throw new IllegalArgumentException("PHOLD needs at least 2 entities");
        }
        if (jobs < 0 || remote < 0 || remote > 1 || lookahead < 1 || meanDelay < 0) {
            throw new IllegalArgumentException("bad PHOLD parameters");
        }
    }

    @Override
    public long entityCount() {
        return entities;
    }

    @Override
    public Entity createEntity(long id) {
        return new Node(id);
    }

    @Override
    public String describe(int kind, Payload payload) {
        return "hop";
    }

    private final class Node implements Entity {
        private final long id;
        private long hops;

        Node(long id) {
            this.id = id;
        }

        @Override
        public void start(Context ctx) {
            for (int j = 0; j < jobs; j++) {
                ctx.schedule(delay(ctx.random(STREAM)), HOP, null);
            }
        }

        @Override
        public void handle(Context ctx, long source, int kind, Payload payload) {
            if (id == failOnEntity) {
                throw new IllegalStateException("PHOLD entity " + id + " fails on purpose (fail_on_entity)");
            }
            hops++;
            RandomStream rng = ctx.random(STREAM);
            if (rng.nextDouble() < remote) {
                long other = rng.nextInt(0, (int) entities - 2);
                ctx.send(other >= id ? other + 1 : other, delay(rng), HOP, null);
            } else {
                ctx.schedule(delay(rng), HOP, null);
            }
        }

        /**
         * Exponential by inversion, -mean * ln(1 - U). Written out rather than through SSJ's
         * ExponentialDist.inverseF, whose Math.log1p is a pure-Java fdlibm routine in JDK 17 and took a third of
         * a PHOLD run; Math.log is a JIT intrinsic. U < 1 always, so the logarithm is finite.
         */
        private long delay(RandomStream rng) {
            double u = rng.nextDouble();
            return lookahead + Math.round(-meanDelay * Math.log(1.0 - u));
        }

        @Override
        public void report(ByteWriter out) {
            out.putLong(hops);
        }
    }

    /** A default in ticks: a mean delay of one lookahead. */
    public static Phold of(long entities, int jobs, double remote, double lookaheadSeconds, long failOnEntity) {
        long l = Ticks.ofSeconds(lookaheadSeconds);
        return new Phold(entities, jobs, remote, l, l, failOnEntity);
    }
}
