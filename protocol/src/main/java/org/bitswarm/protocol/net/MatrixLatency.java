package org.bitswarm.protocol.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.protocol.strategy.LatencyConfig;

/**
 * Latencies read from a matrix file of milliseconds (row i, column j: entity i to j); ids beyond its size wrap
 * modulo, and two ids on the same row get the smallest latency of the matrix.
 */
public final class MatrixLatency implements Latency {
    private final long[][] matrix;
    private final long lowest;

    MatrixLatency(long[][] matrix) {
        this.matrix = matrix;
        long m = Long.MAX_VALUE;
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix.length; j++) {
                if (i != j || matrix.length == 1) {
                    m = Math.min(m, matrix[i][j]);
                }
            }
        }
        ConfigError.require(m >= 1_000_000, "network.latency.file", "latencies must be at least 1 ms");
        this.lowest = m;
    }

    @Override
    public long lowest() {
        return lowest;
    }

    @Override
    public long between(long x, long y) {
        long a = Math.min(x, y);
        long b = Math.max(x, y);
        int n = matrix.length;
        long v = matrix[(int) (a % n)][(int) (b % n)];
        return a % n == b % n ? lowest : v;
    }

    static long[][] load(String file) {
        try {
            String[] rows = Files.readString(Path.of(file)).trim().split("\\R");
            long[][] m = new long[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                String[] f = rows[i].trim().split("[\\s,]+");
                ConfigError.require(f.length == rows.length, "network.latency.file", "row " + i + " has " + f.length
                        + " values, expected " + rows.length);
                m[i] = new long[f.length];
                for (int j = 0; j < f.length; j++) {
                    m[i][j] = Math.round(Double.parseDouble(f[j]) * 1_000_000);
                }
            }
            return m;
        } catch (IOException | NumberFormatException e) {
            throw new ConfigError("network.latency.file", "cannot read " + file + ": " + e.getMessage());
        }
    }

    @Doc("read from a matrix file")
    public record Config(@Doc("whitespace-separated milliseconds, row i col j = entity i to j; ids beyond wrap modulo") String file)
            implements LatencyConfig {
        public Config {
            ConfigError.require(file != null && !file.isBlank(), "file", "needed for a latency matrix");
        }

        /** Has no usable default: the file must be given. */
        public static Config defaults() {
            return null;
        }

        @Override
        public Latency create(long seed, long entities) {
            return new MatrixLatency(load(file));
        }
    }
}
