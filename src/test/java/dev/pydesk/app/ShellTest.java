package dev.pydesk.app;

import static dev.pydesk.testing.FxWait.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.inspector.ReplView;
import dev.pydesk.interpreter.session.PageSession;
import dev.pydesk.interpreter.workers.PageWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The desktop shell and its inspector, driven through the real UI (TestFX's robot on Monocle: key presses, typing,
 * clicks) with real pages and real GraalPy: toggling the inspector, console rows and filters, the REPL, tracebacks
 * opening their source, reload, the address field, back/forward, recent files, the workers tab.
 */
class ShellTest {
    @TempDir
    Path dir;
    ShellWindow window;
    Shell shell;
    Stage stage;
    final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() {
        window = ShellWindow.open(dir.resolve("state"), 1000, 700);
        shell = window.shell;
        stage = window.stage;
    }

    @AfterEach
    void close() {
        window.close();
    }

    private PageSession load(Path page) throws Exception {
        return window.load(page);
    }

    private Path page(String name, String body) throws Exception {
        Path page = dir.resolve(name);
        Files.writeString(page, "<!doctype html><html><head><title>" + name + "</title></head><body>" + body
                + "</body></html>");
        return page;
    }

    private List<String> consoleTexts() {
        return FxThread.call(() -> shell.inspector().console().shownLines().stream()
                .map(event -> "[" + event.source() + "] " + event.text()).toList());
    }

