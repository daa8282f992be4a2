package org.bitswarm.protocol.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bitswarm.engine.Mix;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.protocol.config.NetworkSpec;

/**
 * One-way latency between two entities, the same in both directions and drawn once per pair: a uniform value
 * derived from a keyed hash of (seed, smaller id, larger id), so both ends compute the same number without
 * talking or sharing state. A matrix file gives milliseconds directly (ids beyond its size wrap modulo).
 */
public final class Latency {
    private final NetworkSpec spec;
    private final long key;
    private final long[][] matrix;
    private final long lowest;

    public Latency(NetworkSpec spec, long seed) {
        this.spec = spec;
        this.key = Mix.splitmix(seed ^ 0x1A7E_9C11L);
        switch (spec.latency()) {
            case MATRIX -> {
                matrix = load(spec.matrixFile());
                long m = Long.MAX_VALUE;
                for (int i = 0; i < matrix.length; i++) {
                    for (int j = 0; j < matrix.length; j++) {
                        if (i != j || matrix.length == 1) {
                            m = Math.min(m, matrix[i][j]);
                        }
                    }
                }
                ConfigError.require(m >= 1_000_000, "network.matrix_file", "latencies must be at least 1 ms");
                lowest = m;
            }
            default -> {
                matrix = null;
                lowest = spec.min();
            }
        }
    }

    /** The smallest latency of any pair: the model's lookahead. */
    public long lowest() {
        return lowest;
    }

    public long between(long x, long y) {
        long a = Math.min(x, y);
        long b = Math.max(x, y);
        return switch (spec.latency()) {
            case FIXED -> spec.min();
            case UNIFORM -> {
                long span = spec.max() - spec.min() + 1;
                long h = Mix.hash(key, a, b) >>> 1;
                yield spec.min() + h % span;
            }
            case MATRIX -> {
                int n = matrix.length;
                long v = matrix[(int) (a % n)][(int) (b % n)];
                yield a % n == b % n ? lowest : v;
            }
        };
    }

    private static long[][] load(String file) {
        try {
            String[] rows = Files.readString(Path.of(file)).trim().split("\\R");
            long[][] m = new long[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                String[] f = rows[i].trim().split("[\\s,]+");
                ConfigError.require(f.length == rows.length, "network.matrix_file", "row " + i + " has " + f.length
                        + " values, expected " + rows.length);
                m[i] = new long[f.length];
                for (int j = 0; j < f.length; j++) {
                    m[i][j] = Math.round(Double.parseDouble(f[j]) * 1_000_000);
                }
            }
            return m;
        } catch (IOException | NumberFormatException e) {
            throw new ConfigError("network.matrix_file", "cannot read " + file + ": " + e.getMessage());
        }
    }
}
