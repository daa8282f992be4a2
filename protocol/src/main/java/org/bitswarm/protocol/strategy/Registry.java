package org.bitswarm.protocol.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of one strategy: a YAML name per configuration record class. Immutable once built; the first kind
 * registered is the one a block without {@code kind} gets.
 */
public final class Registry<C> {
    private final Class<C> type;
    private final Map<String, Class<? extends Record>> kinds;

    private Registry(Class<C> type, Map<String, Class<? extends Record>> kinds) {
        this.type = type;
        this.kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    }

    static <C> Builder<C> of(Class<C> type) {
        return new Builder<>(type);
    }

    public Class<C> type() {
        return type;
    }

    /** Kind name to configuration record, in registration order. */
    public Map<String, Class<? extends Record>> kinds() {
        return kinds;
    }

    /** The kind name of a configuration record. */
    public String kindOf(C config) {
        for (Map.Entry<String, Class<? extends Record>> e : kinds.entrySet()) {
            if (e.getValue() == config.getClass()) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(config.getClass().getName() + " is not registered as a " + type.getSimpleName());
    }

    static final class Builder<C> {
        private final Class<C> type;
        private final Map<String, Class<? extends Record>> kinds = new LinkedHashMap<>();

        private Builder(Class<C> type) {
            this.type = type;
        }

        <R extends Record> Builder<C> register(String kind, Class<R> config) {
            if (!type.isAssignableFrom(config)) {
                throw new IllegalArgumentException(config.getName() + " does not implement " + type.getName());
            }
            if (kinds.put(kind, config) != null) {
                throw new IllegalArgumentException("kind registered twice: " + kind);
            }
            return this;
        }

        Registry<C> build() {
            return new Registry<>(type, kinds);
        }
    }
}
