package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.FxThread;
import dev.pydesk.interpreter.session.PageSession;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers, on py and mpy: worker script tags (inline, {@code src}, {@code name}, {@code config}), {@code PyWorker},
 * exported functions awaited from the main thread, {@code sync} calls from a worker, errors named after their
 * worker, and worker threads that end with their page.
 */
@PageTest(scriptTimeoutSeconds = 120)
class WorkersTest {
    static PageHarness page;
    @TempDir
    Path dir;

    private static String other(String type) {
        return type.equals("py") ? "micropython" : "pyodide";
    }

    private static String interpreterName(String type) {
        return type.equals("py") ? "pyodide" : "micropython";
    }

    private PageSession open(String body) throws Exception {
        return page.open(dir, "workers.html", "<!DOCTYPE html><html><head></head><body>\n" + body + "\n</body></html>");
    }

    private void waitForText(String selector, String expected) {
        page.waitUntil(selector + " = " + expected, Duration.ofSeconds(60), () -> expected.equals(page.text(selector)));
    }

    @BothInterpreters
    void aWorkerRunsOnItsOwnThreadAndReachesThePageSynchronously(String type) throws Exception {
        open("""
                <div id="out"></div><div id="flags"></div><div id="done"></div>
                <script type="%s" worker>
                    import time
                    from pyscript import RUNNING_IN_WORKER, config, current_target, display, document, window
                    display("shown from a worker", target="out")
                    document.getElementById("flags").textContent = f"{RUNNING_IN_WORKER} {config['type']} {current_target()} {window.location.pathname}"
                    time.sleep(3)
                    document.getElementById("done").textContent = "slept"
                </script>
                <script type="%s">
                    from pyscript import RUNNING_IN_WORKER, display
                    display(f"main {RUNNING_IN_WORKER}")
                </script>""".formatted(type, type));
        waitForText("#out", "shown from a worker");
        waitForText("#flags", "True " + type + " " + type + "-w0-target /workers.html");
        // The worker sleeps; the page (FX thread) answers meanwhile and its main script has run.
        long start = System.nanoTime();
        assertEquals(2, ((Number) page.js("1 + 1")).intValue());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "the page waited for the worker's sleep");
        assertEquals("", page.text("#done"));
        assertEquals("main False", page.text("#" + type + "-0"), page.consoleText()); // workers count apart
        waitForText("#done", "slept");
        assertEquals("", page.bannerText(), page.consoleText());
    }

    /**
     * PyScript 0.7.31: a worker's script element gets the id {@code py-w0} (one counter for py and mpy workers), and
     * {@code display()} without a target writes into {@code <script-py id="py-w0-target">} (or {@code script-mpy}),
     * made right after it on first use; a worker script with an id of its own gets {@code ID-target}.
     */
    @BothInterpreters
    void displayInAWorkerWithoutATargetWritesAfterItsScript(String type) throws Exception {
        open("""
                <script type="%1$s" worker name="shy">
                    from pyscript import display, current_target
                    display("where?")
                    display(current_target())
                </script>
                <script type="%1$s" worker id="own">
                    from pyscript import display
                    display("own one")
                </script>""".formatted(type));
        String target = "script[name=shy]#" + type + "-w0 + script-" + type + "#" + type + "-w0-target";
        page.waitUntil("the worker's output", Duration.ofSeconds(60), () -> page.count(target + " > div") == 2);
        assertEquals(List.of("where?", type + "-w0-target"), page.texts(target + " > div"), page.consoleText());
        page.waitUntil("the second worker's output", Duration.ofSeconds(60),
                () -> "own one".equals(page.text("script#own + script-" + type + "#own-target > div")));
        assertEquals("", page.bannerText(), page.consoleText());
    }

    @BothInterpreters
    void theMainThreadAwaitsWhatANamedWorkerExports(String type) throws Exception {
        open("""
                <ul id="log"></ul>
                <script type="%s" worker name="calc" config='{"factor": 3}'>
                    import asyncio
                    from pyscript import config
                    def add(a, b):
                        return a + b
                    async def scaled(values):
                        await asyncio.sleep(0.01)
                        return {"values": [v * config["factor"] for v in values], "ok": True}
                    def fails():
                        raise ValueError("no luck")
                    def opaque():
                        return object()
                    def hidden():
                        return 1
                    __export__ = ["add", "scaled", "fails", "opaque"]
                </script>
                <script type="%s">
                    from pyscript import document, workers
                    def log(text):
                        item = document.createElement("li")
                        item.textContent = str(text)
                        document.getElementById("log").append(item)
                    calc = await workers["calc"]
                    log(await calc.add(2, 3))
                    log(await calc.add("a", "b"))
                    log(await calc.scaled([1, 2]))
                    for name in ("fails", "opaque", "hidden"):
                        try:
                            await getattr(calc, name)()
                        except Exception as error:
                            log(f"{type(error).__name__}: {str(error).strip().splitlines()[-1]}")
                    try:
                        workers["nobody"]
                    except KeyError as error:
                        log("KeyError " + str(error))
                    log("calc" in workers)
                </script>""".formatted(type, type));
        page.waitUntil("the log", Duration.ofSeconds(60), () -> page.texts("#log li").size() >= 8);
        assertEquals(java.util.List.of("5", "ab", "{'values': [3, 6], 'ok': True}",
                "WorkerError: ValueError: no luck",
                "TypeError: only plain values (None, bool, int, float, complex, str, bytes, bytearray, tuple, list, set,"
                        + " frozenset and dict) can cross between a worker and the main thread, not object",
                "AttributeError: the worker exports no function 'hidden': list it in __export__ (exported: add,scaled,"
                        + "fails,opaque)",
                "KeyError 'this page has no worker named \\'nobody\\' (<script type=\"py\" worker name=\"...\">)'",
                "True"), page.texts("#log li").stream().map(s -> s.replaceAll(" object at 0x[0-9a-f]+", "")
                .replace("object <object>", "object").replaceAll("not object .*", "not object")).toList(),
                page.consoleText());
        assertEquals("", page.bannerText(), page.consoleText());
    }

    @BothInterpreters
    void pyWorkerCallsTheMainThreadSynchronouslyWithSync(String type) throws Exception {
        Files.writeString(dir.resolve("helper.py"), """
                from pyscript import RUNNING_IN_WORKER, config, document, sync
                answer = sync.greet("Ada", {"n": 2})
                document.getElementById("answer").textContent = f"{answer} {config['type']} {config['greeting']}"
                try:
                    sync.nobody()
                except AttributeError as error:
                    document.getElementById("missing").textContent = str(error)
                try:
                    sync.greet(lambda: 1, {})
                except TypeError as error:
                    document.getElementById("opaque").textContent = "TypeError"
                def double(x):
                    return x * 2
                sync.double = double
                """);
        open("""
                <div id="answer"></div><div id="missing"></div><div id="opaque"></div><div id="doubled"></div>
                <div id="bad"></div>
                <script type="%s">
                    from pyscript import PyWorker, document
                    calls = []
                    def greet(name, options):
                        calls.append(name)
                        return f"hello {name} x{options['n']}"
                    worker = PyWorker("./helper.py", type="%s", config={"greeting": "hi"})
                    worker.sync.greet = greet
                    await worker
                    document.getElementById("doubled").textContent = str(await worker.sync.double(21))
                    try:
                        PyWorker("./helper.py", type="cpython")
                    except ValueError as error:
                        document.getElementById("bad").textContent = str(error)
                </script>""".formatted(type, other(type)));
        String workerType = other(type).equals("pyodide") ? "py" : "mpy";
        waitForText("#answer", "hello Ada x2 " + workerType + " hi");
        waitForText("#doubled", "42");
        assertTrue(page.text("#missing").contains("no sync function nobody()"), page.text("#missing"));
        assertEquals("TypeError", page.text("#opaque"));
        assertEquals("PyWorker needs type=\"pyodide\" or type=\"micropython\", not 'cpython'", page.text("#bad"));
        assertEquals("", page.bannerText(), page.consoleText());
        assertTrue(interpreterName(type).length() > 0);
    }

    @BothInterpreters
    void aFailingWorkerIsReportedByNameAndEverythingElseGoesOn(String type) throws Exception {
        PageSession session = open("""
                <div id="good"></div><div id="main"></div>
                <script type="%s" worker name="bad">
                    raise RuntimeError("the bad worker failed")
                </script>
                <script type="%s" worker name="good">
                    import time
                    from pyscript import document
                    time.sleep(0.5)
                    document.getElementById("good").textContent = "good worker ran"
                </script>
                <script type="%s" worker src="./missing.py"></script>
                <script type="%s">
                    from pyscript import document, workers
                    try:
                        await workers["bad"]
                    except Exception as error:
                        document.getElementById("main").textContent = type(error).__name__
                </script>""".formatted(type, type, type, type));
        waitForText("#good", "good worker ran");
        waitForText("#main", "WorkerError");
        String banner = page.bannerText();
        assertTrue(banner.contains("Error in worker bad") && banner.contains("RuntimeError: the bad worker failed"), banner);
        assertTrue(banner.contains("Error in worker ./missing.py") && banner.contains("missing.py"), banner);
        assertTrue(page.consoleFrom("worker bad").stream().anyMatch(line -> line.contains("the bad worker failed")),
                page.consoleText());
        page.waitUntil("the page to be idle", Duration.ofSeconds(30), () -> FxThread.call(session::pendingWork) == 0);
    }

    @BothInterpreters
    void aWorkerScriptFiresReadyAndDoneWithWorkerTrue(String type) throws Exception {
        open("""
                <div id="events"></div>
                <script>
                    window.seen = [];
                    for (const name of ["%1$s:ready", "%1$s:done"]) {
                        document.addEventListener(name, event => {
                            window.seen.push(name + " " + JSON.stringify(event.detail) + " " + event.target.getAttribute("name"));
                            document.getElementById("events").textContent = window.seen.join("|");
                        });
                    }
                </script>
                <script type="%1$s" worker name="w">
                    from pyscript import window
                    window.seen.push("ran")
                </script>""".formatted(type));
        page.waitUntil("both events", Duration.ofSeconds(60), () -> page.jsonList("window.seen").size() >= 3);
        assertEquals(java.util.List.of(type + ":ready {\"worker\":true} w", "ran", type + ":done {\"worker\":true} w"),
                page.jsonList("window.seen"));
    }

    @Test
    void inputInAWorkerAsksThroughThePagesPrompt() throws Exception {
        FxThread.run(() -> page.webView().getEngine().setPromptHandler(prompt -> "Ada (" + prompt.getMessage() + ")"));
        try {
            open("""
                    <div id="name"></div>
                    <script type="py" worker>
                        from pyscript import document
                        document.getElementById("name").textContent = input("Name?")
                    </script>""");
            waitForText("#name", "Ada (Name?)");
        } finally {
            FxThread.run(() -> page.webView().getEngine().setPromptHandler(null));
        }
    }

    @Test
    void aRunawayWorkerDoesNotFreezeThePageAndEndsWithIt() throws Exception {
        PageSession session = open("""
                <div id="spinning"></div>
                <script type="py" worker name="spin">
                    from pyscript import document
                    document.getElementById("spinning").textContent = "yes"
                    n = 0
                    while True:
                        n += 1
                </script>""");
        waitForText("#spinning", "yes");
        assertEquals(2, ((Number) page.js("1 + 1")).intValue());
        page.open(dir, "blank.html", "<!DOCTYPE html><html><body>blank</body></html>");
        page.waitUntil("the spinning worker's thread to end", Duration.ofSeconds(30), session.workers()::allThreadsEnded);
    }

    @Test
    void noWorkerThreadSurvivesFiftyReloads() throws Exception {
        PageSession first = open("""
                <div id="up"></div>
                <script type="py" worker>
                    import time
                    from pyscript import document
                    document.getElementById("up").textContent = "up"
                    while True:
                        time.sleep(0.05)
                </script>
                <script type="mpy" worker name="idle">
                    x = 1
                </script>""");
        waitForText("#up", "up");
        java.util.List<PageSession> sessions = new java.util.ArrayList<>(java.util.List.of(first));
        for (int i = 0; i < 50; i++) {
            java.util.concurrent.CompletableFuture<PageSession> next = new java.util.concurrent.CompletableFuture<>();
            FxThread.run(() -> {
                page.loader().onSession(next::complete);
                page.loader().reload();
            });
            sessions.add(next.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        page.open(dir, "blank.html", "<!DOCTYPE html><html><body>blank</body></html>");
        page.waitUntil("every worker thread to end", Duration.ofSeconds(180),
                () -> sessions.stream().allMatch(s -> s.workers().allThreadsEnded()));
        page.waitUntil("no pydesk-worker thread alive", Duration.ofSeconds(60), () -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(thread -> thread.getName().startsWith("pydesk-worker")));
    }
}
