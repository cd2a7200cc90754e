package dev.pydesk.interpreter.python;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;

/**
 * Stops main-thread Python that runs longer than the limit (a runaway loop would freeze the window). First it
 * interrupts the context, which Python cannot catch ({@code except BaseException} does not see it) but whose
 * {@code finally} blocks still run; if the run has not ended {@link #GRACE} later (a {@code finally} that loops, a
 * call that never reaches a safe point), it cancels the context: that cannot be survived, and the interpreter is
 * closed. Either way the FX thread comes back to life and the page goes on.
 * <p>
 * The clock stops while the user answers a dialog ({@link #pause()}): a prompt's time is not the script's.
 */
public final class Watchdog implements AutoCloseable {
    /** How long an interrupted run may take to end before its context is cancelled. */
    static final Duration GRACE = Duration.ofSeconds(5);

    /** How a run was stopped. */
    enum Stop { INTERRUPTED, CANCELLED }

    private static final class Run {
        final String source;
        volatile long start;
        volatile Stop stop;
        volatile boolean reported;

        Run(String source, long start) {
            this.source = source;
            this.start = start;
        }
    }

    private final Duration limit;
    /** Interrupting and cancelling wait for the context; they must not hold up the timer. */
    private final ExecutorService stopper;
    private final ScheduledFuture<?> checks;
    private final Map<Context, Run> running = new ConcurrentHashMap<>();
    private final Map<Context, Run> stopped = new ConcurrentHashMap<>();
    private int pauses;
    private long pausedAt;

    /** A watchdog that never fires: worker interpreters may compute for as long as they like. */
    public static Watchdog unlimited() {
        return new Watchdog(null, null, null);
    }

    /** Checks on the services' timer clock; stops runs on their watchdog threads. */
    public Watchdog(Duration limit, Services services) {
        this(limit, services.timers(), services.watchdogs());
    }

    private Watchdog(Duration limit, ScheduledExecutorService clock, ExecutorService stopper) {
        this.limit = limit;
        this.stopper = stopper;
        if (limit == null) {
            checks = null;
            return;
        }
        long period = Math.max(20, Math.min(250, limit.toMillis() / 4));
        checks = clock.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    public Duration limit() {
        return limit == null ? Duration.ofSeconds(Long.MAX_VALUE) : limit;
    }

    /** A run of {@code source} ({@code py-0}, a handler's script) entered the context. */
    void started(Context context, String source) {
        if (limit == null) return;
        stopped.remove(context);
        running.put(context, new Run(source, System.nanoTime()));
    }

    /** The outermost run ended, however. */
    void finished(Context context) {
        if (limit == null) return;
        Run run = running.remove(context);
        if (run != null && run.stop != null) stopped.put(context, run);
    }

    /** How the watchdog stopped the current (or just finished) run of this context, or null. */
    Stop stopOf(Context context) {
        Run run = running.get(context);
        if (run == null) run = stopped.get(context);
        return run == null ? null : run.stop;
    }

    /** True the first time it is asked for a stop: a stop is reported once, however many frames see it. */
    boolean claimReport(Context context) {
        Run run = running.get(context);
        if (run == null) run = stopped.get(context);
        if (run == null || run.reported) return run == null;
        run.reported = true;
        return true;
    }

    /** The script now running on the page's thread under this watchdog, or null (for messages). */
    public String runningSource() {
        for (Run run : running.values()) return run.source;
        return null;
    }

    /** The user has the FX thread (a dialog, a prompt): the clock stops until {@link #resume()}. */
    public synchronized void pause() {
        if (pauses++ == 0) pausedAt = System.nanoTime();
    }

    public synchronized void resume() {
        if (pauses == 0 || --pauses > 0) return;
        long paused = System.nanoTime() - pausedAt;
        running.values().forEach(run -> run.start += paused);
    }

    private synchronized boolean paused() {
        return pauses > 0;
    }

    private void check() {
        if (paused()) return;
        long now = System.nanoTime();
        running.forEach((context, run) -> {
            long ran = now - run.start;
            if (run.stop == null && ran > limit.toNanos()) {
                run.stop = Stop.INTERRUPTED;
                stopper.execute(() -> interrupt(context, run));
            } else if (run.stop == Stop.INTERRUPTED && ran > limit.plus(GRACE).toNanos()) {
                run.stop = Stop.CANCELLED;
                stopper.execute(() -> cancel(context));
            }
        });
    }

    private static void interrupt(Context context, Run run) {
        try {
            context.interrupt(GRACE);
        } catch (Exception e) {
            // Timed out (the run did not end: check() cancels it), or the context is closing anyway.
        }
    }

    private static void cancel(Context context) {
        try {
            context.close(true);
        } catch (Exception e) {
            // Closed meanwhile: nothing left to stop.
        }
    }

    @Override
    public void close() {
        if (checks != null) checks.cancel(false);
    }
}
