package dev.pydesk.bridge;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;

/**
 * Runs work on the JavaFX Application Thread, where every JSObject call must happen.
 * Calls made on the FX thread run directly, so main-thread Python (which lives on the FX thread) pays nothing.
 */
public final class FxThread {
    private FxThread() {}

    public static boolean isCurrent() {
        return Platform.isFxApplicationThread();
    }

    /** Runs {@code work} on the FX thread and waits for its result; rethrows its unchecked exception. */
    public static <T> T call(Callable<T> work) {
        if (isCurrent()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the FX thread", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Queues {@code work} on the FX thread without waiting. */
    public static void later(Runnable work) {
        Platform.runLater(work);
    }
}
