package org.bitswarm.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Starts real MPJ Express ranks (multicore and niodev) running {@link TransportProbe}. The only time limits are
 * "did not hang" ones: a JUnit timeout per test and a launcher timeout well above any normal run.
 */
class MpjLauncherTest {

    /** A backstop so that a broken launcher cannot leave MPJ processes behind after a test. */
    private static final Duration BACKSTOP = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    @ParameterizedTest(name = "np={0}")
    @ValueSource(ints = {1, 2, 3, 4})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void multicoreRoundChecksDataOnEveryRank(int np) throws Exception {
        int code = launch(spec("round", MpjDevice.MULTICORE, np));

        assertEquals(MpjLauncher.EXIT_OK, code, this::transcript);
        assertEveryRankChecked(np);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void niodevRoundChecksDataOnEveryRank() throws Exception {
        int code = launch(spec("round", MpjDevice.NIODEV, 2));

        assertEquals(MpjLauncher.EXIT_OK, code, this::transcript);
        assertEveryRankChecked(2);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void multicoreExceptionOnRankOneIsReported() throws Exception {
        int code = launch(spec("throw", MpjDevice.MULTICORE, 3));

        assertEquals(MpjLauncher.EXIT_RANK_FAILED, code, this::transcript);
        assertReported("bitswarm: rank 1 failed: java.lang.IllegalStateException: " + TransportProbe.THROWN);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void niodevExceptionOnRankOneIsReportedAndPeersAreKilled() throws Exception {
        int code = launch(spec("throw", MpjDevice.NIODEV, 2));

        assertEquals(MpjLauncher.EXIT_RANK_FAILED, code, this::transcript);
        assertReported("bitswarm: rank 1 failed: java.lang.IllegalStateException: " + TransportProbe.THROWN);
        assertNoRankJvmLeft();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void multicoreOutOfMemoryIsReported() throws Exception {
        LaunchSpec spec = builder("oom", MpjDevice.MULTICORE, 2).jvmOptions(List.of("-Xmx64m")).build();

        int code = launch(spec);

        assertTrue(code != MpjLauncher.EXIT_OK, this::transcript);
        assertTrue(String.join("\n", err).contains("OutOfMemoryError"), this::transcript);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void niodevRankThatExitsWithoutReportingFailsTheRun() throws Exception {
        int code = launch(spec("exit", MpjDevice.NIODEV, 2));

        assertEquals(MpjLauncher.EXIT_RANK_FAILED, code, this::transcript);
        assertTrue(String.join("\n", err).contains("ended without reporting"), this::transcript);
        assertNoRankJvmLeft();
    }

    /**
     * A rank that dies inside MPI.Init (killed early, as CI's RunFaultsTest once did) makes MPJRun itself throw while it collects the
     * ranks' ports (EOFException, then ArrayIndexOutOfBoundsException, with stack traces): the first line
     * must still be the one that names the rank, and MPJRun's traces of the same event are not relayed.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void niodevRankThatDiesReportingItsPortsIsNamedFirstWithoutMpjRunsTraces() throws Exception {
        int code = launch(spec(TransportProbe.DIE_IN_HANDSHAKE, MpjDevice.NIODEV, 3));

        assertEquals(MpjLauncher.EXIT_RANK_FAILED, code, this::transcript);
        assertFalse(err.isEmpty(), this::transcript);
        assertTrue(err.get(0).startsWith("bitswarm: rank 2's JVM ended without reporting"), this::transcript);
        assertFalse(err.stream().anyMatch(l -> l.contains("\tat ") || l.contains("MPJRun")), this::transcript);
        assertNoRankJvmLeft();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void multicoreFailureThatMpjSwallowsIsNotASuccess() throws Exception {
        LaunchSpec spec = LaunchSpec.builder(UnguardedProbe.class.getName()).np(2).device(MpjDevice.MULTICORE)
                .mpjHome(TestMpj.mpjHome()).appClassPath(TestMpj.appClassPath()).workingDir(tmp)
                .statusDir(tmp.resolve("status")).timeout(BACKSTOP).build();

        int code = launch(spec);

        assertEquals(MpjLauncher.EXIT_INCOMPLETE, code, this::transcript);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void hangingRunIsKilledAtTheTimeout() throws Exception {
        LaunchSpec spec = builder("hang", MpjDevice.MULTICORE, 2).timeout(Duration.ofSeconds(3)).build();

        int code = launch(spec);

        assertEquals(MpjLauncher.EXIT_TIMEOUT, code, this::transcript);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MpjDevice.class)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killingTheLauncherJvmKillsTheRanks(MpjDevice device) throws Exception {
        // The launcher JVM gets the launcher and the driver on its class path; the ranks get theirs from MPJ.
        List<String> cmd = new ArrayList<>(List.of(JavaCommand.java().toString(), "-cp",
                JavaCommand.classPath(TestMpj.appClassPath()), LauncherDriver.class.getName(), device.mpjName(), "2",
                TestMpj.mpjHome().toString(), tmp.resolve("status").toString(), tmp.toString(), "hang"));
        TestMpj.appClassPath().forEach(p -> cmd.add(p.toString()));
        Process launcher = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals(TransportProbe.HANGING)) {
                out.add(line);
            }
            assertEquals(TransportProbe.HANGING, line, this::transcript);

            launcher.destroy();

            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "launcher JVM did not exit");
            assertNoRankJvmLeft();
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void niodevRefusesAnArgumentMpjRunWouldSteal() throws Exception {
        LaunchSpec spec = builder("round", MpjDevice.NIODEV, 2).appArgs(List.of("-np")).build();

        int code = launch(spec);

        assertEquals(MpjLauncher.EXIT_LAUNCH_FAILED, code, this::transcript);
        assertTrue(String.join("\n", err).contains("'-np'"), this::transcript);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void missingMpjHomeIsALaunchFailure() {
        LaunchSpec spec = LaunchSpec.builder(TransportProbe.class.getName()).np(2).mpjHome(tmp.resolve("nowhere"))
                .appClassPath(TestMpj.appClassPath()).appArgs(List.of("round")).workingDir(tmp)
                .statusDir(tmp.resolve("status")).build();

        int code = launch(spec);

        assertEquals(MpjLauncher.EXIT_LAUNCH_FAILED, code, this::transcript);
        assertTrue(String.join("\n", err).contains("mpj-home.sh"), this::transcript);
    }

    private int launch(LaunchSpec spec) {
        return new MpjLauncher(out::add, err::add).launch(spec);
    }

    private LaunchSpec spec(String scenario, MpjDevice device, int np) throws Exception {
        return builder(scenario, device, np).build();
    }

    private LaunchSpec.Builder builder(String scenario, MpjDevice device, int np) throws Exception {
        return LaunchSpec.builder(TransportProbe.class.getName()).np(np).device(device).mpjHome(TestMpj.mpjHome())
                .appClassPath(TestMpj.appClassPath()).appArgs(List.of(scenario)).workingDir(tmp)
                .statusDir(tmp.resolve("status")).timeout(BACKSTOP);
    }

    private void assertEveryRankChecked(int np) {
        for (int r = 0; r < np; r++) {
            assertTrue(out.contains(TransportProbe.OK_MARKER + r), "rank " + r + " did not check\n" + transcript());
        }
        assertFalse(out.stream().anyMatch(MpjNoise::isNoise), "MPJ banner relayed\n" + transcript());
    }

    /** The verdict line, with the path of the stack trace's log file; no stack frames on the terminal. */
    private void assertReported(String line) {
        String found = err.stream().filter(l -> l.startsWith(line + "; stack trace: ")).findFirst().orElse(null);
        assertTrue(found != null, "missing '" + line + "; stack trace: FILE'\n" + transcript());
        java.nio.file.Path trace = java.nio.file.Path.of(found.substring((line + "; stack trace: ").length()));
        assertTrue(java.nio.file.Files.isRegularFile(trace), "no stack trace in " + trace);
        assertFalse(trace.startsWith(tmp.resolve("status")), "kept outside the status folder, which goes with the run");
        try {
            java.nio.file.Files.delete(trace);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(err.stream().noneMatch(l -> l.startsWith("\tat ")), "stack frames on the terminal\n" + transcript());
    }

    /**
     * Every JVM the run started is gone: none has this test's directory on its command line. Polled briefly,
     * because a forced kill is asynchronous.
     */
    private void assertNoRankJvmLeft() throws InterruptedException {
        String marker = tmp.toString();
        boolean left = true;
        for (int i = 0; i < 50 && left; i++) {
            left = ProcessHandle.allProcesses().anyMatch(p -> p.isAlive()
                    && p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
            if (left) {
                Thread.sleep(100);
            }
        }
        assertFalse(left, "MPJ processes of this run are still alive\n" + transcript());
    }

    private String transcript() {
        return "--- stdout\n" + String.join("\n", out) + "\n--- stderr\n" + String.join("\n", err);
    }
}
