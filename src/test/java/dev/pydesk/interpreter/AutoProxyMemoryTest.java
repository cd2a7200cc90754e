package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.interpreter.session.PageSession;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code experimental_create_proxy = "auto"} does not leak: the Python callables behind JS functions that JavaScript
 * has let go of are released (JavaScriptCore's FinalizationRegistry tells PyDesk), so adding and removing listeners
 * with a fresh lambda each time keeps the number of live callbacks bounded, and one function is one callback.
 */
@PageTest(scriptTimeoutSeconds = 120)
class AutoProxyMemoryTest {
    private static final int CYCLES = 10_000;
    static PageHarness page;
    @TempDir
    Path dir;

    /**
     * {@code pyStart(kind, n)} runs n add/remove cycles as a task ({@code fresh}: a new lambda each cycle,
     * {@code same}: one function), then writes {@code done <calls>} into #status, where calls counts the handler
     * calls of a click after the cycles (0 when every listener was removed). {@code pyCollect()} gives the
     * garbage collectors a chance: Python's gc, garbage allocated in JavaScript and sleeps, a few rounds.
     */
    private PageSession open(String type) throws Exception {
        return page.open(dir, "memory.html", """
                <!DOCTYPE html><html><body>
                <button id="b">b</button><div id="status"></div><div id="collected"></div>
                <script type="$T" config='{"experimental_create_proxy": "auto"}'>
                import asyncio
                import gc
                from pyscript import document, window
                from pyscript.ffi import create_proxy
                button = document.getElementById("b")
                calls = []

                async def cycles(kind, n):
                    def same(event):
                        calls.append(event)
                    for i in range(n):
                        handler = (lambda event: calls.append(event)) if kind == "fresh" else same
                        button.addEventListener("click", handler)
                        button.removeEventListener("click", handler)
                        if i % 250 == 249:
                            await asyncio.sleep(0)
                    button.click()
                    document.getElementById("status").textContent = f"done {len(calls)}"

                async def collect(round):
                    for _ in range(3):
                        gc.collect()
                        window.eval("(() => { let junk = []; for (let i = 0; i < 200000; i++) junk.push({i: i, s: 'x' + i});"
                                    " return junk.length; })()")
                        await asyncio.sleep(0.05)
                    document.getElementById("collected").textContent = f"round {round}"

                window.pyStart = create_proxy(lambda kind, n: asyncio.ensure_future(cycles(kind, n)) and None)
                window.pyCollect = create_proxy(lambda round: asyncio.ensure_future(collect(round)) and None)
                </script>
                </body></html>""".replace("$T", type));
    }

    private void runCycles(String kind) {
        page.js("window.pyStart('" + kind + "', " + CYCLES + ")");
        page.waitUntil(CYCLES + " " + kind + " cycles", Duration.ofSeconds(240),
                () -> String.valueOf(page.text("#status")).startsWith("done"));
        assertEquals("done 0", page.text("#status"), "every listener was removed again; " + page.consoleText());
    }

    /** Gives the collectors rounds (bounded: 90 s) until fewer than {@code bound} callbacks live; returns the count. */
    private int collectUntilBelow(PageSession session, int bound) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int live = session.realm().liveCallbacks();
        for (int round = 1; live >= bound && System.nanoTime() < deadline; round++) {
            System.gc(); // the JSObject handles Python dropped hold JavaScript objects until Java collects them
            String expected = "round " + round;
            page.js("window.pyCollect(" + round + ")");
            // a round under load (gc.collect over 10,000 dropped callables on a busy machine) once took more than
            // 30 s: it may take as long as a whole collection may, and the loop's deadline still bounds the rounds
            page.waitUntil("collection " + expected, Duration.ofSeconds(90), () -> expected.equals(page.text("#collected")));
            live = session.realm().liveCallbacks();
        }
        return live;
    }

    @BothInterpreters
    void freshLambdasAddedAndRemovedDoNotPileUp(String type) throws Exception {
        PageSession session = open(type);
        assertEquals(true, page.js("typeof FinalizationRegistry === 'function'"), "JavaScriptCore has no FinalizationRegistry");
        int before = session.realm().liveCallbacks();
        runCycles("fresh");
        int peak = session.realm().liveCallbacks();
        int after = collectUntilBelow(session, 2_000);
        System.out.println("AutoProxyMemoryTest (" + type + "): live callbacks " + before + " before, " + peak
                + " after " + CYCLES + " cycles, " + after + " after collecting");
        assertTrue(after < 2_000, "live callbacks: " + before + " before, " + peak + " after " + CYCLES
                + " cycles, still " + after + " after giving the garbage collectors 90 s");
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }

    @BothInterpreters
    void oneFunctionAddedAndRemovedIsOneCallback(String type) throws Exception {
        PageSession session = open(type);
        int before = session.realm().liveCallbacks();
        runCycles("same");
        int after = session.realm().liveCallbacks();
        assertTrue(after - before <= 5, "live callbacks went from " + before + " to " + after + " for one function");
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }
}
