package org.bitswarm.scenario;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bitswarm.engine.config.Unit;

/**
 * Quantities with units, as researchers write them: {@code 256KiB}, {@code 100MB}, {@code 640kbit/s},
 * {@code 4Mbit/s}, {@code 30min}, {@code 250ms}. A bare number means bytes, bits per second or seconds.
 * Decimal prefixes are powers of ten (kB = 1000 B), binary ones powers of two (KiB = 1024 B). Values are
 * computed exactly (BigDecimal) and must come out whole in the stored unit.
 */
public final class Units {
    private static final Pattern QUANTITY = Pattern.compile("([0-9][0-9_]*(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([A-Za-z/]*)");

    private static final Map<String, Long> BYTES = Map.ofEntries(Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1000L), Map.entry("mb", 1000_000L), Map.entry("gb", 1000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30));
    private static final Map<String, Long> RATES = Map.ofEntries(Map.entry("", 1L), Map.entry("bit/s", 1L),
            Map.entry("bps", 1L), Map.entry("kbit/s", 1000L), Map.entry("kbps", 1000L),
            Map.entry("mbit/s", 1000_000L), Map.entry("mbps", 1000_000L), Map.entry("gbit/s", 1000_000_000L),
            Map.entry("gbps", 1000_000_000L), Map.entry("b/s", 8L), Map.entry("kb/s", 8000L),
            Map.entry("mb/s", 8000_000L), Map.entry("kib/s", 8L << 10), Map.entry("mib/s", 8L << 20));
    private static final Map<String, Long> DURATIONS = Map.ofEntries(Map.entry("", 1_000_000_000L),
            Map.entry("ns", 1L), Map.entry("us", 1000L), Map.entry("ms", 1000_000L), Map.entry("s", 1_000_000_000L),
            Map.entry("min", 60_000_000_000L), Map.entry("h", 3600_000_000_000L), Map.entry("d", 86400_000_000_000L));

    private Units() {}

    /** Parses {@code text} into bytes, bits per second or ticks; throws IllegalArgumentException with the reason. */
    public static long parse(String text, Unit.Kind kind) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a " + describe(kind) + ", got \"" + text + "\"");
        }
        String unit = m.group(2);
        // Rates keep the case of b/B: "MB/s" is bytes, "Mbit/s" and "Mbps" are bits.
        String key = unit.toLowerCase(Locale.ROOT);
        if (kind == Unit.Kind.BITS_PER_SECOND && unit.endsWith("b/s") && !unit.contains("bit")) {
            throw new IllegalArgumentException("ambiguous rate unit \"" + unit + "\": write bit/s or B/s");
        }
        Map<String, Long> table = switch (kind) {
            case BYTES -> BYTES;
            case BITS_PER_SECOND -> RATES;
            case DURATION -> DURATIONS;
        };
        Long factor = table.get(key);
        if (factor == null) {
            throw new IllegalArgumentException("unknown unit \"" + unit + "\" for a " + describe(kind) + " (known: "
                    + String.join(", ", table.keySet().stream().filter(s -> !s.isEmpty()).sorted().toList()) + ")");
        }
        BigDecimal value = new BigDecimal(m.group(1).replace("_", "")).multiply(BigDecimal.valueOf(factor));
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(text + " is not a whole number of " + base(kind) + " or is too large");
        }
    }

    /**
     * The kind of quantity that every value is, when units differ ({@code 512KiB} and {@code 1MiB}): the first
     * of sizes, rates and durations under which every value parses and at least one carries a unit of that
     * kind; null if there is none.
     */
    public static Unit.Kind commonKind(List<String> values) {
        for (Unit.Kind kind : Unit.Kind.values()) {
            boolean all = !values.isEmpty();
            boolean unit = false;
            for (String v : values) {
                try {
                    parse(v, kind);
                } catch (IllegalArgumentException e) {
                    all = false;
                    break;
                }
                Matcher m = QUANTITY.matcher(v.trim());
                unit |= m.matches() && !m.group(2).isEmpty();
            }
            if (all && unit) {
                return kind;
            }
        }
        return null;
    }

    static String describe(Unit.Kind kind) {
        return switch (kind) {
            case BYTES -> "size (e.g. 256KiB, 100MB)";
            case BITS_PER_SECOND -> "rate (e.g. 640kbit/s, 4Mbit/s)";
            case DURATION -> "duration (e.g. 250ms, 30s, 30min)";
        };
    }

    private static String base(Unit.Kind kind) {
        return switch (kind) {
            case BYTES -> "bytes";
            case BITS_PER_SECOND -> "bit/s";
            case DURATION -> "nanoseconds";
        };
    }
}
