package org.bitswarm.engine.config;

/**
 * A named set of defaults for configuration records, chosen by one key of a scenario (a client profile, for
 * example). An enum implements it; a record component of that enum type is the key that picks it. While a
 * preset is in force, the scenario binder takes the defaults of each record it binds from {@link #defaults}
 * instead of the record's own {@code static defaults()}, so every key not written takes the preset's value
 * and every key written still overrides it.
 */
public interface Preset {
    /**
     * The defaults this preset gives a record type (an instance of exactly that class), or, for a pluggable
     * configuration interface, the implementation it chooses; null where the preset says nothing about the
     * type, which then keeps its own defaults.
     */
    Object defaults(Class<?> type);
}
