package dev.pydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.testing.PageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads (F5, the WebView's own reload, the page's {@code location.reload()}) while the page's scripts are still
 * starting: its interpreters being made or bound, its config's
 * files copied, its worker starting, its first script half-way. The old page load's handles go stale under that
 * work; none of it may say so ("Invalid function reference", a Java name) or leave the page stuck: after the
 * last reload the page runs to its end, and its console has no error of the reloaded loads.
 */
class StartupReloadTest {
    private static final int RELOADS = 30;

    @TempDir
    Path dir;

    @Test
    void reloadsWhileScriptsStartSayNothingOfStaleHandlesOrJava() throws Exception {
        Files.writeString(dir.resolve("data.txt"), "data");
        Files.writeString(dir.resolve("main.py"), """
                from pyscript import document
                document.getElementById("src").textContent = open("data.txt").read()
                """);
        Files.writeString(dir.resolve("p.html"), Cli.html("""
                <div id="src"></div><div id="mpy"></div><div id="out"></div>
                <button id="b" py-click="clicked">b</button>
                <py-config>[files]
                "./data.txt" = "./data.txt"</py-config>
                <script type="py" worker name="w">
                __export__ = ["twice"]
                def twice(x):
                    return 2 * x
                </script>
                <script type="py" src="main.py"></script>
                <script type="mpy">
                from pyscript import document
                document.getElementById("mpy").textContent = "mpy ran"
                </script>
                <script type="py">
                from pyscript import document, workers
                def clicked(event):
                    pass
                w = await workers["w"]
                document.getElementById("out").textContent = "done " + str(await w.twice(21))
                </script>
                <script>setInterval(() => { document.title = String(Date.now()); }, 20)</script>"""));
        PageHarness page = new PageHarness();
        try {
            page.open(dir.resolve("p.html"));
            Random random = new Random(14);
            for (int i = 0; i < RELOADS; i++) {
                reload(page, i % 3);
                // from at once (the document not parsed yet) to a second in (interpreters bound, scripts running)
                Thread.sleep(i < 10 ? i * 40L : random.nextInt(1200));
            }
            page.reload();
            page.waitUntil("the last reload to run to its end", Duration.ofSeconds(120), () -> "done 42".equals(
                    FxThread.call(() -> {
                        try {
                            return page.webView().getEngine().executeScript(
                                    "document.getElementById('out') && document.getElementById('out').textContent");
                        } catch (RuntimeException loading) {
                            return null;
                        }
                    })));
            assertEquals("data", page.text("#src"), page.consoleText());
            assertEquals("mpy ran", page.text("#mpy"), page.consoleText());
            List<ConsoleEvent> console = page.console();
            for (ConsoleEvent event : console) {
                assertFalse(event.text().contains("Invalid function reference"), page.consoleText());
                if (event.level() != ConsoleEvent.Level.DEBUG) {
                    assertFalse(Cli.JAVA_NAME.matcher(event.text()).find(), "a Java name reached the console: "
                            + event.text());
                }
            }
            assertEquals(List.of(), console.stream().filter(ConsoleEvent::isError)
                    .map(event -> "[" + event.source() + "] " + event.text()).toList());
            assertEquals("", page.bannerText());
        } finally {
            page.close();
        }
    }

    /**
     * F5 (PyDesk ends the session first), the WebView's own reload, or the page's {@code location.reload()}: the
     * last two PyDesk learns of only when the document is replaced, with the old session's work under way.
     */
    private static void reload(PageHarness page, int how) {
        switch (how) {
            case 0 -> page.reload();
            case 1 -> FxThread.run(() -> page.webView().getEngine().reload());
            default -> FxThread.run(() -> {
                try {
                    page.webView().getEngine().executeScript("location.reload()");
                } catch (RuntimeException betweenDocuments) {
                    page.webView().getEngine().reload();
                }
            });
        }
    }
}
