package org.bitswarm.cli.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills a process and everything it started. Needed because MPJ's processes start processes (the niodev daemon
 * starts one JVM per rank) and destroying a parent leaves its children running, holding ports and CPU.
 */
final class ProcessTree {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private ProcessTree() {}

    /**
     * Asks the whole tree to terminate, then force-kills what is still alive after a short grace. Descendants
     * are listed before the root dies, because an orphan is no longer the root's descendant.
     */
    static void kill(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        root.descendants().forEach(tree::add);
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle p : tree) {
            awaitExit(p, deadline);
        }
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static void awaitExit(ProcessHandle p, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !p.isAlive()) {
            return;
        }
        try {
            p.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Timed out or failed to wait: the forced kill that follows handles it.
        }
    }
}
