package org.bitswarm.engine.mpj;

/**
 * Wrapper for MPJ's {@code mpi.MPIException} (unchecked already: it extends {@code RuntimeException} through
 * {@code mpjdev.MPJDevException} and {@code xdev.XDevException}), so that no {@code mpi.*} type escapes this
 * package, not even in a stack trace's outermost exception, and each failure says what was being done.
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
