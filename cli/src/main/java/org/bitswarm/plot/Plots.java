package org.bitswarm.plot;

import java.io.IOException;
import java.nio.file.Path;

/** Plots drawn from result CSV files alone. */
public final class Plots {
    private Plots() {}

    public static void forSweep(Path dir) throws IOException {}

    public static void forRun(Path dir) throws IOException {}
}
