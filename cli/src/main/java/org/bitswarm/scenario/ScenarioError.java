package org.bitswarm.scenario;

/**
 * Bad scenario input, reported as one line: {@code file:line: key: reason}. The command line turns it into
 * exit code 2 with nothing written.
 */
public final class ScenarioError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioError(String file, int line, String key, String reason) {
        super(file + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + reason);
    }

    public ScenarioError(String file, String reason) {
        super(file + ": " + reason);
    }
}
