package org.bitswarm.sweep;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import org.bitswarm.engine.config.Unit;
import org.bitswarm.scenario.Binder;
import org.bitswarm.scenario.RunSettings;
import org.bitswarm.scenario.Units;

/** The unit of a swept key, found from the scenario's records, and its values in SI base units. */
final class AxisUnits {
    private AxisUnits() {}

    /** The {@link Unit} of the key at {@code path} ({@code bittorrent.torrents[0].piece_size}), or null. */
    static Unit unit(String path) {
        Type type = RunSettings.class;
        RecordComponent last = null;
        String[] parts = path.split("\\.");
        int start = 0;
        // the first key may be a model's section (bittorrent.torrents[0].piece_size): its registered record
        java.util.Optional<org.bitswarm.cli.run.Models.Type<?>> model = parts.length > 1
                ? org.bitswarm.cli.run.Models.find(parts[0]) : java.util.Optional.empty();
        if (model.isPresent()) {
            type = model.get().config();
            start = 1;
        }
        for (String part : java.util.Arrays.asList(parts).subList(start, parts.length)) {
            String key = part.replaceAll("\\[[0-9]+]", "");
            Class<?> cls = element(type);
            if (cls != null && cls.isInterface()) {
                // a pluggable strategy block: the key in any of its kinds (they share key names and units)
                cls = firstKindWith(cls, key);
            }
            if (cls == null || !cls.isRecord()) {
                return null;
            }
            last = null;
            for (RecordComponent c : cls.getRecordComponents()) {
                if (Binder.snake(c.getName()).equals(key)) {
                    last = c;
                }
            }
            if (last == null) {
                return null;
            }
            type = last.getGenericType();
        }
        return last == null ? null : last.getAnnotation(Unit.class);
    }

    /** The first kind of a configuration interface (static {@code kinds()}) that has {@code key}, or null. */
    private static Class<?> firstKindWith(Class<?> iface, String key) {
        try {
            if (iface.getMethod("kinds").invoke(null) instanceof java.util.Map<?, ?> kinds) {
                for (Object v : kinds.values()) {
                    if (v instanceof Class<?> c && c.isRecord()) {
                        for (RecordComponent rc : c.getRecordComponents()) {
                            if (Binder.snake(rc.getName()).equals(key)) {
                                return c;
                            }
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The class of a type, or of a list's elements. */
    private static Class<?> element(Type type) {
        if (type instanceof ParameterizedType pt) {
            Type[] args = pt.getActualTypeArguments();
            return args.length == 1 && args[0] instanceof Class<?> c ? c : null;
        }
        return type instanceof Class<?> c ? c : null;
    }

    static String suffix(Unit.Kind kind) {
        return switch (kind) {
            case BYTES -> "_bytes";
            case BITS_PER_SECOND -> "_bps";
            case DURATION -> "_s";
        };
    }

    /** A value as written ({@code 128KiB}, {@code 250ms}) in bytes, bit/s or seconds; empty if it does not parse. */
    static String si(String text, Unit.Kind kind) {
        long v;
        try {
            v = Units.parse(text, kind);
        } catch (IllegalArgumentException e) {
            return "";
        }
        if (kind != Unit.Kind.DURATION) {
            return Long.toString(v);
        }
        return org.bitswarm.scenario.ResolvedScenario.seconds(v);
    }
}
