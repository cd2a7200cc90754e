package dev.pydesk.bridge;

import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Notices the FX thread stuck in the page's JavaScript ({@code while (true) {}} in a script, a timer, an event
 * handler, or a function Python called). WebKit gives JavaFX no way to interrupt JavaScript: JavaScriptCore's own
 * watchdog is built in, but it measures CPU time, and JavaFX's port of it reads a clock that always says 0, so it
 * never fires (and polling it instead crashes WebKit's trap handling). So this watchdog cannot stop the script; it
 * says so once, and its owner tears the page down (the window restarts PyDesk, headless mode ends the run).
 * <p>
 * It holds a thread of its own: it posts a ping to the FX thread and, while a ping stays unanswered, samples the
 * FX thread's stack. It reports once every sample for longer than the limit found the stack's top inside WebKit:
 * Python has its own watchdog (main-thread Python runs on the FX thread), and a prompt waiting for the user is not
 * stuck.
 */
public final class FxWatchdog implements AutoCloseable {
    /** What the FX thread was doing when it was found stuck. */
    public record Stall(Duration stuckFor, boolean calledFromPython) {}

    private final Duration limit;
    private final BooleanSupplier waitingForUser;
    private final Consumer<Stall> onStall;
    private final java.util.concurrent.Future<?> watching;
    private volatile Thread fxThread;
    private volatile long pingPostedAt;
    private volatile boolean pingAnswered = true;
    private volatile boolean reported;
    private long inWebKitSince = -1; // the watchdog thread's own: since when every sample found the FX thread in WebKit
    private volatile boolean closed;

    /**
     * @param waitingForUser true while a dialog (or headless mode's standard input) has the FX thread: not a stall
     * @param onStall        called once, on the watchdog's thread, when the FX thread is stuck in JavaScript
     * @param threads        where the watchdog's loop runs (it holds a thread until {@link #close()})
     */
    public FxWatchdog(Duration limit, BooleanSupplier waitingForUser, Consumer<Stall> onStall,
                      java.util.concurrent.ExecutorService threads) {
        this.limit = limit;
        this.waitingForUser = waitingForUser;
        this.onStall = onStall;
        if (Platform.isFxApplicationThread()) fxThread = Thread.currentThread();
        watching = threads.submit(this::watch);
    }

    public Duration limit() {
        return limit;
    }

    /** How long the FX thread has not answered (zero while it answers, or while it waits for the user). */
    public Duration unanswered() {
        if (pingAnswered || waitingForUser.getAsBoolean()) return Duration.ZERO;
        return Duration.ofNanos(System.nanoTime() - pingPostedAt);
    }

    /** True when the FX thread is, right now, inside WebKit (running the page's JavaScript, as a rule). */
    public boolean inJavaScript() {
        Thread fx = fxThread;
        return fx != null && inWebKit(fx.getStackTrace());
    }

    private void watch() {
        long period = Math.max(20, Math.min(250, limit.toMillis() / 8));
        while (!closed) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            if (pingAnswered) {
                inWebKitSince = -1;
                ping();
            } else if (waitingForUser.getAsBoolean()) {
                pingPostedAt = System.nanoTime(); // a dialog's time is the user's, not the page's
                inWebKitSince = -1;
            } else {
                // Only time spent inside WebKit without a break counts: main-thread Python runs on the FX thread too
                // (its own watchdog stops it), and a sample that happens to meet its banner or a DOM call after a
                // long run is not JavaScript that never returns.
                long now = System.nanoTime();
                Thread fx = fxThread;
                StackTraceElement[] stack = fx == null || reported ? null : fx.getStackTrace();
                if (stack == null || !inWebKit(stack)) {
                    inWebKitSince = -1;
                } else {
                    if (inWebKitSince < 0) inWebKitSince = Math.max(pingPostedAt, now - period * 1_000_000L);
                    Duration stuck = Duration.ofNanos(now - inWebKitSince);
                    if (stuck.compareTo(limit) > 0) {
                        reported = true;
                        onStall.accept(new Stall(stuck, calledFromPython(stack)));
                    }
                }
            }
        }
    }

    private void ping() {
        pingAnswered = false;
        pingPostedAt = System.nanoTime();
        try {
            Platform.runLater(() -> {
                fxThread = Thread.currentThread();
                pingAnswered = true;
                reported = false; // the FX thread came back: a later stall is a new one
            });
        } catch (IllegalStateException toolkitGone) {
            closed = true;
        }
    }

    /** The FX thread's top frame is a native method of WebKit: JavaScript (or WebKit itself) has it. */
    static boolean inWebKit(StackTraceElement[] stack) {
        return stack.length > 0 && stack[0].isNativeMethod() && stack[0].getClassName().startsWith("com.sun.webkit.");
    }

    /** The classes through which page Python enters JavaScript (a call, a member read or write, pyscript.web). */
    private static final Set<String> CROSSINGS = Set.of(JsObject.class.getName(),
            JsAccess.class.getName(), DomAccess.class.getName(), ListMethods.class.getName());

    /** JavaScript entered through the bridge, i.e. page Python called a JavaScript function that does not return. */
    static boolean calledFromPython(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (CROSSINGS.contains(frame.getClassName())) return true;
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        watching.cancel(true);
    }
}
