package org.bitswarm.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.bitswarm.cli.launch.RankGuard;
import org.bitswarm.engine.RankEngine;
import org.bitswarm.engine.RunConfig;
import org.bitswarm.engine.RunResult;
import org.bitswarm.engine.Transport;
import org.bitswarm.engine.mpj.MpjRuntime;
import org.bitswarm.engine.mpj.MpjTransport;
import org.bitswarm.tema3.Tema3Input;
import org.bitswarm.tema3.Tema3Model;
import org.bitswarm.tema3.Tema3Output;

/** Every rank of `bitswarm tema3`: the tracker on rank 0, client R on rank R. */
public final class Tema3RankMain {
    private Tema3RankMain() {}

    public static void main(String[] args) {
        RankGuard.run(args, mpjArgs -> {
            String[] appArgs = MpjRuntime.init(mpjArgs);
            runRank(appArgs, new MpjTransport());
            MpjRuntime.finish();
        });
    }

    static void runRank(String[] args, Transport transport) throws IOException {
        Path dir = null;
        Path results = null;
        int np = 0;
        for (String a : args) {
            if (a.startsWith("--dir=")) {
                dir = Path.of(a.substring(6));
            } else if (a.startsWith("--np=")) {
                np = Integer.parseInt(a.substring(5));
            } else if (a.startsWith("--results=")) {
                results = Path.of(a.substring(10));
            } else {
                throw new IllegalArgumentException("unknown tema3 rank argument " + a);
            }
        }
        Tema3Input input = Tema3Input.load(dir, np);
        RunResult r = new RankEngine(new Tema3Model(input), transport, RunConfig.of(1, Tema3Model.END_TIME)).run();
        if (transport.rank() == 0) {
            Tema3Output out = Tema3Output.of(r);
            out.writeFiles(dir);
            if (results != null) {
                out.writeServed(results);
            }
            System.out.print(out.summary());
            System.out.flush();
        }
    }
}
