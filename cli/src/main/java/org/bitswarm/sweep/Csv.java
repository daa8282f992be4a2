package org.bitswarm.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Every CSV file Bitswarm writes goes through here, on Apache Commons CSV: RFC 4180 quoting (a field is quoted
 * when it holds a comma, a quote, a line break, or starts with a space or other character at or below
 * {@code #}; quotes inside are doubled), a header row, {@code \n} record ends (as every file had before), UTF-8,
 * and numbers formatted by the callers exactly as before ({@link #number}, {@code Ticks.format}), so files stay
 * byte-identical for any {@code --np}. pandas and R read them without options.
 */
public final class Csv {
    /** RFC 4180 with LF record ends. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private Csv() {}

    /** A table read back: the header and rows of column -> value. */
    public record Table(List<String> header, List<LinkedHashMap<String, String>> rows) {
        public List<String> column(String name) {
            List<String> out = new ArrayList<>();
            for (LinkedHashMap<String, String> r : rows) {
                out.add(r.getOrDefault(name, ""));
            }
            return out;
        }
    }

    /** One record, with its line end. */
    public static String row(List<String> fields) {
        StringBuilder b = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(b, FORMAT)) {
            p.printRecord(fields.stream().map(f -> f == null ? "" : f).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    /** Records (the first is the header) as one CSV text. */
    public static String text(List<? extends List<String>> records) {
        StringBuilder b = new StringBuilder();
        for (List<String> r : records) {
            b.append(row(r));
        }
        return b.toString();
    }

    /** Writes records (the first is the header) atomically. */
    public static void write(Path file, List<? extends List<String>> records) throws IOException {
        org.bitswarm.cli.run.ResultFiles.writeAtomically(file, text(records));
    }

    public static Table read(Path file) throws IOException {
        List<List<String>> records = records(Files.readString(file, StandardCharsets.UTF_8));
        if (records.isEmpty()) {
            throw new IOException(file + ": empty CSV file");
        }
        List<String> header = records.get(0);
        List<LinkedHashMap<String, String>> rows = new ArrayList<>();
        for (List<String> rec : records.subList(1, records.size())) {
            LinkedHashMap<String, String> r = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                r.put(header.get(i), i < rec.size() ? rec.get(i) : "");
            }
            rows.add(r);
        }
        return new Table(List.copyOf(header), rows);
    }

    /** Parses CSV text into records. */
    public static List<List<String>> records(String text) {
        List<List<String>> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            for (CSVRecord r : parser) {
                out.add(r.toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A double as a short, exact-enough decimal (12 significant digits), empty for NaN. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e15) {
            // 3.71095675031E-7: read as a number by pandas and R
            int exp = d.precision() - d.scale() - 1;
            return d.movePointLeft(exp).stripTrailingZeros().toPlainString() + "E" + exp;
        }
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        return d.toPlainString();
    }

    /** Parses a numeric cell; NaN for an empty or non-numeric one. */
    public static double parse(String cell) {
        if (cell == null || cell.isBlank()) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(cell.trim());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
