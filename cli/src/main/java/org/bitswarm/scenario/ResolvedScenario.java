package org.bitswarm.scenario;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.bitswarm.engine.config.Unit;

/**
 * Settings written back as a scenario: the inverse of {@link Binder}. Keys are the scenario's own
 * (snake_case), enums lower case, sizes in bytes and rates in bit/s (bare numbers, as a scenario reads them),
 * durations as seconds with the unit ({@code "1800s"}, {@code "0.01s"}), exact. Binding the tree again gives
 * equal settings, so manifest.json's {@code resolved} block is a scenario that runs the same run.
 */
public final class ResolvedScenario {
    private ResolvedScenario() {}

    /** The settings as a scenario tree: run keys, then the model's section under the model's name. */
    public static LinkedHashMap<String, Object> tree(RunSettings s) {
        LinkedHashMap<String, Object> out = record(s);
        out.remove("section");
        out.put(s.model(), record(s.section()));
        return out;
    }

    static LinkedHashMap<String, Object> record(Record r) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            out.put(Binder.snake(c.getName()), value(v, c.getAnnotation(Unit.class)));
        }
        return out;
    }

    private static Object value(Object v, Unit unit) {
        if (v instanceof Record r) {
            return record(r);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(value(o, unit));
            }
            return out;
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (unit != null && unit.value() == Unit.Kind.DURATION && v instanceof Long ticks) {
            return seconds(ticks) + "s";
        }
        return v;
    }

    /** Ticks (ns) as exact decimal seconds, no exponent: 1800, 0.01. */
    public static String seconds(long ticks) {
        BigDecimal s = BigDecimal.valueOf(ticks).movePointLeft(9).stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
