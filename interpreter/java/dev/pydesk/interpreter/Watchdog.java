package dev.pydesk.interpreter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;

/**
 * Stops main-thread Python that runs longer than the limit (a runaway loop would freeze the window): it interrupts
 * the context from its own thread, the script fails with a clear error and the FX thread comes back to life.
 */
public final class Watchdog implements AutoCloseable {
    private final Duration limit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pydesk-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Context, Long> running = new ConcurrentHashMap<>();
    private final Map<Context, Boolean> fired = new ConcurrentHashMap<>();

    /** A watchdog that never fires: worker interpreters may compute for as long as they like. */
    static Watchdog unlimited() {
        return new Watchdog(null);
    }

    public Watchdog(Duration limit) {
        this.limit = limit;
        if (limit == null) return;
        long period = Math.max(20, Math.min(250, limit.toMillis() / 4));
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    public Duration limit() {
        return limit == null ? Duration.ofSeconds(Long.MAX_VALUE) : limit;
    }

    void started(Context context) {
        if (limit == null) return;
        fired.remove(context);
        running.put(context, System.nanoTime());
    }

    /** Returns true when the watchdog interrupted this run. */
    boolean finished(Context context) {
        running.remove(context);
        return fired.remove(context) != null;
    }

    private void check() {
        long now = System.nanoTime();
        running.forEach((context, start) -> {
            if (now - start > limit.toNanos() && fired.putIfAbsent(context, Boolean.TRUE) == null) {
                try {
                    context.interrupt(Duration.ofSeconds(10));
                } catch (Exception e) {
                    // The run may have ended meanwhile, or the context is closing: nothing left to stop.
                }
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
