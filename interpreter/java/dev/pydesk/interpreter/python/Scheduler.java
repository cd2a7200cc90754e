package dev.pydesk.interpreter.python;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Timers of one interpreter's event loop: each callback is run on the interpreter's own thread (the FX thread for
 * the main thread) when it is due. Knows how many are pending, which is what "the page is still busy" means to
 * headless mode.
 */
final class Scheduler implements AutoCloseable {
    /** The process's one timer thread ({@link Services#timers()}): it only hands due callbacks to their owner. */
    private final ScheduledExecutorService clock;
    private final Executor owner;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, ScheduledFuture<?>> delayed = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> pending = new ConcurrentHashMap<>();
    private final Runnable ended;
    private volatile boolean closed;

    /**
     * @param owner runs work on the interpreter's thread ({@code Platform::runLater} for the main thread)
     * @param ended told after a timer ran or was cancelled (the page may be idle now)
     */
    Scheduler(Executor owner, ScheduledExecutorService clock, Runnable ended) {
        this.owner = owner;
        this.clock = clock;
        this.ended = ended;
    }

    long schedule(double delayMillis, Runnable work) {
        long id = ids.incrementAndGet();
        if (closed) return id;
        pending.put(id, Boolean.TRUE);
        Runnable run = () -> {
            if (pending.remove(id) == null || closed) return;
            try {
                work.run();
            } finally {
                ended.run();
            }
        };
        if (delayMillis <= 0) {
            owner.execute(run);
        } else {
            delayed.put(id, clock.schedule(() -> {
                delayed.remove(id);
                owner.execute(run);
            }, (long) (delayMillis * 1000), TimeUnit.MICROSECONDS));
        }
        return id;
    }

    void cancel(long id) {
        boolean was = pending.remove(id) != null;
        ScheduledFuture<?> timer = delayed.remove(id);
        if (timer != null) timer.cancel(false);
        if (was) ended.run();
    }

    int pending() {
        return pending.size();
    }

    @Override
    public void close() {
        closed = true;
        delayed.values().forEach(timer -> timer.cancel(false));
        delayed.clear();
        pending.clear();
    }
}
