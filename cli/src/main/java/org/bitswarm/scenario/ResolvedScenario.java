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
            if (v == null) {
                continue; // an optional key that is not set (a group's protocol override): left out, as written
            }
            out.put(Binder.snake(c.getName()), value(v, c.getGenericType(), c.getAnnotation(Unit.class)));
        }
        return out;
    }

    private static Object value(Object v, java.lang.reflect.Type declared, Unit unit) {
        if (v instanceof Record r) {
            LinkedHashMap<String, Object> fields = record(r);
            String kind = declared instanceof Class<?> cls && cls.isInterface() ? kindOf(cls, r.getClass()) : null;
            if (kind == null) {
                return fields;
            }
            // a pluggable strategy block: its kind first, as the binder reads it ({kind: random, slots: 8})
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            out.put("kind", kind);
            out.putAll(fields);
            return out;
        }
        if (v instanceof List<?> list) {
            java.lang.reflect.Type element = declared instanceof java.lang.reflect.ParameterizedType pt
                    ? pt.getActualTypeArguments()[0] : Object.class;
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(value(o, element, unit));
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

    /** The name under which a configuration interface's static {@code kinds()} registers {@code impl}, or null. */
    static String kindOf(Class<?> iface, Class<?> impl) {
        try {
            Object kinds = iface.getMethod("kinds").invoke(null);
            if (kinds instanceof java.util.Map<?, ?> map) {
                for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getValue() == impl) {
                        return String.valueOf(e.getKey());
                    }
                }
            }
            return null;
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(iface.getSimpleName() + ".kinds() failed", e);
        }
    }
}
