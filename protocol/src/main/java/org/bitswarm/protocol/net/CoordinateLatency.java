package org.bitswarm.protocol.net;

import org.bitswarm.engine.Mix;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.protocol.strategy.LatencyConfig;

/**
 * A synthetic coordinate space, so that latencies correlate as on the internet (if a is near b and b near c,
 * then a is near c), unlike independent per-pair draws. Every entity gets a point in the unit square, from a
 * keyed hash of (seed, id): uniform over the square, or, with {@code regions > 0}, near one of that many
 * region centres (themselves uniform), within {@code spread} of it. The latency of a pair is
 * {@code base + per_unit * distance}: pairs in one region get about base, pairs in far regions up to
 * {@code base + per_unit * sqrt(2)}. {@code base} is the smallest possible latency, hence the lookahead.
 */
public final class CoordinateLatency implements Latency {
    private final Config cfg;
    private final long key;
    private final double[] centreX;
    private final double[] centreY;

    CoordinateLatency(Config cfg, long seed) {
        this.cfg = cfg;
        this.key = Mix.splitmix(seed ^ 0x7C00_0D1AL);
        this.centreX = new double[cfg.regions()];
        this.centreY = new double[cfg.regions()];
        for (int r = 0; r < cfg.regions(); r++) {
            centreX[r] = unit(Mix.hash(key, -1 - r, 0));
            centreY[r] = unit(Mix.hash(key, -1 - r, 1));
        }
    }

    private static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** The region of an entity (0 when there are none). */
    public int region(long id) {
        return cfg.regions() == 0 ? 0 : (int) ((Mix.hash(key, id, 2) >>> 1) % cfg.regions());
    }

    double x(long id) {
        double u = unit(Mix.hash(key, id, 0));
        return cfg.regions() == 0 ? u : centreX[region(id)] + (2 * u - 1) * cfg.spread();
    }

    double y(long id) {
        double u = unit(Mix.hash(key, id, 1));
        return cfg.regions() == 0 ? u : centreY[region(id)] + (2 * u - 1) * cfg.spread();
    }

    @Override
    public long lowest() {
        return cfg.base();
    }

    @Override
    public long between(long a, long b) {
        double dx = x(a) - x(b);
        double dy = y(a) - y(b);
        return cfg.base() + Math.round(cfg.perUnit() * Math.sqrt(dx * dx + dy * dy));
    }

    @Doc("points in a 2-D plane (optionally clustered in regions); latency grows with distance")
    public record Config(
            @Doc("latency at distance 0 (at least 1 ms: it is the lookahead)") @Unit(Unit.Kind.DURATION) long base,
            @Doc("latency added per unit of distance (the square's side)") @Unit(Unit.Kind.DURATION) long perUnit,
            @Doc("region centres (0 = points uniform over the square)") int regions,
            @Doc("how far a point lies from its region centre, as a fraction of the side") double spread)
            implements LatencyConfig {
        public Config {
            ConfigError.require(base >= 1_000_000, "base", "must be at least 1 ms (it is the lookahead)");
            ConfigError.require(perUnit >= 0, "per_unit", "must be >= 0");
            ConfigError.require(regions >= 0 && regions <= 10_000, "regions", "must be in [0, 10000]");
            ConfigError.require(spread >= 0 && spread <= 1, "spread", "must be in [0, 1]");
        }

        public static Config defaults() {
            return new Config(5_000_000, 100_000_000, 0, 0.05);
        }

        @Override
        public Latency create(long seed, long entities) {
            return new CoordinateLatency(this, seed);
        }
    }
}
