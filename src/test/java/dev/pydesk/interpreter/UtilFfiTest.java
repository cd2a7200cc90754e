package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.MainAndWorker;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import dev.pydesk.testing.Variants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rest of {@code pyscript.util} and {@code pyscript.ffi}, and the smaller parts of PyScript's API that pages and
 * PyScript's own suite rely on: {@code await workers.name}, {@code pyscript.js_modules.NAME} submodules, JS Symbols,
 * {@code config["type"] is "py"}, the working folder on {@code sys.path}, and {@code tracemalloc}. Every case on py
 * and mpy, main thread and worker.
 */
@PageTest(scriptTimeoutSeconds = 120)
class UtilFfiTest {
    static PageHarness page;
    @TempDir
    Path dir;

    @MainAndWorker
    void utilIsAwaitableAsBytearrayAndNotSupported(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, variant, """
                import js
                from pyscript import util
                async def coroutine(): pass
                def plain(): pass
                class C:
                    async def method(self): pass
                def outer():
                    async def inner(): pass
                    return inner
                log(util.is_awaitable(coroutine), util.is_awaitable(plain), util.is_awaitable(C().method),
                    util.is_awaitable(outer()), util.is_awaitable(print), util.is_awaitable(lambda: None))
                buffer = js.Uint8Array.new([0, 1, 254, 255]).buffer
                log(repr(util.as_bytearray(buffer)), repr(util.as_bytearray(js.ArrayBuffer.new(0))),
                    repr(util.as_bytearray(js.Uint8Array.new([7]))), repr(util.as_bytearray(b"py")))
                try:
                    util.as_bytearray(42)
                except TypeError as error:
                    log("TypeError", error)
                missing = util.NotSupported("feature", "feature works only elsewhere")
                for attempt in (lambda: missing.x, lambda: setattr(missing, "x", 1), lambda: missing(1)):
                    try:
                        attempt()
                    except (AttributeError, TypeError) as error:
                        log(type(error).__name__, error)
                log(repr(missing))
                log("done")
                """);
        assertEquals(List.of("True False True True False False",
                "bytearray(b'\\x00\\x01\\xfe\\xff') bytearray(b'') bytearray(b'\\x07') bytearray(b'py')",
                "TypeError as_bytearray() needs a JavaScript ArrayBuffer or typed array, not int",
                "AttributeError feature works only elsewhere", "AttributeError feature works only elsewhere",
                "TypeError feature works only elsewhere", "<NotSupported feature [feature works only elsewhere]>"),
                log, page.consoleText());
    }

    @MainAndWorker
    void ffiAssignJsnullIsNoneAndProxiesCalledFromPython(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, "ffi.html", variant,
                "<script>window.callNow = (f, x) => f(x); window.isNull = (v) => v === null;</script>", "", """
                import asyncio, js
                from pyscript import ffi, window
                target = js.Object.new()
                target.a = 1
                result = ffi.assign(target, {"a": 2, "b": 3}, {"c": [1, 2]})
                log(result is target, target.a, target.b, window.JSON.stringify(target))
                log(ffi.is_none(None), ffi.is_none(ffi.jsnull), ffi.is_none(0), ffi.is_none(""), ffi.is_none([]),
                    repr(ffi.jsnull), bool(ffi.jsnull), window.isNull(ffi.jsnull))
                proxy = ffi.create_proxy(lambda x=20: x + 22)
                log(proxy(), proxy(0), isinstance(proxy, ffi.JsProxy), window.JSON.stringify(ffi.to_js({"k": [1]})))
                called = asyncio.Event()
                def later():
                    log("called by JavaScript later")
                    called.set()
                keep = ffi.create_proxy(later)
                window.setTimeout(keep, 10)
                await called.wait()
                keep.destroy()
                log("done")
                """);
        assertEquals(List.of("True 2 3 {\"a\":2,\"b\":3,\"c\":[1,2]}", "True True False False False jsnull False True",
                "42 22 True {\"k\":[1]}", "called by JavaScript later"), log, page.consoleText());
    }

    /** PyScript's `await workers.name` next to `workers["name"]`, and the error for a name the page lacks. */
    @BothInterpreters
    void workersByAttribute(String type) throws Exception {
        Files.writeString(dir.resolve("calc.py"), "def add(a, b):\n    return a + b\n__export__ = ['add']\n");
        List<String> log = Variants.run(page, dir, "workers.html", type, "",
                "<script type=\"py\" worker name=\"calc\" src=\"./calc.py\"></script>", """
                from pyscript import workers
                calc = await workers.calc
                log(await calc.add(1, 2), await (await workers["calc"]).add(3, 4))
                try:
                    workers.nobody
                except AttributeError as error:
                    log("AttributeError", error)
                log(hasattr(workers, "nobody"), hasattr(workers, "calc"))
                log("done")
                """);
        assertEquals(List.of("3 7", "AttributeError this page has no worker named 'nobody' "
                + "(<script type=\"py\" worker name=\"...\">)", "False True"), log, page.consoleText());
    }

    @MainAndWorker
    void jsModulesAsSubmodulesSymbolsAndTheInternedType(String variant) throws Exception {
        Files.writeString(dir.resolve("greet.js"), "export default function greet(n) { return 'hi ' + n; }\n"
                + "export const answer = 42;\n");
        Files.writeString(dir.resolve("config.json"), "{\"js_modules\": {\"main\": {\"./greet.js\": \"greet\"}}}");
        String page = Variants.page(variant, "", "", """
                import js, sys
                from pyscript import config
                from pyscript.js_modules.greet import default, answer
                import pyscript.js_modules.greet as whole
                log(default("you"), answer, whole.answer, sys.modules["pyscript.js_modules.greet"] is whole)
                try:
                    from pyscript.js_modules.nothing import x
                except ImportError as error:
                    log("ImportError", error)
                iterator = js.Symbol.iterator
                log(repr(iterator), iterator.typeof, iterator == js.Symbol.iterator, iterator.description)
                log(iterator in js.Array.new(), iterator in js.Object.new(), js.Symbol.asyncIterator in js.Array.new())
                array = js.Array.new(1, 2)
                log(js.Reflect.has(array, iterator), js.JSON.stringify(array))
                log(config["type"] is "TYPE", config["type"] is not "TYPE", config["type"] is "other")
                log("done")
                """.replace("TYPE", Variants.type(variant)));
        this.page.open(dir, "modules.html", page.replace("<script type=\"" + Variants.type(variant) + "\"",
                "<script type=\"" + Variants.type(variant) + "\" config=\"./config.json\""));
        List<String> log = Variants.awaitDone(this.page);
        assertEquals(List.of("hi you 42 42 True",
                "ImportError pyscript.js_modules has no module 'nothing': name it in the config's [js_modules.main]",
                "Symbol(Symbol.iterator) symbol True Symbol.iterator", "True False False", "True [1,2]",
                "True False False"), log, this.page.consoleText());
    }

    /** The working folder is on sys.path: a module `files` copied in, or the page wrote itself, imports. */
    @MainAndWorker
    void theWorkingFolderIsOnSysPath(String variant) throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/helper_src.py"), "def twice(x):\n    return 2 * x\n");
        Files.writeString(dir.resolve("files.json"), "{\"files\": {\"./lib/helper_src.py\": \"copied_helper.py\"}}");
        String html = Variants.page(variant, "", "", """
                import os, sys
                log(sys.path[0] == os.getcwd())
                import copied_helper
                log(copied_helper.twice(21))
                with open("written_helper.py", "w") as module:
                    module.write("VALUE = 'written at run time'\\n")
                import written_helper
                log(written_helper.VALUE)
                log("done")
                """);
        page.open(dir, "path.html", html.replace("<script type=\"" + Variants.type(variant) + "\"",
                "<script type=\"" + Variants.type(variant) + "\" config=\"./files.json\""));
        assertEquals(List.of("True", "42", "written at run time"), Variants.awaitDone(page), page.consoleText());
        assertTrue(Files.notExists(dir.resolve("written_helper.py")), "the page's folder was changed");
    }

    @ParameterizedTest
    @ValueSource(strings = {Variants.PY, Variants.MPY_WORKER})
    void tracemallocSaysItCannotTrace(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, variant, """
                import tracemalloc
                log(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
                try:
                    tracemalloc.start()
                except NotImplementedError as error:
                    log("NotImplementedError", error)
                tracemalloc.stop()
                try:
                    tracemalloc.take_snapshot()
                except RuntimeError as error:
                    log("RuntimeError", error)
                log("done")
                """);
        assertEquals("False (0, 0)", log.get(0), page.consoleText());
        assertTrue(log.get(1).startsWith("NotImplementedError tracemalloc.start(): PyDesk runs Python on GraalPy, "
                + "which cannot trace memory allocations"), log.get(1));
        assertEquals("RuntimeError the tracemalloc module must be tracing memory allocations to take a snapshot",
                log.get(2));
    }
}
