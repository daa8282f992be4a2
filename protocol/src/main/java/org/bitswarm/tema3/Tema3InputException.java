package org.bitswarm.tema3;

/**
 * Bad or missing tema3 input. The message is one line, {@code in2.txt:5: reason}, or {@code in2.txt: reason}
 * when no line applies (a missing file), or just the reason when no file applies (a bad np).
 */
public class Tema3InputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String reason;

    /** {@code file} may be null (no file concerned) and {@code line} 0 (no line concerned). */
    public Tema3InputException(String file, int line, String reason) {
        super(file == null ? reason : line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
