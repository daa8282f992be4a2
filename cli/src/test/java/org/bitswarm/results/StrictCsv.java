package org.bitswarm.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * A strict RFC 4180 reader, written apart from the writer (Apache Commons CSV) so that it checks it: a field is
 * either plain (no comma, quote, CR or LF) or wholly quoted with inner quotes doubled; nothing follows a closing
 * quote but a comma or a line end; records end with LF (or CRLF) and the file ends with one; UTF-8.
 * {@link #checkFile} adds the data contract: a header of unique names, every record as many fields as the
 * header, and one type per column (every non-empty cell a number, or none of them).
 */
public final class StrictCsv {
    private StrictCsv() {}

    public static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the last record has no line end");
        }
        int i = 0;
        int n = text.length();
        List<String> rec = new ArrayList<>();
        while (i < n) {
            StringBuilder f = new StringBuilder();
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field in record " + (out.size() + 1));
                    }
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            f.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    f.append(c);
                    i++;
                }
                if (i < n && ",\r\n".indexOf(text.charAt(i)) < 0) {
                    throw new IllegalArgumentException("text after a closing quote in record " + (out.size() + 1));
                }
            } else {
                while (i < n && ",\r\n".indexOf(text.charAt(i)) < 0) {
                    if (text.charAt(i) == '"') {
                        throw new IllegalArgumentException("a quote inside a plain field in record " + (out.size() + 1));
                    }
                    f.append(text.charAt(i++));
                }
            }
            rec.add(f.toString());
            char c = text.charAt(i);
            if (c == ',') {
                i++;
            } else {
                if (c == '\r') {
                    if (i + 1 >= n || text.charAt(i + 1) != '\n') {
                        throw new IllegalArgumentException("a bare CR in record " + (out.size() + 1));
                    }
                    i++;
                }
                i++;
                out.add(rec);
                rec = new ArrayList<>();
            }
        }
        return out;
    }

    /** Parses a result CSV file strictly and checks the contract; returns its records (header first). */
    public static List<List<String>> checkFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(file + ": not UTF-8", e);
        }
        assertFalse(text.startsWith("\uFEFF"), file + ": byte-order mark");
        List<List<String>> recs;
        try {
            recs = parse(text);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(file + ": not RFC 4180: " + e.getMessage(), e);
        }
        assertFalse(recs.isEmpty(), file + ": empty");
        List<String> header = recs.get(0);
        assertEquals(header.size(), new HashSet<>(header).size(), file + ": duplicate column names " + header);
        for (String h : header) {
            assertTrue(h.matches("[a-z][a-z0-9_.\\[\\]]*"), file + ": column name \"" + h + "\"");
        }
        for (int r = 1; r < recs.size(); r++) {
            assertEquals(header.size(), recs.get(r).size(), file + ": record " + (r + 1) + " has " + recs.get(r).size()
                    + " fields, the header " + header.size());
        }
        for (int c = 0; c < header.size(); c++) {
            int numbers = 0;
            int texts = 0;
            String example = "";
            for (List<String> rec : recs.subList(1, recs.size())) {
                String v = rec.get(c);
                if (v.isEmpty()) {
                    continue;
                }
                if (isNumber(v)) {
                    numbers++;
                } else {
                    texts++;
                    example = v;
                }
            }
            if (numbers > 0 && texts > 0) {
                fail(file + ": column " + header.get(c) + " mixes numbers and text (\"" + example + "\")");
            }
        }
        return recs;
    }

    /** Every *.csv below {@code dir}, checked; returns how many. */
    public static int checkTree(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        for (Path f : files) {
            checkFile(f);
        }
        return files.size();
    }

    /** A number as pandas and R read it: decimal, optional sign, fraction and exponent (no inf, no hex). */
    static boolean isNumber(String v) {
        return v.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    }
}
