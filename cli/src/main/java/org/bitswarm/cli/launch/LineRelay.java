package org.bitswarm.cli.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.function.Consumer;

/**
 * Copies a child's output to a line consumer, one whole line at a time, on its own daemon thread. Whole lines,
 * so that a caller can pick out marker lines such as {@code @@progress ...} while everything else is printed.
 */
final class LineRelay {

    private final Thread thread;

    private LineRelay(Thread thread) {
        this.thread = thread;
    }

    static LineRelay start(String name, InputStream in, Consumer<String> lines) {
        Thread t = new Thread(() -> pump(in, lines), name);
        t.setDaemon(true);
        t.start();
        return new LineRelay(t);
    }

    private static void pump(InputStream in, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            // The child's end closed under us (it was killed): nothing more to relay.
        }
    }

    /** Waits until the child's output has been relayed to its end, or {@code millis} pass. */
    void drain(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
