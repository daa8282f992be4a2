package org.bitswarm.engine.mpj;

/**
 * Unchecked wrapper for MPJ's checked {@code mpi.MPIException}, so that {@code mpi.*} types stay inside this
 * package and {@link org.bitswarm.engine.Transport} keeps its exception-free signatures.
 */
public final class MpjException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MpjException(String message) {
        super(message);
    }

    public MpjException(String message, Throwable cause) {
        super(message + ": " + cause, cause);
    }
}
