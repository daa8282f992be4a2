package org.bitswarm.engine.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The unit of a numeric configuration component, so that a scenario may write {@code 256KiB}, {@code 1Mbit/s}
 * or {@code 30min}. A bare number means bytes, bits per second or seconds respectively. The component holds
 * bytes, bits per second, or ticks (nanoseconds) for durations.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Unit {
    Kind value();

    enum Kind { BYTES, BITS_PER_SECOND, DURATION }
}
