package org.bitswarm.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Range axes: {@code {from: a, to: b, step: s}} (to inclusive when hit exactly) or {@code {from: a, to: b,
 * count: n}} (n evenly spaced values, both ends included). Bounds are numbers or quantities with a unit
 * ({@code 256KiB}, {@code 1ms}); the unit must be the same on every bound and is kept on every value, so the
 * scenario binder converts it as if it had been written by hand. Arithmetic is exact decimal (no 0.30000000000000004).
 */
final class Ranges {
    static final int MAX_VALUES = 10_000;
    private static final Pattern QUANTITY = Pattern.compile("([+-]?[0-9][0-9_]*(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([A-Za-z/%]*)");

    private Ranges() {}

    /** A number and its unit suffix ("" for a bare number). */
    record Quantity(BigDecimal value, String unit) {
        static Quantity parse(String text) {
            Matcher m = QUANTITY.matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("expected a number or a quantity such as 256KiB, got \"" + text + "\"");
            }
            return new Quantity(new BigDecimal(m.group(1).replace("_", "")), m.group(2));
        }
    }

    static List<String> byStep(String fromText, String toText, String stepText) {
        Quantity from = Quantity.parse(fromText);
        Quantity to = Quantity.parse(toText);
        Quantity step = Quantity.parse(stepText);
        String unit = unit(from, to, step);
        int sign = step.value().signum();
        if (sign == 0) {
            throw new IllegalArgumentException("step must not be zero");
        }
        if (to.value().compareTo(from.value()) * sign < 0) {
            throw new IllegalArgumentException("step " + stepText + " never goes from " + fromText + " to " + toText);
        }
        List<String> out = new ArrayList<>();
        for (BigDecimal v = from.value(); v.compareTo(to.value()) * sign <= 0; v = v.add(step.value())) {
            if (out.size() == MAX_VALUES) {
                throw new IllegalArgumentException("more than " + MAX_VALUES + " values");
            }
            out.add(format(v) + unit);
        }
        return out;
    }

    static List<String> byCount(String fromText, String toText, String countText) {
        Quantity from = Quantity.parse(fromText);
        Quantity to = Quantity.parse(toText);
        String unit = unit(from, to, null);
        int count;
        try {
            count = Integer.parseInt(countText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("count: expected a whole number, got \"" + countText + "\"");
        }
        if (count < 1 || count > MAX_VALUES) {
            throw new IllegalArgumentException("count must be in [1, " + MAX_VALUES + "], got " + count);
        }
        List<String> out = new ArrayList<>();
        if (count == 1) {
            out.add(format(from.value()) + unit);
            return out;
        }
        BigDecimal span = to.value().subtract(from.value());
        BigDecimal n = BigDecimal.valueOf(count - 1L);
        for (int i = 0; i < count; i++) {
            BigDecimal v = i == count - 1 ? to.value()
                    : from.value().add(span.multiply(BigDecimal.valueOf(i)).divide(n, MathContext.DECIMAL64));
            out.add(format(v) + unit);
        }
        return out;
    }

    private static String unit(Quantity from, Quantity to, Quantity step) {
        String u = from.unit();
        if (!to.unit().equals(u) || step != null && !step.unit().isEmpty() && !step.unit().equals(u)) {
            throw new IllegalArgumentException("from, to and step must use the same unit (got \"" + from.unit()
                    + "\", \"" + to.unit() + "\"" + (step != null ? ", \"" + step.unit() + "\"" : "") + ")");
        }
        return u;
    }

    static String format(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0);
        }
        return s.toPlainString();
    }
}
