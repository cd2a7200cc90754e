package dev.pydesk.bridge;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;

/**
 * Runs work on the JavaFX Application Thread, where every JSObject call must happen.
 * Calls made on the FX thread run directly, so main-thread Python (which lives on the FX thread) pays nothing.
 *
 * <p>Work from other threads (a worker's DOM access, one synchronous call at a time) is handed over through one
 * queue, in the order it was handed, {@link #call}s and {@link #later}s alike. Waking a sleeping thread costs tens of
 * microseconds on the machines PyDesk runs on (measured on a 2-core VM: a round trip from a worker through
 * {@code Platform.runLater} alone 17-22 us, of which ~15 us until the FX thread started the task, and 55-63 us when
 * the caller also parked), while one DOM read takes 1-3 us. So neither side sleeps while such work comes in quick
 * succession: the caller spins briefly for its answer before it parks, and the FX thread, once it has run handed-over
 * work, keeps looking for more for {@value #LINGER_MICROS} us before it goes back to its event loop. It never stays
 * longer than {@value #SLICE_MICROS} us at a time, so frames, input and other events go on between. On one core
 * nobody spins.
 */
public final class FxThread {
    private FxThread() {}

    static final long LINGER_MICROS = 50;
    static final long SLICE_MICROS = 2_000;
    private static final boolean SPIN = Runtime.getRuntime().availableProcessors() > 1;
    private static final ConcurrentLinkedQueue<Runnable> HANDED = new ConcurrentLinkedQueue<>();
    /** True while the FX thread looks for more handed-over work: who hands some need not wake it. */
    private static volatile boolean lingering;
    /** True while a drain waits in the toolkit's queue: one is enough. */
    private static final AtomicBoolean scheduled = new AtomicBoolean();

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
        hand(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        spinUntil(result::isDone);
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

    /** Queues {@code work} on the FX thread without waiting (after what this thread handed over before). */
    public static void later(Runnable work) {
        if (isCurrent()) {
            Platform.runLater(work);
        } else {
            hand(() -> {
                try {
                    work.run();
                } catch (Throwable t) { // as Platform.runLater: reported, the FX thread goes on
                    Thread current = Thread.currentThread();
                    current.getUncaughtExceptionHandler().uncaughtException(current, t);
                }
            });
        }
    }

    /** Spins until {@code done} holds or {@value #LINGER_MICROS} us have passed; at once on one core. */
    private static void spinUntil(BooleanSupplier done) {
        if (!SPIN) return;
        long until = System.nanoTime() + LINGER_MICROS * 1000;
        while (!done.getAsBoolean() && System.nanoTime() < until) Thread.onSpinWait();
    }

    private static void hand(Runnable task) {
        HANDED.add(task);
        try {
            if (!lingering) schedule();
        } catch (RuntimeException refused) { // no toolkit (not started, or gone): the caller hears it, as before
            HANDED.remove(task);
            throw refused;
        }
    }

    /** Puts one drain in the toolkit's queue unless one is there already (not yet started). */
    private static void schedule() {
        if (!scheduled.compareAndSet(false, true)) return;
        try {
            Platform.runLater(FxThread::drain);
        } catch (RuntimeException refused) {
            scheduled.set(false);
            throw refused;
        }
    }

    /**
     * On the FX thread: runs handed-over work, then looks for more for a while. A task that reached the queue while
     * {@link #lingering} was true is seen here: the check of the queue comes after {@code lingering} is false again.
     * While a task runs {@code lingering} is false and a new drain can be scheduled, so a nested event loop inside it
     * (a dialog) gets new work too. After a slice the rest waits behind the events queued meanwhile.
     */
    private static void drain() {
        scheduled.set(false);
        long start = System.nanoTime();
        boolean ran = false;
        for (;;) {
            Runnable task;
            while ((task = HANDED.poll()) != null) {
                task.run();
                ran = true;
                if (System.nanoTime() - start > SLICE_MICROS * 1000) {
                    if (!HANDED.isEmpty()) schedule();
                    return;
                }
            }
            if (!SPIN || !ran) return; // a drain that found nothing to do does not wait for more
            lingering = true;
            spinUntil(() -> !HANDED.isEmpty());
            lingering = false;
            if (HANDED.isEmpty()) return;
        }
    }
}
