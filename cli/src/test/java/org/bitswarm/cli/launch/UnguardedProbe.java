package org.bitswarm.cli.launch;

import org.bitswarm.engine.mpj.MpjRuntime;

/**
 * A rank main that does NOT use RankGuard and throws on rank 1: MPJ's multicore starter prints the exception
 * and exits 0. The launcher must still fail the run, because rank 0 never reports completion.
 */
public final class UnguardedProbe {

    private UnguardedProbe() {}

    public static void main(String[] args) {
        MpjRuntime.init(args);
        if (args[0].equals("1")) {
            throw new IllegalStateException("unguarded failure on rank 1");
        }
        MpjRuntime.finish();
    }
}
