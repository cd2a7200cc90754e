package dev.pydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.testing.FxWait;
import dev.pydesk.testing.PageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.event.ActionEvent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 9: every JavaScript handle belongs to one page load. The window's address field is typed into
 * 200 times, between four pages (py, mpy, a worker, Python and JavaScript timers, event handlers, JavaScript calling
 * Python), half of them right after a hop to another page that is left again before it has finished. Every page
 * must complete and answer a click; no error of PyDesk may reach the console, no exception the FX thread (a stale
 * handle used to throw "Invalid function reference" there and stall the next page), and the status must say done.
 */
class NavigationTest {
    private static final int NAVIGATIONS = 200;
    private static final List<String> NAMES = List.of("one", "two", "three", "four");

    @TempDir
    Path dir;

    @Test
    void twoHundredNavigationsThroughTheAddressFieldEachComplete() throws Exception {
        for (String name : NAMES) Files.writeString(dir.resolve(name + ".html"), page(name));
        PageHarness.startToolkit();
        List<Throwable> fxFailures = new CopyOnWriteArrayList<>();
        List<ConsoleEvent> events = new CopyOnWriteArrayList<>();
        Shell[] shell = new Shell[1];
        Stage[] window = new Stage[1];
        Thread.UncaughtExceptionHandler[] before = new Thread.UncaughtExceptionHandler[1];
        FxThread.run(() -> {
            before[0] = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> fxFailures.add(failure));
            Stage stage = window[0] = new Stage();
            shell[0] = new Shell(stage, PageHarness.services(), 30, new RecentFiles(dir.resolve("recent.txt")));
            shell[0].view().console.subscribe(events::add);
            stage.setScene(new Scene(shell[0].root(), 800, 600));
            stage.show();
        });
        Random random = new Random(14);
        List<String> incomplete = new ArrayList<>();
        int hops = 0;
        long started = System.nanoTime();
        try {
            type(shell[0], dir.resolve("one.html").toString()); // the first page by its full path, then by name
            awaitCompletion(shell[0], "one", 0, incomplete);
            for (int i = 1; i < NAVIGATIONS; i++) {
                String name = NAMES.get(i % NAMES.size());
                if (!problems(events).isEmpty()) System.out.println("NavigationTest: " + problems(events));
                if (i % 2 == 1) { // a hop: that page is left again after a moment, before it has run (or half-way)
                    hops++;
                    type(shell[0], NAMES.get((i + 1 + random.nextInt(NAMES.size() - 1)) % NAMES.size()) + ".html");
                    Thread.sleep(random.nextInt(600));
                }
                type(shell[0], name + ".html"); // relative to the current page's folder
                long navigation = System.nanoTime();
                awaitCompletion(shell[0], name, i, incomplete);
                System.out.printf("NavigationTest: navigation %d to %s: %.1f s, %d incomplete so far%n", i, name,
                        (System.nanoTime() - navigation) / 1e9, incomplete.size());
            }
            System.out.printf("NavigationTest: %d navigations (%d of them after a hop), %d incomplete, %.0f s%n",
                    NAVIGATIONS, hops, incomplete.size(), (System.nanoTime() - started) / 1e9);
            List<String> problems = problems(events);
            assertEquals(List.of(), incomplete, String.join("\n", problems));
            assertEquals(List.of(), problems);
            assertEquals(List.of(), fxFailures.stream().map(String::valueOf).toList(), "exceptions on the FX thread");
            assertTrue(FxThread.call(shell[0]::status).startsWith("done"), FxThread.call(shell[0]::status));
        } finally {
            FxThread.run(() -> {
                shell[0].close();
                window[0].close(); // a window left showing takes the robot's clicks in the tests after this one
                Thread.currentThread().setUncaughtExceptionHandler(before[0]);
            });
        }
    }

    /** Errors, and anything PyDesk said above debug level. */
    private static List<String> problems(List<ConsoleEvent> events) {
        return events.stream()
                .filter(event -> event.isError() || event.source().equals("pydesk")
                        && event.level() != ConsoleEvent.Level.DEBUG)
                .map(event -> "[" + event.source() + "] " + event.text()).toList();
    }

    /** Types into the address field and presses Enter. */
    private static void type(Shell shell, String text) {
        FxThread.run(() -> {
            shell.address().setText(text);
            shell.address().fireEvent(new ActionEvent());
        });
    }

    /** The page ran all its scripts (its last line says so) and its own work goes on: a click is answered. */
    private static void awaitCompletion(Shell shell, String name, int navigation, List<String> incomplete)
            throws InterruptedException {
        String expected = name + " done";
        if (!FxWait.polled(Duration.ofSeconds(90),
                () -> expected.equals(js(shell, "document.getElementById('out').textContent")))) {
            incomplete.add("navigation " + navigation + " to " + name + ": the page shows '"
                    + js(shell, "document.getElementById('out').textContent") + "', status '"
                    + FxThread.call(shell::status) + "'");
            System.out.println("NavigationTest: " + incomplete.getLast());
            return;
        }
        js(shell, "document.getElementById('b').click()");
        if (!FxWait.polled(Duration.ofSeconds(30),
                () -> "clicked".equals(js(shell, "document.getElementById('clicked').textContent")))) {
            incomplete.add("navigation " + navigation + " to " + name + ": a click was not answered");
        }
    }

    /**
     * Four pages, each with its own mix of what keeps handles to the document: every one ends by writing
     * "NAME done" into #out and has a button whose handler writes "clicked".
     */
    private static String page(String name) {
        String common = "<h1>" + name + "</h1><div id=\"out\"></div><div id=\"clicked\"></div>"
                + "<script>setInterval(() => { document.title = '" + name + " ' + Date.now(); }, 30)</script>";
        String scripts = switch (name) {
            case "one" -> """
                    <button id="b" py-click="clicked">b</button>
                    <script type="py" worker name="w">
                    __export__ = ["twice"]
                    def twice(x):
                        return 2 * x
                    </script>
                    <script type="py">
                    import asyncio
                    from pyscript import document, workers
                    def clicked(event):
                        document.getElementById("clicked").textContent = "clicked"
                    ticks = 0
                    def tick():
                        global ticks
                        ticks += 1
                        document.body.dataset.ticks = str(ticks)
                        asyncio.get_event_loop().call_later(0.02, tick)
                    tick()
                    w = await workers["w"]
                    if await w.twice(21) == 42:
                        document.getElementById("out").textContent = "one done"
                    </script>""";
            case "two" -> """
                    <button id="b" mpy-click="clicked">b</button>
                    <script type="mpy">
                    import asyncio
                    from pyscript import document
                    def clicked(event):
                        document.getElementById("clicked").textContent = "clicked"
                    for i in range(3):
                        document.body.dataset.step = str(i)
                        await asyncio.sleep(0.05)
                    document.getElementById("out").textContent = "two done"
                    </script>""";
            case "three" -> """
                    <button id="b">b</button>
                    <script type="py">
                    from pyscript import document, when
                    @when("click", "#b")
                    def clicked(event):
                        document.getElementById("clicked").textContent = "clicked"
                    document.getElementById("out").textContent = "three py"
                    </script>
                    <script type="mpy">
                    from pyscript import document
                    if document.getElementById("out").textContent == "three py":
                        document.getElementById("out").textContent = "three done"
                    </script>""";
            default -> """
                    <button id="b">b</button>
                    <script type="py">
                    import js
                    from pyscript import document
                    from pyscript.ffi import create_proxy
                    def clicked(event):
                        document.getElementById("clicked").textContent = "clicked"
                    document.getElementById("b").addEventListener("click", create_proxy(clicked))
                    beats = 0
                    def beat():
                        global beats
                        beats += 1
                        document.body.dataset.beats = str(beats)
                    js.setInterval(create_proxy(beat), 25)
                    document.getElementById("out").textContent = "four done"
                    </script>""";
        };
        return Cli.html(common + scripts);
    }

    private static Object js(Shell shell, String script) {
        return FxThread.call(() -> {
            try {
                return shell.view().webView.getEngine().executeScript(script);
            } catch (RuntimeException loading) {
                return null; // between documents
            }
        });
    }
}
