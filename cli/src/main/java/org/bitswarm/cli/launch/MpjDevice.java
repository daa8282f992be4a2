package org.bitswarm.cli.launch;

import java.util.Locale;

/** The MPJ Express devices the launcher knows how to start. */
public enum MpjDevice {
    /** All ranks are threads of one JVM (MPJ's smpdev): no daemon, fastest collectives. */
    MULTICORE("multicore"),
    /** One JVM per rank, connected by TCP, started through an MPJ daemon: the cluster device. */
    NIODEV("niodev");

    private final String mpjName;

    MpjDevice(String mpjName) {
        this.mpjName = mpjName;
    }

    /** The name MPJ's {@code -dev} option uses. */
    public String mpjName() {
        return mpjName;
    }

    /** Parses "multicore" or "niodev" (any case). */
    public static MpjDevice parse(String name) {
        for (MpjDevice d : values()) {
            if (d.mpjName.equals(name.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown MPJ device '" + name + "': expected multicore or niodev");
    }
}
