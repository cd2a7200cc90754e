package dev.pydesk.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.FxWait;
import dev.pydesk.testing.PageHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How other threads hand work to the FX thread ({@link FxThread}): in the order they handed it, calls and
 * {@code later}s alike, every call answered (also from a nested event loop, as a dialog runs), failures going back to
 * the caller, and the FX thread never kept from its other events by a thread that hands work without pause.
 */
class FxThreadTest {
    @BeforeAll
    static void toolkit() {
        PageHarness.startToolkit();
    }

    @Test
    void workHandedByOneThreadRunsInItsOrderOnTheFxThread() throws Exception {
        List<Integer> seen = new ArrayList<>();
        AtomicBoolean elsewhere = new AtomicBoolean();
        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 3000; i++) {
                int n = i;
                Runnable note = () -> {
                    if (!Platform.isFxApplicationThread()) elsewhere.set(true);
                    seen.add(n);
                };
                if (i % 3 == 0) FxThread.run(note); else FxThread.later(note);
            }
        }).get(60, TimeUnit.SECONDS);
        int size = FxThread.call(seen::size); // after everything handed before it
        assertEquals(3000, size);
        for (int i = 0; i < 3000; i++) assertEquals(i, seen.get(i), "out of order at " + i);
        assertFalse(elsewhere.get(), "work ran off the FX thread");
    }

    @Test
    void callsFromManyThreadsEachGetTheirOwnAnswer() throws Exception {
        List<CompletableFuture<Long>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1000;
            threads.add(CompletableFuture.supplyAsync(() -> {
                long sum = 0;
                for (int i = 0; i < 1000; i++) {
                    int n = base + i;
                    sum += FxThread.call(() -> n);
                }
                return sum;
            }, runnable -> new Thread(runnable).start()));
        }
        for (int t = 0; t < 4; t++) {
            long base = t * 1000L;
            assertEquals(1000 * base + 999L * 1000 / 2, threads.get(t).get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCallIsAnsweredWhileTheFxThreadRunsANestedEventLoop() throws Exception {
        Object key = new Object();
        CountDownLatch inside = new CountDownLatch(1);
        // handed work that opens a nested event loop, as a dialog shown from a worker's call does
        CompletableFuture<Object> dialog = CompletableFuture.supplyAsync(() -> FxThread.call(() -> {
            Platform.runLater(inside::countDown);
            return Platform.enterNestedEventLoop(key);
        }));
        assertTrue(inside.await(30, TimeUnit.SECONDS), "the nested event loop did not start");
        int answer = CompletableFuture.supplyAsync(() -> FxThread.call(() -> 42)).get(30, TimeUnit.SECONDS);
        assertEquals(42, answer);
        CompletableFuture.runAsync(() -> FxThread.run(() -> Platform.exitNestedEventLoop(key, "closed")))
                .get(30, TimeUnit.SECONDS);
        assertEquals("closed", dialog.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aFailureGoesBackToTheCallerAndLaterWorkGoesOn() throws Exception {
        CompletionException thrown = assertThrows(CompletionException.class, () ->
                CompletableFuture.runAsync(() -> FxThread.call(() -> {
                    throw new IllegalArgumentException("from the FX thread");
                })).join());
        assertInstanceOf(IllegalArgumentException.class, thrown.getCause());
        assertEquals("from the FX thread", thrown.getCause().getMessage());
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture.runAsync(() -> {
            FxThread.later(() -> { // reported by the FX thread's handler (a stack trace in the log)
                throw new IllegalStateException("a later that fails, as this test means it to");
            });
            FxThread.later(ran::incrementAndGet);
            FxThread.run(ran::incrementAndGet);
        }).get(30, TimeUnit.SECONDS);
        assertEquals(2, ran.get());
    }

    @Test
    void muchHandedWorkDoesNotKeepTheFxThreadFromItsOtherEvents() throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger doneWhenOtherRan = new AtomicInteger(-1);
        CountDownLatch other = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 300; i++) { // 1.5 s of work, handed at once
                FxThread.later(() -> {
                    sleep(5);
                    done.incrementAndGet();
                });
            }
            // then an event of the toolkit's own queue, e.g. a frame or a mouse event
            Platform.runLater(() -> {
                doneWhenOtherRan.set(done.get());
                other.countDown();
            });
        }).get(30, TimeUnit.SECONDS);
        assertTrue(other.await(60, TimeUnit.SECONDS));
        assertTrue(doneWhenOtherRan.get() < 100, "the other event waited for " + doneWhenOtherRan.get()
                + " of the 300 handed tasks (slices of " + FxThread.SLICE_MICROS + " us)");
        FxWait.polled(Duration.ofSeconds(60), () -> done.get() == 300);
        assertEquals(300, done.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
