package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.MainAndWorker;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import dev.pydesk.testing.TestHttpServer;
import dev.pydesk.testing.Variants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code pyodide} module PyDesk provides for pages written against Pyodide: {@code pyodide.ffi} (with Pyodide's
 * defaults), {@code pyodide.ffi.wrappers}, {@code pyodide.code}, {@code pyodide.http} against a real HTTP server and
 * the page's own files, and a clear ImportError for the rest. py and mpy, main thread and worker.
 */
@PageTest(scriptTimeoutSeconds = 120, http = true)
class PyodideModuleTest {
    static PageHarness page;
    static TestHttpServer http;
    @TempDir
    Path dir;

    @MainAndWorker
    void ffiWithPyodidesDefaults(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, "ffi.html", variant,
                "<script>window.callNow = (f, x) => f(x); window.kept = [];"
                        + " window.keep = (f) => window.kept.push(f); window.callKept = () => window.kept[0]();</script>",
                "", """
                import js
                from pyodide.ffi import IN_BROWSER, JsException, JsProxy, create_proxy, destroy_proxies, jsnull, to_js
                as_map = to_js({"a": 1})
                as_object = to_js({"a": 1}, dict_converter=js.Object.fromEntries)
                log(IN_BROWSER, js.Object.prototype.toString.call(as_map), as_map.get("a"), as_object.a,
                    isinstance(as_map, JsProxy), repr(jsnull))
                proxy = create_proxy(lambda x: x * 2)
                log(proxy(21), isinstance(proxy, JsProxy))
                js.keep(proxy)
                destroy_proxies([proxy])
                try:
                    js.callKept()
                except JsException as error:
                    log("JsException", "released" in str(error))
                try:
                    destroy_proxies([1])
                except TypeError as error:
                    log("TypeError", error)
                log("done")
                """);
        assertEquals(List.of("True [object Map] 1 1 True jsnull", "42 True", "JsException True",
                "TypeError destroy_proxies() takes proxies made by create_proxy, not int"), log, page.consoleText());
    }

    @MainAndWorker
    void wrappersManageListenersAndTimers(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, "wrappers.html", variant, "", "<button id=\"b\">b</button>", """
                import asyncio
                from pyscript import document
                from pyodide.ffi.wrappers import (add_event_listener, clear_interval, clear_timeout,
                                                  remove_event_listener, set_interval, set_timeout)
                clicks, ticks, fired = [], [], asyncio.Event()
                def on_click(event):
                    clicks.append(event.type)
                button = document.getElementById("b")
                add_event_listener(button, "click", on_click)
                button.click()
                await asyncio.sleep(0.2)
                remove_event_listener(document.getElementById("b"), "click", on_click)
                button.click()
                try:
                    remove_event_listener(button, "click", on_click)
                except KeyError:
                    log("KeyError for a listener that is gone")
                cancelled = set_timeout(lambda: log("cancelled timeout ran"), 50)
                clear_timeout(cancelled)
                set_timeout(fired.set, 10)
                await fired.wait()
                interval = set_interval(lambda: ticks.append(1), 10)
                while len(ticks) < 3:
                    await asyncio.sleep(0.02)
                clear_interval(interval)
                await asyncio.sleep(0.1)
                seen = len(ticks)
                await asyncio.sleep(0.1)
                log(clicks, "timeout fired", seen == len(ticks))
                log("done")
                """);
        assertEquals(List.of("KeyError for a listener that is gone", "['click'] timeout fired True"), log,
                page.consoleText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Variants.PY, Variants.MPY_WORKER})
    void codeRunsPythonAndJavaScript(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, "code.html", variant, "", "", """
                from pyodide.code import eval_code, eval_code_async, find_imports, run_js, should_quiet
                namespace = {}
                log(eval_code("x = 20\\nx + 1", namespace), namespace["x"], eval_code("x = 2\\nx * 3;", namespace),
                    eval_code("y = 5", namespace, return_mode="last_expr_or_assign"),
                    eval_code("1 + 1", return_mode="none"))
                log(await eval_code_async("import asyncio\\nawait asyncio.sleep(0)\\nz = 7\\nz * 6", namespace),
                    namespace["z"])
                log(find_imports("import numpy as np\\nfrom scipy.linalg import eig\\nfrom . import local\\nimport a.b, c"))
                log(run_js("[1, 2, 3].map((n) => n * 2).join('-')"), should_quiet("1;"), should_quiet("1; # c"),
                    should_quiet("'a;'"))
                try:
                    eval_code("1", return_mode="every")
                except ValueError as error:
                    log("ValueError", error)
                log("done")
                """);
        assertEquals(List.of("21 20 None 5 None", "42 7", "['numpy', 'scipy', 'a', 'c']", "2-4-6 True True False",
                "ValueError return_mode must be one of last_expr, last_expr_or_assign, none, not 'every'"), log,
                page.consoleText());
    }

    @MainAndWorker
    void httpFetchesOverTheNetworkAndFromThePageFolder(String variant) throws Exception {
        Files.writeString(dir.resolve("data.txt"), "local text");
        List<String> log = Variants.run(page, dir, "http.html", variant, "", "", """
                from pyodide.http import BodyUsedError, HttpStatusError, open_url, pyfetch
                response = await pyfetch("JSON_URL")
                log(response.ok, response.status, response.status_text, response.headers["content-type"],
                    response.type, response.redirected, response.body_used)
                copy = response.clone()
                log(await response.json(), response.body_used, await copy.text())
                try:
                    await response.text()
                except BodyUsedError as error:
                    log("BodyUsedError", error)
                failed = await pyfetch("FAIL_URL")
                try:
                    failed.raise_for_status()
                except HttpStatusError as error:
                    log("HttpStatusError", error.status, error)
                local = await pyfetch("data.txt")
                log(local.type, await local.bytes())
                log(open_url("data.txt").read(), open_url("TEXT_URL").read())
                posted = await pyfetch("ECHO_URL", method="POST", headers={"X-Test": "yes"}, body="hi")
                log(await posted.string())
                try:
                    await pyfetch("http://127.0.0.1:9/nothing")
                except OSError as error:
                    log("OSError", type(error).__name__)
                log("done")
                """.replace("JSON_URL", http.url("/json")).replace("FAIL_URL", http.url("/fail"))
                .replace("TEXT_URL", http.url("/text")).replace("ECHO_URL", http.url("/echo")));
        assertEquals(List.of("True 200 OK application/json cors False False",
                "{'answer': 42, 'list': [1, 'two']} True {\"answer\": 42, \"list\": [1, \"two\"]}",
                "BodyUsedError Response body is already used",
                "HttpStatusError 500 500 Server Error: Internal Server Error for url: " + http.url("/fail"),
                "basic b'local text'", "local text héllo", "POST yes hi", "OSError ConnectionRefusedError"), log,
                page.consoleText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Variants.PY, Variants.MPY_WORKER})
    void whatIsNotProvidedRaisesAClearImportError(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, "missing.html", variant, "", "", """
                import pyodide
                attempts = ["from pyodide.ffi import register_js_module", "import pyodide.console",
                            "from pyodide import webloop", "from pyodide.http import requests"]
                for attempt in attempts:
                    try:
                        exec(attempt, {})
                        log("imported", attempt)
                    except ImportError as error:
                        log(str(error).split(":")[0])
                log(hasattr(pyodide, "__version__"), "pyodide.ffi" in str(pyodide.OFFERED))
                log("done")
                """);
        assertEquals(List.of("pyodide.ffi.register_js_module is not available", "pyodide.console is not available",
                "pyodide.webloop is not available", "pyodide.http.requests is not available", "False True"), log,
                page.consoleText());
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }
}
