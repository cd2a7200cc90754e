package dev.pydesk.testing;

import dev.pydesk.bridge.FxThread;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits on a condition that is checked on the FX thread (the window's nodes, the inspector, the engine):
 * the tests of the shell, the inspector and kiosk mode wait with these instead of sleeping.
 */
public final class FxWait {
    /** How long {@link #waitUntil} waits: long enough for a loaded machine to import a Python module or two. */
    public static final Duration BOUND = Duration.ofSeconds(90);

    private FxWait() {
    }

    /** Whether the condition, checked on the FX thread every 20 ms, holds within {@code time}. */
    public static boolean within(Duration time, BooleanSupplier condition) throws InterruptedException {
        return polled(time, () -> FxThread.call(condition::getAsBoolean));
    }

    /**
     * Whether the condition, checked on the calling thread every 20 ms, holds within {@code time}: the one polling
     * loop of the tests ({@link #within} and {@link PageHarness#waitUntil} check through it).
     */
    public static boolean polled(Duration time, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(20);
        }
        return false;
    }

    /** Waits until the condition (checked on the FX thread) holds, or fails after {@link #BOUND}. */
    public static void waitUntil(String what, BooleanSupplier condition) {
        try {
            if (within(BOUND, condition)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
