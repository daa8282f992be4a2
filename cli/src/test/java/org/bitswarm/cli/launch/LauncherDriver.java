package org.bitswarm.cli.launch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A launcher JVM for the shutdown test: launches {@link TransportProbe} with the given device, ranks, status
 * directory and class path, and exits with the launcher's code. The test kills this JVM mid-run.
 */
public final class LauncherDriver {

    private LauncherDriver() {}

    /** Arguments: device, np, MPJ_HOME, status dir, working dir, scenario, class path entries... */
    public static void main(String[] args) {
        List<Path> classPath = Arrays.stream(args).skip(6).map(Path::of).toList();
        LaunchSpec spec = LaunchSpec.builder(TransportProbe.class.getName()).device(MpjDevice.parse(args[0]))
                .np(Integer.parseInt(args[1])).mpjHome(Path.of(args[2])).statusDir(Path.of(args[3]))
                .workingDir(Path.of(args[4])).appArgs(List.of(args[5])).appClassPath(classPath).build();
        System.exit(new MpjLauncher().launch(spec));
    }
}
