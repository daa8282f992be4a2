package org.bitswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ./tema3} takes the spellings {@code ./bitswarm} takes ({@code --np=3} as well as {@code -np 3}). */
class WrapperOptionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-np 3                | tema3 --np 3 --dir @",
        "--np 3               | tema3 --np 3 --dir @",
        "--np=3               | tema3 --np 3 --dir @",
        "-np=4 --dev=niodev   | tema3 --np 4 --dir @ --dev niodev",
        "--np 5 --dev local   | tema3 --np 5 --dir @ --dev local"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void tema3PassesEverySpellingOn(String args, String expected) throws Exception {
        Path stub = dir.resolve("launcher");
        Files.writeString(stub, "#!/bin/sh\necho \"$@\"\n");
        stub.toFile().setExecutable(true);
        List<String> cmd = new java.util.ArrayList<>(List.of(repoRoot().resolve("tema3").toString()));
        cmd.addAll(List.of(args.strip().split(" +")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("BITSWARM", stub.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        assertEquals(expected.strip().replace("@", dir.toRealPath().toString()), out);
    }

    private static Path repoRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("tema3")) && Files.isRegularFile(d.resolve("bitswarm"))) {
                return d;
            }
        }
        throw new AssertionError("no repository root above " + Path.of("").toAbsolutePath());
    }
}
