package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runaway main-thread Python (it would freeze the window) is stopped by the watchdog after the script timeout,
 * here 2 s: a script, and a Python event handler called from JavaScript. The error says what happened and how to
 * change it; the page goes on (its next script, its next event) and so does the FX thread.
 */
@PageTest(scriptTimeoutSeconds = WatchdogTest.LIMIT_SECONDS)
class WatchdogTest {
    static final int LIMIT_SECONDS = 2;
    private static final Duration LIMIT = Duration.ofSeconds(LIMIT_SECONDS);
    static PageHarness page;

    @TempDir
    Path dir;

    @BothInterpreters
    void endlessScriptIsStoppedAndTheNextScriptRuns(String type) throws Exception {
        page.open(dir, "loop.html", """
                <html><body>
                <div id="started"></div><div id="next"></div>
                <script type="%1$s">
                import time
                started = time.time()
                import js
                js.document.getElementById("started").textContent = repr(started)
                while True:
                    pass
                </script>
                <script type="%1$s">
                import js
                js.document.getElementById("next").textContent = "the next script ran"
                </script>
                </body></html>""".formatted(type));
        String id = type + "-0";

        assertEquals("the next script ran", page.text("#next"), page.consoleText());
        ConsoleEvent error = theOnlyError(id);
        assertRanTooLong(error.text(), id);
        assertRanTooLong(page.bannerText(), id);
        assertEquals(1, page.count("div.py-error"), page.bannerText());

        // Stopped after the limit, not before it, and not much later either. The watchdog starts when the run does,
        // a little before the script's first line could read the clock (compiling it: up to ~0.3 s under load).
        Instant started = Instant.ofEpochMilli(Math.round(Double.parseDouble(page.text("#started")) * 1000));
        Duration ran = Duration.between(started, error.time());
        assertTrue(ran.compareTo(LIMIT.minusMillis(500)) >= 0, "stopped after only " + ran);
        assertTrue(ran.compareTo(LIMIT.plusSeconds(10)) < 0, "stopped only after " + ran);

        assertFxThreadAlive();
    }

    @BothInterpreters
    void endlessEventHandlerIsStoppedAndThePageGoesOn(String type) throws Exception {
        page.open(dir, "handler.html", """
                <html><body>
                <button id="spin">spin</button><button id="ok">ok</button>
                <div id="status"></div><div id="handled"></div>
                <script type="%s">
                from pyscript.ffi import create_proxy
                import js

                def spin(event):
                    js.document.getElementById("status").textContent = "spinning"
                    while True:
                        pass

                def ok(event):
                    js.document.getElementById("handled").textContent = "handled " + event.type

                js.document.getElementById("spin").addEventListener("click", create_proxy(spin))
                js.document.getElementById("ok").addEventListener("click", create_proxy(ok))
                js.document.getElementById("status").textContent = "ready"
                </script>
                </body></html>""".formatted(type));
        String id = type + "-0";
        assertEquals("ready", page.text("#status"), page.consoleText());
        assertEquals(List.of(), page.errors(), page.consoleText());

        // A click from the page's own event loop, as a user's would be, and JS that carries on after it.
        page.js("setTimeout(() => { document.getElementById('spin').click();"
                + " document.body.dataset.after = 'javascript went on'; }, 0)");
        page.waitUntil("the handler to be stopped", LIMIT.plusSeconds(20), () -> !page.errors().isEmpty());

        assertEquals("spinning", page.text("#status"));
        assertRanTooLong(theOnlyError(id).text(), id);
        page.waitUntil("the error banner", Duration.ofSeconds(5), () -> page.count("div.py-error") == 1);
        assertRanTooLong(page.bannerText(), id);
        assertEquals("javascript went on", page.js("document.body.dataset.after"));
        assertFxThreadAlive();

        // The interpreter still answers the page's events.
        page.js("document.getElementById('ok').click()");
        assertEquals("handled click", page.text("#handled"), page.consoleText());
        assertEquals(1, page.errors().size(), page.consoleText());
    }

    /**
     * Issue 14, point 3: the stop cannot be swallowed. A loop that catches BaseException, one whose finally goes
     * on, one interrupted in the middle of print() and one nested in a JavaScript callback are each stopped once,
     * with one error; the next script runs, and print() still works in it.
     */
    @BothInterpreters
    void aStopCannotBeSwallowedAndThePageLivesOn(String type) throws Exception {
        page.open(dir, "swallow.html", """
                <html><body><div id="next"></div>
                <script type="%1$s">
                import js
                from pyscript.ffi import create_proxy
                def busy(*args):
                    for i in range(100000):
                        pass
                callback = create_proxy(busy)
                while True:
                    try:
                        try:
                            print("working", end="")
                            js.Array.new(1, 2).forEach(callback)
                        finally:
                            continue
                    except BaseException:
                        pass
                </script>
                <script type="%1$s">
                import js
                print("the next script prints")
                js.document.getElementById("next").textContent = "the next script ran"
                </script>
                </body></html>""".formatted(type));
        String id = type + "-0";
        assertEquals("the next script ran", page.text("#next"), page.consoleText());
        assertRanTooLong(theOnlyError(id).text(), id);
        assertEquals(1, page.count("div.py-error"), page.bannerText());
        assertEquals(List.of("the next script prints"), page.consoleFrom(type + "-1"), page.consoleText());
        assertFxThreadAlive();
    }

    private static ConsoleEvent theOnlyError(String id) {
        List<ConsoleEvent> errors = page.errors();
        assertEquals(1, errors.size(), page.consoleText());
        assertEquals(id, errors.getFirst().source(), page.consoleText());
        return errors.getFirst();
    }

    private static void assertRanTooLong(String message, String id) {
        assertTrue(message.contains(id + " ran longer than 2 s and was stopped"), message);
        assertTrue(message.contains("--script-timeout"), message);
    }

    /** A runLater round trip and an animation frame both come through: the FX thread is not stuck in Python. */
    private static void assertFxThreadAlive() throws Exception {
        CompletableFuture<Boolean> roundTrip = new CompletableFuture<>();
        Platform.runLater(() -> roundTrip.complete(Platform.isFxApplicationThread()));
        assertTrue(roundTrip.get(5, TimeUnit.SECONDS));

        CompletableFuture<Long> frame = new CompletableFuture<>();
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                frame.complete(now);
            }
        }.start());
        frame.get(5, TimeUnit.SECONDS);
        assertEquals(2, ((Number) page.js("1 + 1")).intValue(), "the page's JavaScript no longer runs");
    }
}
