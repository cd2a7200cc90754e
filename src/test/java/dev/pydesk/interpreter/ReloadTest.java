package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.FxThread;
import dev.pydesk.testing.PageHarness;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 10: reloads (F5) do not leak. The page of {@code bench/reload} (a worker, Python and JavaScript
 * timers) is reloaded again and again; after reload 60 the JVM has about as many threads and about as much heap in
 * use (after a full GC) as after reload 10 (idle pool threads given time to end), and every earlier page's worker
 * thread has ended. The bounds are loose
 * on purpose (a loaded machine, a collector that keeps what it likes); bench/reload measures 200 reloads with RSS,
 * quoted in docs/performance.md.
 */
class ReloadTest {
    private static final int FIRST = 10;
    private static final int LAST = 60;
    private static final int EXTRA_THREADS = 4;
    private static final long EXTRA_HEAP_MB = 64;

    @Test
    void sixtyReloadsOfAPageWithAWorkerAndTimersLeakNoThreadsOrHeap() throws Exception {
        PageHarness page = new PageHarness(); // no reference to the pages' sessions here: it would keep them alive
        try {
            page.open(Path.of("bench/pages/reload.html").toAbsolutePath());
            waitForThePage(page, 0);
            long[] first = null;
            for (int reload = 1; reload <= LAST; reload++) {
                page.js("window.__reloadTestOld = true");
                page.reload();
                waitForThePage(page, reload);
                if (reload == FIRST) first = sample();
            }
            long[] last = sample();
            // Pools of the JDK's HTTP client and GraalPy keep idle threads for a while (a minute): a leaked thread
            // stays for good, an idle one ends, so the count is given time to come down.
            long bound = first[0] + EXTRA_THREADS;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (last[0] > bound && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                last[0] = ManagementFactory.getThreadMXBean().getThreadCount();
            }
            assertTrue(last[0] <= bound, "threads: " + first[0] + " after reload " + FIRST + ", " + last[0]
                    + " after reload " + LAST + " and two minutes: " + threadNames());
            assertTrue(last[1] <= first[1] + EXTRA_HEAP_MB, "heap in use after GC: " + first[1] + " MB after reload "
                    + FIRST + ", " + last[1] + " MB after reload " + LAST);
            page.waitUntil("every earlier page's worker thread to end", Duration.ofSeconds(30),
                    () -> Thread.getAllStackTraces().keySet().stream()
                            .filter(thread -> thread.getName().equals("pydesk-worker worker helper")).count() == 1);
            assertEquals(List.of(), page.errors(), page.consoleText());
        } finally {
            page.close();
        }
    }

    private static void waitForThePage(PageHarness page, int reload) {
        page.waitUntil("reload " + reload + " to run its worker and timers", Duration.ofSeconds(90), () -> Boolean.TRUE
                .equals(FxThread.call(() -> {
                    try {
                        return page.webView().getEngine().executeScript("!window.__reloadTestOld && document.body"
                                + " && document.body.dataset.doubled === '42'"
                                + " && Number(document.getElementById('ticks').textContent) >= 2"
                                + " && Number(document.getElementById('js-ticks').textContent) >= 2");
                    } catch (RuntimeException loading) {
                        return false;
                    }
                })));
    }

    /** Live threads and heap in use (MB) once the previous pages' threads ended and a full GC ran. */
    private static long[] sample() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return new long[] {ManagementFactory.getThreadMXBean().getThreadCount(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024)};
    }

    private static String threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList().toString();
    }
}
