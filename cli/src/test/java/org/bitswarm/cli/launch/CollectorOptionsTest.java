package org.bitswarm.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The collector options rank JVMs get: only for the JDKs that have them, accepted by this JVM, and the script's. */
class CollectorOptionsTest {

    @Test
    void givenToJdk17To19OnlyWhereTheFlagsExist() {
        for (int feature : new int[] {17, 18, 19}) {
            assertEquals(CollectorOptions.DEFERRED_REFINEMENT, CollectorOptions.forJava(feature), "JDK " + feature);
        }
        for (int feature : new int[] {11, 20, 21, 25}) {
            assertTrue(CollectorOptions.forJava(feature).isEmpty(), "JDK " + feature);
        }
    }

    @Test
    void thisJavaStartsWithThemWithoutAWarningAndRunsG1WithAdaptiveRefinementOff() throws Exception {
        List<String> opts = CollectorOptions.forThisJava();
        List<String> cmd = new ArrayList<>(List.of(JavaCommand.java().toString()));
        cmd.addAll(opts);
        cmd.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        // The JVM's own warnings ("OpenJDK 64-Bit Server VM warning: Ignoring option ...; support was removed").
        assertFalse(out.contains("VM warning"), out);
        if (!opts.isEmpty()) {
            assertTrue(out.matches("(?s).*bool UseG1GC\\s+= true.*"), "G1 is the collector these options are for");
            assertTrue(out.matches("(?s).*bool G1UseAdaptiveConcRefinement\\s+= false.*"), out);
            assertTrue(out.matches("(?s).*G1ConcRefinementGreenZone\\s+= 1000000 .*"), out);
        }
    }

    /** ./bitswarm gives the front end's JVM (the ranks of --dev local) the same options, in the same order. */
    @Test
    void theEntryScriptGivesTheSameOptions() throws Exception {
        String script = Files.readString(repoRoot().resolve("bitswarm"));
        int from = script.indexOf("collector_jvm=(-XX");
        assertTrue(from > 0, "the script sets collector_jvm");
        String list = script.substring(from + "collector_jvm=(".length(), script.indexOf(')', from));
        assertEquals(CollectorOptions.DEFERRED_REFINEMENT, List.of(list.trim().split("\\s+")));
        assertTrue(script.contains("^1[789]$"), "the script's JDK range is CollectorOptions.forJava's");
    }

    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("bitswarm"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no bitswarm script above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
