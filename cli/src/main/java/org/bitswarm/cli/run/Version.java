package org.bitswarm.cli.run;

/** The project version (from the jar manifest) and the git commit (exported by ./bitswarm). */
public final class Version {
    private Version() {}

    public static String project() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT (classes)";
    }

    /** From ./bitswarm's BITSWARM_COMMIT, else asked of git in the checkout the classes came from. */
    public static String commit() {
        String c = System.getenv("BITSWARM_COMMIT");
        if (c != null && !c.isBlank()) {
            return c;
        }
        try {
            java.nio.file.Path where = java.nio.file.Path.of(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            java.nio.file.Path dir = java.nio.file.Files.isDirectory(where) ? where : where.getParent();
            Process p = new ProcessBuilder("git", "-C", dir.toString(), "describe", "--always", "--dirty", "--abbrev=40")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            return p.exitValue() == 0 && out.matches("[0-9a-f]{7,40}(-dirty)?") ? out : "unknown";
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
