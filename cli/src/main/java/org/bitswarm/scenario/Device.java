package org.bitswarm.scenario;

import java.util.Locale;

/** Where the ranks run. */
public enum Device {
    /** MPJ Express multicore device: ranks are threads of one JVM. */
    MULTICORE,
    /** MPJ Express niodev: one JVM per rank, over TCP, through an MPJ daemon. */
    NIODEV,
    /** No MPJ: ranks are threads of the front end's own JVM (fast; used by tests and sweeps). */
    LOCAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
