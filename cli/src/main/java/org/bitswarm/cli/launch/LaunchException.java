package org.bitswarm.cli.launch;

/** The ranks could not be started at all (bad MPJ_HOME, daemon that never came up, ...). */
final class LaunchException extends Exception {

    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }

    LaunchException(String message, Throwable cause) {
        super(message + ": " + cause, cause);
    }
}
