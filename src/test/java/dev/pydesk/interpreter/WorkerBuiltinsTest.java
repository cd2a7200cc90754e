package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.EchoWebSocketServer;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import dev.pydesk.testing.TestHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builtins of the {@code pyscript} module inside a worker, on py and mpy, as PyScript's own suite runs every
 * module both ways: display with a target, document and window, current_target, config, when, ffi, fetch,
 * WebSocket, js_modules, top-level await. Each worker logs into {@code #log}; the test reads the lines.
 */
@PageTest(scriptTimeoutSeconds = 120, http = true, webSocket = true)
class WorkerBuiltinsTest {
    static PageHarness page;
    static TestHttpServer http;
    static EchoWebSocketServer echo;
    @TempDir
    Path dir;

    private static final String LOG = """
                from pyscript import document
                def log(text):
                    item = document.createElement("li")
                    item.textContent = str(text)
                    document.getElementById("log").append(item)
            """;

    /** Runs {@code code} in a worker of {@code type} and waits for {@code lines} lines in the log. */
    private List<String> worker(String type, String attributes, String code, int lines) throws Exception {
        page.open(dir, "builtins.html", "<!DOCTYPE html><html><head></head><body>\n"
                + "<button id=\"b\">b</button><div id=\"target\"><p>old</p></div><ul id=\"log\"></ul>\n"
                + "<script type=\"" + type + "\" worker name=\"w\" " + attributes + ">\n" + LOG + code + "</script>\n"
                + "</body></html>");
        page.waitUntil(lines + " log lines", Duration.ofSeconds(60), () -> page.texts("#log li").size() >= lines);
        return page.texts("#log li");
    }

    @BothInterpreters
    void displayWithATargetAndAppend(String type) throws Exception {
        worker(type, "", """
                    from pyscript import HTML, display
                    display("one", HTML("<b>two</b>"), target="target")
                    display({"k": 1}, target="#target")
                    log(document.getElementById("target").innerHTML)
                    display("only", target="target", append=False)
                    log(document.getElementById("target").innerHTML)
                    try:
                        display("x", target="nowhere")
                    except ValueError as error:
                        log(error)
                """, 3);
        assertEquals(List.of("<p>old</p><div>one</div><div><b>two</b></div><div>{'k': 1}</div>", "only",
                "Cannot find element with id='nowhere' in the page."), page.texts("#log li"), page.consoleText());
    }

    @BothInterpreters
    void documentWindowCurrentTargetAndConfig(String type) throws Exception {
        List<String> log = worker(type, "config='{\"answer\": 42, \"nested\": {\"list\": [1, 2]}}'", """
                    from pyscript import RUNNING_IN_WORKER, config, current_target, window
                    import js
                    log(RUNNING_IN_WORKER)
                    log(current_target())
                    log(f"{config['answer']} {config['nested']['list']} {config['type']}")
                    log(window.document.title + "|" + str(window.innerWidth > 0) + "|" + js.document.getElementById("b").textContent)
                    window.shared = "set from the worker"
                    log(window.shared)
                    log(len(document.querySelectorAll("button")))
                """, 6);
        assertEquals(List.of("True", type + "-w0-target", "42 [1, 2] " + type, "|True|b", "set from the worker", "1"), log,
                page.consoleText());
    }

    @BothInterpreters
    void whenHandlersRunInTheWorker(String type) throws Exception {
        worker(type, "", """
                    from pyscript import RUNNING_IN_WORKER, when
                    @when("click", "#b")
                    def clicked(event):
                        log(f"clicked {event.target.id} {event.type} in worker {RUNNING_IN_WORKER}")
                    log("ready")
                """, 1);
        page.js("document.getElementById('b').click()");
        page.js("document.getElementById('b').click()");
        page.waitUntil("two clicks", Duration.ofSeconds(20), () -> page.texts("#log li").size() >= 3);
        assertEquals(List.of("ready", "clicked b click in worker True", "clicked b click in worker True"),
                page.texts("#log li"), page.consoleText());
    }

    @BothInterpreters
    void ffiToJsAndCreateProxy(String type) throws Exception {
        worker(type, "", """
                    from pyscript import window
                    from pyscript.ffi import create_proxy, to_js
                    log(window.JSON.stringify(to_js({"a": [1, 2], "b": {"c": True}})))
                    proxy = create_proxy(lambda event: log("proxy got " + event.type))
                    document.getElementById("b").addEventListener("custom", proxy)
                    log("ready")
                """, 2);
        page.js("document.getElementById('b').dispatchEvent(new Event('custom'))");
        page.waitUntil("the proxy call", Duration.ofSeconds(20), () -> page.texts("#log li").size() >= 3);
        assertEquals(List.of("{\"a\":[1,2],\"b\":{\"c\":true}}", "ready", "proxy got custom"), page.texts("#log li"),
                page.consoleText());
    }

    @BothInterpreters
    void fetchAndTopLevelAwait(String type) throws Exception {
        Files.writeString(dir.resolve("data.json"), "{\"planet\": \"Mars\"}");
        worker(type, "", """
                    import asyncio
                    from pyscript import fetch
                    await asyncio.sleep(0.01)
                    log((await fetch("./data.json").json())["planet"])
                    response = await fetch("%s")
                    log(f"{response.status} {await response.text()}")
                    missing = await fetch("./missing.json")
                    log(missing.ok)
                """.formatted(http.url("/text")), 3);
        assertEquals("Mars", page.texts("#log li").get(0), page.consoleText());
        assertEquals("false", page.texts("#log li").get(2).toLowerCase());
        assertEquals(true, page.texts("#log li").get(1).startsWith("200 "), page.texts("#log li").get(1));
    }

    @BothInterpreters
    void webSocketInAWorker(String type) throws Exception {
        worker(type, "", """
                    from pyscript import WebSocket
                    def onopen(event):
                        ws.send("ping from the worker")
                    def onmessage(event):
                        log("echo " + event.data)
                        ws.close()
                    def onclose(event):
                        log("closed")
                    ws = WebSocket(url="%s", onopen=onopen, onmessage=onmessage, onclose=onclose)
                """.formatted(echo.url()), 2);
        assertEquals(List.of("echo ping from the worker", "closed"), page.texts("#log li"), page.consoleText());
    }

    @BothInterpreters
    void jsModulesOfTheWorkerSection(String type) throws Exception {
        Files.writeString(dir.resolve("lib.js"), "export function twice(x) { return 2 * x; }\n");
        Files.writeString(dir.resolve("main.js"), "export const where = 'main';\n");
        Files.writeString(dir.resolve("config.json"),
                "{\"js_modules\": {\"worker\": {\"./lib.js\": \"lib\"}, \"main\": {\"./main.js\": \"mainlib\"}}}");
        worker(type, "config=\"./config.json\"", """
                    from pyscript.js_modules import lib, mainlib
                    log(lib.twice(21))
                    log(mainlib.where)
                """, 2);
        assertEquals(List.of("42", "main"), page.texts("#log li"), page.consoleText());
    }
}
