package org.bitswarm.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Runs a model on N in-process ranks (threads) and returns rank 0's result. Each rank builds its own model. */
public final class LocalCluster {
    private LocalCluster() {}

    public static RunResult run(Supplier<? extends Model> models, int ranks, RunConfig cfg) {
        List<LocalTransport> transports = LocalTransport.group(ranks);
        ExecutorService pool = Executors.newFixedThreadPool(ranks, r -> {
            Thread t = new Thread(r, "local-rank");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (LocalTransport t : transports) {
                futures.add(pool.submit(() -> {
                    try {
                        return new RankEngine(models.get(), t, cfg).run();
                    } catch (Throwable e) {
                        t.sharedGroup().abort(e);
                        throw e;
                    }
                }));
            }
            RunResult root = null;
            Throwable first = null;
            for (int r = 0; r < ranks; r++) {
                try {
                    RunResult res = futures.get(r).get();
                    if (r == 0) {
                        root = res;
                    }
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    // Prefer the original failure over the "another rank failed" echoes.
                    if (first == null || first.getMessage() != null && first.getMessage().startsWith("another rank failed")) {
                        first = cause;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (first != null) {
                if (first instanceof RuntimeException re) {
                    throw re;
                }
                if (first instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(first);
            }
            return root;
        } finally {
            pool.shutdownNow();
        }
    }
}
