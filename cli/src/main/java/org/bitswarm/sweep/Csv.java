package org.bitswarm.sweep;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Plain CSV as pandas and R read it without options: a header row, comma separated, fields quoted only when
 * they contain a comma, a quote or a line break, {@code \n} line ends, numbers in Locale.ROOT form.
 */
public final class Csv {
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

    public static String row(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        return b.append('\n').toString();
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

    static List<List<String>> records(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                rec.add(f.toString());
                f.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || f.length() > 0) {
                    rec.add(f.toString());
                    out.add(rec);
                }
                rec = new ArrayList<>();
                f.setLength(0);
                any = false;
            } else {
                f.append(c);
                any = true;
            }
        }
        if (any || f.length() > 0) {
            rec.add(f.toString());
            out.add(rec);
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
