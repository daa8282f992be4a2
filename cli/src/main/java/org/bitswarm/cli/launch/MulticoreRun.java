package org.bitswarm.cli.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The multicore command: one JVM running MPJ's {@code runtime.starter.MulticoreStarter} directly.
 *
 * <p>Why not {@code starter.jar}/mpjrun: MPJRun forks the same JVM anyway, and both it and MulticoreStarter
 * turn a rank's exception into exit status 0, while a {@code System.exit}/{@code halt} made by the application
 * (as {@link RankGuard} does) keeps its status only when nothing sits in between.
 *
 * <p>The application is passed as MulticoreStarter's class-path argument, never on the JVM's class path:
 * MulticoreStarter loads it, with {@code mpi.jar} and {@code mpjdev.jar}, in one class loader per rank, so each
 * rank has its own statics ({@code MPI.COMM_WORLD} among them). On the system class path it would be loaded
 * once and shared by every rank. MPJ's arguments are: working dir, ranks, the device name MPJ uses internally
 * for multicore ({@code smpdev}; "multicore" fails in MPI.Init), the loader mode, the class path, the class.
 */
final class MulticoreRun {

    /** The jars MPJ's own launcher puts on the multicore JVM's class path: runtime, smpdev, never mpi/mpj. */
    static final String[] SYSTEM_JARS = {"smpdev.jar", "xdev.jar", "mpjbuf.jar", "loader2.jar", "starter.jar",
        "mpiExp.jar"};

    private MulticoreRun() {}

    static ProcessBuilder command(LaunchSpec spec) throws LaunchException {
        MpjHome home = new MpjHome(spec.mpjHome()).validate(SYSTEM_JARS).validate("mpi.jar", "mpjdev.jar");
        List<String> cmd = new ArrayList<>();
        cmd.add(JavaCommand.java().toString());
        cmd.addAll(JavaCommand.rankJvmOptions(spec));
        cmd.add("-cp");
        cmd.add(String.join(java.io.File.pathSeparator, jarPaths(home)));
        cmd.add("runtime.starter.MulticoreStarter");
        cmd.add(spec.workingDir().toAbsolutePath().toString());
        cmd.add(Integer.toString(spec.np()));
        cmd.add("smpdev");
        cmd.add("useLocalLoader");
        cmd.add(JavaCommand.classPath(spec.appClassPath()));
        cmd.add(spec.mainClass());
        cmd.addAll(spec.appArgs());
        ProcessBuilder pb = new ProcessBuilder(JavaCommand.dieWithFrontEnd(cmd)).directory(spec.workingDir().toFile());
        JavaCommand.setMpjEnvironment(pb, home);
        return pb;
    }

    private static List<String> jarPaths(MpjHome home) {
        List<String> out = new ArrayList<>();
        for (String jar : SYSTEM_JARS) {
            out.add(home.lib(jar).toString());
        }
        return out;
    }
}