    @Test
    void f12AndCtrlShiftIToggleTheDockedInspector() throws Exception {
        load(page("a.html", "<p>page</p>"));
        assertFalse(FxThread.call(shell::inspectorShown));
        robot.push(KeyCode.F12);
        waitUntil("the inspector to open", shell::inspectorShown);
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.I);
        waitUntil("the inspector to close", () -> !shell.inspectorShown());
        assertEquals("a.html - PyDesk", FxThread.call(stage::getTitle));
    }

    @Test
    void theConsoleShowsEverySourceAndFilters() throws Exception {
        load(page("console.html", """
                <script>console.warn("from js")</script>
                <script type="py">print("hello from py")</script>
                <script type="mpy">print("hello from mpy")</script>
                <script type="py">raise ValueError("it broke")</script>"""));
        FxThread.run(() -> shell.showInspector(true));
        waitUntil("four lines", () -> shell.inspector().console().shownLines().size() >= 4);
        List<String> texts = consoleTexts();
        assertTrue(texts.contains("[py-0] hello from py"), texts.toString());
        assertTrue(texts.contains("[mpy-0] hello from mpy"), texts.toString());
        assertTrue(texts.contains("[js] from js"), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("[py-1] Traceback") && t.contains("ValueError: it broke")),
                texts.toString());
        FxThread.run(() -> shell.inspector().console().filter(ConsoleEvent.Level.WARN, null, ""));
        assertEquals(2, consoleTexts().size(), consoleTexts().toString());
        FxThread.run(() -> shell.inspector().console().filter(ConsoleEvent.Level.DEBUG, "mpy-0", ""));
        assertEquals(List.of("[mpy-0] hello from mpy"), consoleTexts());
        FxThread.run(() -> shell.inspector().console().filter(ConsoleEvent.Level.DEBUG, null, "HELLO FROM P"));
        assertEquals(List.of("[py-0] hello from py"), consoleTexts());
        assertTrue(FxThread.call(() -> shell.inspector().console().copy()).contains("[py-0] log: hello from py"));
    }

    @Test
    void theReplRunsPythonInThePageAndChangesTheDom() throws Exception {
        load(page("repl.html", """
                <p id="p">before</p>
                <script type="py">
                from pyscript import document
                greeting = "hi"
                </script>"""));
        FxThread.run(() -> {
            shell.showInspector(true);
            shell.inspector().select("REPL");
        });
        waitUntil("the REPL on screen", () -> shell.inspector().repl().input().getScene() != null
                && shell.inspector().repl().input().isVisible());
        robot.clickOn(FxThread.call(() -> shell.inspector().repl().input()));
        robot.write("document.getElementById(\"p\").textContent = greeting + \" from the REPL\"");
        robot.push(KeyCode.ENTER);
        waitUntil("the DOM change", () -> "hi from the REPL".equals(
                shell.view().webView.getEngine().executeScript("document.getElementById('p').textContent")));
        robot.write("6 * 7");
        robot.push(KeyCode.ENTER);
        waitUntil("the answer", () -> shell.inspector().repl().output().contains("\n42\n"));
        // As in CPython's REPL, the last expression of a line of several statements shows its value.
        robot.write("import sys; sys.version_info[:1]");
        robot.push(KeyCode.ENTER);
        waitUntil("the last expression's value", () -> shell.inspector().repl().output().contains("\n(3,)\n"));
        robot.write("n = 20; n += 1; n * 2");
        robot.push(KeyCode.ENTER);
        waitUntil("the statements and the value", () -> shell.inspector().repl().output().contains(">>> n = 20; n += 1; n * 2\n42\n"));
        robot.write("'$0 is not rewritten in strings' # $0");
        robot.push(KeyCode.ENTER);
        waitUntil("the string", () -> shell.inspector().repl().output().contains("'$0 is not rewritten in strings'"));
        robot.write("$0 is None");
        robot.push(KeyCode.ENTER);
        waitUntil("$0 without a selection", () -> shell.inspector().repl().output().contains("\nTrue\n"));
        robot.write("1 / 0");
        robot.push(KeyCode.ENTER);
        waitUntil("the traceback", () -> shell.inspector().repl().output().contains("ZeroDivisionError"));
        robot.write("gree");
        robot.push(KeyCode.TAB);
        waitUntil("the completion", () -> shell.inspector().repl().input().getText().equals("greeting"));
        FxThread.run(() -> shell.inspector().repl().input().clear());
        robot.push(KeyCode.UP);
        waitUntil("the history", () -> shell.inspector().repl().input().getText().equals("1 / 0"));
        FxThread.run(() -> {
            shell.inspector().repl().input().clear();
            shell.inspector().repl().language(ReplView.JS);
        });
        robot.write("document.title");
        robot.push(KeyCode.ENTER);
        waitUntil("the JavaScript answer", () -> shell.inspector().repl().output().contains("repl.html"));
        assertEquals("", FxThread.call(() -> String.valueOf(shell.view().webView.getEngine().executeScript(
                "Array.from(document.querySelectorAll('.py-error')).map(e => e.textContent).join()"))),
                "REPL errors stay out of the page's banner");
    }

    @Test
    void aTracebackOpensItsSourceAtTheLine() throws Exception {
        Files.writeString(dir.resolve("broken.py"), "x = 1\ny = 2\nraise RuntimeError('line three')\n");
        load(page("trace.html", "<script type=\"py\" src=\"./broken.py\"></script>"));
        FxThread.run(() -> shell.showInspector(true));
        waitUntil("the traceback", () -> shell.inspector().console().shownLines().stream()
                .anyMatch(e -> e.text().contains("line three")));
        ConsoleEvent traceback = FxThread.call(() -> shell.inspector().console().shownLines().stream()
                .filter(e -> e.text().contains("line three")).findFirst().orElseThrow());
        assertTrue(FxThread.call(() -> shell.inspector().console().openSourceOf(traceback)));
        assertEquals(3, FxThread.call(() -> shell.inspector().source().markedLine()));
        assertEquals("raise RuntimeError('line three')", FxThread.call(() -> shell.inspector().source().lines().get(2)));
    }

    @Test
    void addressFieldReloadBackForwardAndRecentFiles() throws Exception {
        Path first = page("first.html", "<script type=\"py\">from pyscript import display; display('one')</script>");
        page("second.html", "<script type=\"py\">from pyscript import display; display('two')</script>");
        load(first);
        CompletableFuture<PageSession> second = new CompletableFuture<>();
        FxThread.run(() -> shell.view().loader.onSession(second::complete));
        robot.clickOn(FxThread.call(shell::address));
        FxThread.run(() -> shell.address().clear());
        robot.write("second.html");
        robot.push(KeyCode.ENTER);
        second.get(60, TimeUnit.SECONDS).scriptsDone().get(60, TimeUnit.SECONDS);
        assertEquals(List.of(first, dir.resolve("second.html")), FxThread.call(shell::history));
        waitUntil("second's title", () -> "second.html - PyDesk".equals(stage.getTitle()));
        robot.push(KeyCode.ALT, KeyCode.LEFT);
        waitUntil("back to first", () -> "first.html - PyDesk".equals(stage.getTitle()));
        robot.push(KeyCode.ALT, KeyCode.RIGHT);
        waitUntil("forward to second", () -> "second.html - PyDesk".equals(stage.getTitle()));
        PageSession before = FxThread.call(() -> shell.view().loader.session().orElseThrow());
        robot.push(KeyCode.F5);
        waitUntil("a fresh session", () -> shell.view().loader.session().filter(s -> s != before).isPresent());
        waitUntil("the reloaded output", () -> "two".equals(shell.view().webView.getEngine()
                .executeScript("(document.querySelector('script-py') || {}).textContent")));
        assertEquals(List.of(dir.resolve("second.html"), first), RecentFiles.inStateFolder().list());
        waitUntil("the status line says done", () -> FxThread.call(shell::status).startsWith("done"));
        FxThread.run(() -> shell.zoom(1.1));
        assertEquals(1.1, FxThread.call(() -> shell.view().webView.getZoom()), 0.001);
    }

    @Test
    void theNetworkTabListsPageResourcesFetchesAndWebSocketFrames() throws Exception {
        Files.writeString(dir.resolve("data.json"), "{\"n\": 1}");
        Files.writeString(dir.resolve("page.txt"), "for page JavaScript");
        try (dev.pydesk.testing.EchoWebSocketServer echo = dev.pydesk.testing.EchoWebSocketServer.launch();
             dev.pydesk.testing.TestHttpServer other = dev.pydesk.testing.TestHttpServer.launch()) {
            load(page("net.html", """
                    <div id="done"></div>
                    <script>
                    fetch("./page.txt").then((r) => r.text()).then((t) => { document.body.dataset.fetched = t; });
                    fetch("%s").then((r) => r.json()).then((j) => { document.body.dataset.other = j.answer; });
                    const xhr = new XMLHttpRequest();
                    xhr.open("GET", "./nothing.txt");
                    xhr.send();
                    </script>
                    <script type="py">
                    from pyscript import fetch, document, WebSocket
                    data = await fetch("./data.json").json()
                    missing = await fetch("./missing.json")
                    def onopen(event):
                        ws.send("ping")
                    def onmessage(event):
                        ws.close()
                        document.getElementById("done").textContent = "done"
                    ws = WebSocket(url="%s", onopen=onopen, onmessage=onmessage)
                    </script>""".formatted(other.url("/json"), echo.url())));
            waitUntil("the echo", () -> "done".equals(shell.view().webView.getEngine()
                    .executeScript("document.getElementById('done').textContent")));
            waitUntil("the network log", () -> shell.inspector().network().entries().stream()
                    .anyMatch(e -> e.method().equals("CLOSE")) && shell.inspector().network().entries().stream()
                    .filter(e -> e.kind().startsWith("js ")).count() == 3);
            List<String> rows = FxThread.call(() -> shell.inspector().network().entries().stream()
                    .map(e -> e.kind() + " " + e.method() + " " + e.url().replaceAll("^.*/", "") + " " + e.status())
                    .toList());
            assertTrue(rows.contains("page GET net.html 200"), rows.toString());
            assertTrue(rows.contains("fetch GET data.json 200"), rows.toString());
            assertTrue(rows.contains("fetch GET missing.json 404"), rows.toString());
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("websocket OPEN ")), rows.toString());
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("websocket SEND ")), rows.toString());
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("websocket RECV ")), rows.toString());
            // Page JavaScript's own requests, to the page's folder and to another site, each listed once.
            assertTrue(rows.contains("js fetch GET page.txt 200"), rows.toString());
            assertTrue(rows.contains("js fetch GET json 200"), rows.toString());
            assertTrue(rows.contains("js xhr GET nothing.txt 404"), rows.toString());
            assertEquals(1, rows.stream().filter(r -> r.contains("page.txt")).count(), rows.toString());
            assertEquals(19L, FxThread.call(() -> shell.inspector().network().entries().stream()
                    .filter(e -> e.url().endsWith("/page.txt")).findFirst().orElseThrow().size()));
            assertEquals("for page JavaScript|42", FxThread.call(() -> shell.view().webView.getEngine().executeScript(
                    "document.body.dataset.fetched + '|' + document.body.dataset.other")), "the page got its answers");
        }
    }

    @Test
    void theWorkersTabListsWorkersAndStopsOne() throws Exception {
        load(page("workers.html", """
                <div id="up"></div>
                <script type="py" worker name="spin">
                import time
                from pyscript import document
                document.getElementById("up").textContent = "up"
                while True:
                    time.sleep(0.05)
                </script>"""));
        FxThread.run(() -> {
            shell.showInspector(true);
            shell.inspector().select("Workers");
        });
        waitUntil("the worker row", () -> {
            shell.inspector().workers().refresh();
            return shell.inspector().workers().table().getItems().size() == 1
                    && shell.inspector().workers().table().getItems().getFirst().state().equals("running");
        });
        FxThread.run(() -> shell.inspector().workers().table().getSelectionModel().select(0));
        robot.clickOn("Stop worker");
        waitUntil("the worker to stop", () -> {
            shell.inspector().workers().refresh();
            return shell.inspector().workers().table().getItems().getFirst().state().equals("stopped");
        });
        assertEquals(PageWorker.State.STOPPED, FxThread.call(() -> shell.view().loader.session().orElseThrow()
                .workers().all().getFirst().state()));
    }

    @Test
    void aHundredThousandLinesKeepTheWindowResponsive() throws Exception {
        FxThread.run(() -> shell.showInspector(true));
        // A worker prints, so the page's own thread is free: what is measured is the inspector taking the lines.
        load(page("flood.html", "<script type=\"py\" worker>\nfor i in range(100000):\n    print('line', i)\n</script>"));
        long start = System.nanoTime();
        long worst = 0;
        while (FxThread.call(() -> shell.inspector().console().lineCount()) < 100_000) {
            if (System.nanoTime() - start > Duration.ofSeconds(240).toNanos()) {
                throw new AssertionError("only " + FxThread.call(() -> shell.inspector().console().lineCount())
                        + " of 100,000 lines arrived");
            }
            long asked = System.nanoTime();
            FxThread.run(() -> { });
            worst = Math.max(worst, System.nanoTime() - asked);
            Thread.sleep(50);
        }
        System.out.printf("ShellTest: 100,000 console lines from a worker in %d ms; slowest FX round trip meanwhile"
                + " %.1f ms%n", (System.nanoTime() - start) / 1_000_000, worst / 1e6);
        FxThread.run(() -> shell.inspector().console().list().scrollTo(50_000));
        assertEquals("[worker py-w0] line 99999", consoleTexts().getLast());
    }
}
