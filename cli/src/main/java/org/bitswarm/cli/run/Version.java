package org.bitswarm.cli.run;

/** The project version (from the jar manifest) and the git commit (exported by ./bitswarm). */
final class Version {
    private Version() {}

    static String project() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT (classes)";
    }

    static String commit() {
        String c = System.getenv("BITSWARM_COMMIT");
        return c != null && !c.isBlank() ? c : "unknown";
    }
}
