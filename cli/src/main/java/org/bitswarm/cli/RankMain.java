package org.bitswarm.cli;

import org.bitswarm.cli.launch.RankGuard;
import org.bitswarm.cli.run.Pipeline;
import org.bitswarm.cli.run.RunRequest;
import org.bitswarm.engine.mpj.MpjRuntime;
import org.bitswarm.engine.mpj.MpjTransport;

/** The entry point of every MPJ rank of `bitswarm run`. The front end (Main) starts it through MpjLauncher. */
public final class RankMain {
    private RankMain() {}

    public static void main(String[] args) {
        RankGuard.run(args, mpjArgs -> {
            String[] appArgs = MpjRuntime.init(mpjArgs);
            Pipeline.runRank(RunRequest.parse(appArgs), new MpjTransport());
            // Only on success: after a failure the guard halts the JVM instead of entering a collective.
            MpjRuntime.finish();
        });
    }
}
