package org.bitswarm.scenario;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a latency matrix file in the front end, before any rank starts, with the line of every fault: the
 * ranks' own reader ({@code protocol.net.Latency}) would otherwise fail inside each rank with a stack trace,
 * or take {@code Infinity} as a latency.
 *
 * <p>The format the ranks read: one row per line, values separated by spaces, tabs or commas, in milliseconds
 * (decimals allowed), row i column j the one-way latency from entity i to entity j. Latency is the same both
 * ways (the model draws one value per pair and reads the upper triangle), so an asymmetric matrix is an error
 * rather than a silently ignored lower triangle. The diagonal is not used (a 1 x 1 matrix is the single
 * latency of every pair). Every used entry is at least 1 ms (the lookahead) and at most one hour.
 */
public final class LatencyMatrixFile {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?|\\.[0-9]+([eE][+-]?[0-9]+)?");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final double MAX_MS = 3_600_000;

    private LatencyMatrixFile() {}

    /**
     * Throws a {@link ScenarioError} {@code matrix:LINE: reason} (or {@code matrix: reason}) at the first fault
     * of the content; {@link InputFile.Refused} when the file itself cannot be read (the caller names the key).
     */
    public static void check(Path matrix) throws InputFile.Refused {
        String name = matrix.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(InputFile.read(matrix, InputFile.MATRIX_LIMIT))).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioError(name, "not UTF-8 text");
        }
        String[] lines = text.split("\\R", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        int last = lines.length - 1;
        while (last >= first && lines[last].isBlank()) {
            last--;
        }
        if (first > last) {
            throw new ScenarioError(name, "empty latency matrix");
        }
        for (int i = first; i <= last; i++) {
            if (lines[i].isBlank()) {
                throw new ScenarioError(name, i + 1, "", "blank line inside the matrix");
            }
        }
        int n = last - first + 1;
        List<long[]> rows = new ArrayList<>(n);
        for (int i = first; i <= last; i++) {
            rows.add(row(name, i + 1, lines[i], n));
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j && n > 1) {
                    continue;
                }
                long v = rows.get(i)[j];
                if (v < 1_000_000) {
                    throw new ScenarioError(name, first + i + 1, "", "column " + (j + 1) + ": " + ms(v)
                            + " ms is below 1 ms (latencies between different entities are the lookahead)");
                }
                if (j > i && rows.get(j)[i] != v) {
                    throw new ScenarioError(name, first + j + 1, "", "column " + (i + 1) + ": " + ms(rows.get(j)[i])
                            + " ms differs from row " + (i + 1) + " column " + (j + 1) + " (" + ms(v)
                            + " ms): latency is the same both ways, give a symmetric matrix");
                }
            }
        }
    }

    private static long[] row(String name, int line, String text, int n) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new ScenarioError(name, line, "", "blank line inside the matrix");
        }
        String[] fields = SEPARATORS.split(trimmed, -1);
        if (fields.length != n) {
            throw new ScenarioError(name, line, "", fields.length + " values, expected " + n
                    + " (the matrix has " + n + " rows, so " + n + " columns)");
        }
        long[] out = new long[n];
        for (int j = 0; j < n; j++) {
            String f = fields[j];
            if (!NUMBER.matcher(f).matches()) {
                throw new ScenarioError(name, line, "", "column " + (j + 1) + ": expected milliseconds (a number >= 0),"
                        + " got \"" + (f.length() > 40 ? f.substring(0, 40) + "..." : f) + "\"");
            }
            double ms = Double.parseDouble(f);
            if (!(ms <= MAX_MS)) {
                throw new ScenarioError(name, line, "", "column " + (j + 1) + ": " + f + " ms is more than one hour");
            }
            out[j] = Math.round(ms * 1_000_000);
        }
        return out;
    }

    private static String ms(long ns) {
        return ns % 1_000_000 == 0 ? Long.toString(ns / 1_000_000) : Double.toString(ns / 1e6);
    }
}
