package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The event loop on the page's main thread: top-level await, tasks, gather, timers, async handlers, async="false". */
@PageTest
class AsyncTest {
    static PageHarness page;
    @TempDir
    Path dir;

    private String out() {
        return String.valueOf(page.js("(document.getElementById('out') || {}).textContent"));
    }

    @BothInterpreters
    void topLevelAwaitTasksGatherAndOrder(String type) throws Exception {
        page.open(dir, "async.html", """
                <pre id="out"></pre>
                <script>addEventListener("%1$s:done", (e) => document.getElementById("out").textContent += "done:" + e.target.id + "|")</script>
                <script type="%1$s" id="first">
                import asyncio
                from pyscript import document
                out = document.getElementById("out")
                def say(text):
                    out.textContent += text + "|"
                async def work(name, delay):
                    await asyncio.sleep(delay)
                    say(name)
                    return name.upper()
                say("start")
                results = await asyncio.gather(work("b", 0.2), work("a", 0.05))
                say(",".join(results))
                loop = asyncio.get_running_loop()
                say(str(loop.is_running()))
                task = asyncio.create_task(work("background", 0.3))
                </script>
                <script type="%1$s" id="second">
                say("second sees " + results[0])
                </script>""".formatted(type));
        page.waitUntil("the background task", Duration.ofSeconds(20), () -> out().contains("background"));
        assertEquals("start|a|b|B,A|True|done:first|second sees B|done:second|background|", out(), page.consoleText());
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }

    @BothInterpreters
    void asyncEventHandlersAndCallLater(String type) throws Exception {
        page.open(dir, "handlers.html", """
                <pre id="out"></pre><button id="b">b</button>
                <script type="%s">
                import asyncio
                from pyscript import document, when
                out = document.getElementById("out")
                @when("click", "#b")
                async def clicked(event):
                    await asyncio.sleep(0.05)
                    out.textContent += "clicked|"
                asyncio.get_event_loop().call_later(0.1, lambda: out.textContent.__len__() >= 0 and setattr(out, "textContent", out.textContent + "later|"))
                </script>""".formatted(type));
        page.js("document.getElementById('b').click()");
        page.waitUntil("both", Duration.ofSeconds(20), () -> out().contains("clicked") && out().contains("later"));
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }

    @BothInterpreters
    void asyncFalseMakesTopLevelAwaitASyntaxError(String type) throws Exception {
        page.open(dir, "sync.html", """
                <script type="%s" async="false">
                import asyncio
                await asyncio.sleep(0)
                </script>""".formatted(type));
        assertTrue(page.errors().stream().anyMatch(e -> e.text().contains("SyntaxError")), page.consoleText());
    }

    @BothInterpreters
    void anExceptionInATaskIsReported(String type) throws Exception {
        page.open(dir, "taskerror.html", """
                <script type="%s">
                import asyncio
                async def broken():
                    await asyncio.sleep(0.01)
                    raise KeyError("lost")
                asyncio.create_task(broken())
                await asyncio.sleep(0.2)
                </script>""".formatted(type));
        page.waitUntil("the task's error", Duration.ofSeconds(20),
                () -> page.errors().stream().anyMatch(e -> e.text().contains("KeyError: 'lost'")));
    }
}
