package org.bitswarm.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Runs N in-process ranks (threads over {@link LocalTransport}); a failing rank fails the whole run at once. */
public final class LocalCluster {
    private LocalCluster() {}

    /** One rank's work. */
    @FunctionalInterface
    public interface RankBody<T> {
        T run(Transport transport) throws Exception;
    }

    /** Runs a model; each rank builds its own model instance, as MPJ ranks do. Returns rank 0's result. */
    public static RunResult run(Supplier<? extends Model> models, int ranks, RunConfig cfg) {
        return runEach(ranks, t -> new RankEngine(models.get(), t, cfg).run()).get(0);
    }

    /** Runs {@code body} on every rank and returns their results in rank order, or throws the first failure. */
    public static <T> List<T> runEach(int ranks, RankBody<T> body) {
        List<LocalTransport> transports = LocalTransport.group(ranks);
        ExecutorService pool = Executors.newFixedThreadPool(ranks, r -> {
            Thread t = new Thread(r, "local-rank");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (LocalTransport t : transports) {
                futures.add(pool.submit(() -> {
                    try {
                        return body.run(t);
                    } catch (Throwable e) {
                        t.sharedGroup().abort(e);
                        throw e;
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            Throwable first = null;
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    // Prefer the original failure over the "another rank failed" echoes.
                    if (first == null || isEcho(first) && !isEcho(cause)) {
                        first = cause;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (first != null) {
                throw rethrow(first);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean isEcho(Throwable t) {
        return t.getMessage() != null && t.getMessage().startsWith("another rank failed");
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(t.getMessage(), t);
    }
}
