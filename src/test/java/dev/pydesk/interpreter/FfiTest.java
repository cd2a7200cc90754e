package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.JavaObjectProbe;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pyscript.ffi} between page Python and page JavaScript, on py and mpy: {@code to_js}, {@code create_proxy}
 * and the lifetimes of callables handed to JavaScript (borrowed on py, kept on mpy, {@code "auto"} by config),
 * awaiting Promises, binary data, keyword arguments and {@code is_none}.
 */
@PageTest(scriptTimeoutSeconds = 120)
class FfiTest {
    static PageHarness page;
    @TempDir
    Path dir;

    private static final String HEAD = """
            <script>
              window.json = (value) => JSON.stringify(value);
              window.kept = [];
              window.keep = (f) => { window.kept.push(f); return window.kept.length - 1; };
              window.callNow = (f, ...args) => f(...args);
              window.callKept = (i, ...args) => window.kept[i](...args);
              window.same = (a, b) => a === b;
              window.args = (...args) => JSON.stringify(args);
              window.later = (value, ms) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
              window.failLater = (message) => new Promise((_, reject) => setTimeout(() => reject(new TypeError(message)), 10));
              window.bytes = () => new Uint8Array([1, 2, 255]);
              window.int16 = () => new Int16Array([1, -1]);
              window.buffer = () => new Uint8Array([7, 8, 9]).buffer;
              window.describe = (v) => Object.prototype.toString.call(v) + " " + Array.from(v).join(",");
              window.data = {nul: null, und: undefined, zero: 0, empty: ""};
            </script>""";

    /** {@code show(name, value)} records {@code name=repr(value)}, in order. */
    private static final String SHOW = """
                from pyscript import display, window, document
                def show(name, value):
                    display(f"{name}={value!r}")
            """;

    /** Runs {@code code} in one script of {@code type} (with {@code attributes}); returns what it showed. */
    private Map<String, String> run(String type, String attributes, String code) throws Exception {
        page.open(dir, "ffi.html", "<!DOCTYPE html><html><head>" + HEAD + "</head><body>\n"
                + "<button id=\"b\">b</button>\n"
                + "<script type=\"" + type + "\"" + attributes + ">\n" + SHOW + code + "</script>\n</body></html>");
        return shown(type);
    }

    private Map<String, String> run(String type, String code) throws Exception {
        return run(type, "", code);
    }

    private Map<String, String> shown(String type) {
        return page.shown("#" + type + "-0 > div");
    }

    private static final String AUTO = " config='{\"experimental_create_proxy\": \"auto\"}'";

    @BothInterpreters
    void toJsMakesObjectLiteralsAndArraysAllTheWayDown(String type) throws Exception {
        run(type, """
                    from pyscript.ffi import to_js
                    window.converted = to_js({"list": [1, "two", {"three": [3.5, None, True]}], "tuple": (1, (2,)),
                                              "nested": {"deeper": {"deepest": []}}, 7: "int key"})
                """);
        assertEquals("{\"7\":\"int key\",\"list\":[1,\"two\",{\"three\":[3.5,null,true]}],\"tuple\":[1,[2]],"
                + "\"nested\":{\"deeper\":{\"deepest\":[]}}}", page.js("JSON.stringify(window.converted)"), page.consoleText());
        assertEquals("true,true,true,true,true", page.js("""
                (() => { const c = window.converted, plain = (o) => Object.getPrototypeOf(o) === Object.prototype;
                  return [plain(c), Array.isArray(c.list), plain(c.list[2]), Array.isArray(c.tuple[1]),
                          plain(c.nested.deeper)].join(); })()"""));
        page.assertNoErrors();
    }

    @BothInterpreters
    void dictConverterMakesWhatItIsGivenOfEveryDict(String type) throws Exception {
        run(type, """
                    from pyscript.ffi import to_js
                    window.entries = to_js({"a": 1, "b": [1, 2]}, dict_converter=window.Object.fromEntries)
                    window.map = to_js({"a": 1, "inner": {"x": [{"y": 2}]}}, dict_converter=window.Map.new)
                """);
        assertEquals("{\"a\":1,\"b\":[1,2]}", page.js("JSON.stringify(window.entries)"), page.consoleText());
        assertEquals(true, page.js("Object.getPrototypeOf(window.entries) === Object.prototype"));
        assertEquals(true, page.js("window.map instanceof Map"), page.consoleText());
        assertEquals(1, ((Number) page.js("window.map.get('a')")).intValue());
        assertEquals(true, page.js("window.map.get('inner') instanceof Map"),
                "dict_converter converts nested dicts too (as in Pyodide)");
        assertEquals(true, page.js("Array.isArray(window.map.get('inner').get('x'))"));
        assertEquals(true, page.js("window.map.get('inner').get('x')[0] instanceof Map"));
        assertEquals(2, ((Number) page.js("window.map.get('inner').get('x')[0].get('y')")).intValue());
        page.assertNoErrors();
    }

    @BothInterpreters
    void createProxyLivesUntilDestroyed(String type) throws Exception {
        run(type, """
                    from pyscript.ffi import create_proxy
                    calls = []
                    def add(a, b):
                        calls.append((a, b))
                        return a + b
                    proxy = create_proxy(add)
                    window.pyAdd = proxy
                    window.pyDestroy = create_proxy(lambda: proxy.destroy())
                    window.pyCalls = create_proxy(lambda: len(calls))
                """);
        assertEquals("function", page.js("typeof window.pyAdd"), page.consoleText());
        assertEquals("[3,7,\"ab\",3]", page.js("JSON.stringify([pyAdd(1, 2), pyAdd(3, 4), pyAdd('a', 'b'),"
                + " [1].map(() => pyAdd(1, 2))[0]])"));
        page.js("window.pyDestroy()");
        String error = String.valueOf(page.js("(() => { try { pyAdd(1, 2); return 'no error'; }"
                + " catch (e) { return (e instanceof Error) + ' ' + e.message; } })()"));
        assertTrue(error.startsWith("true ") && error.contains("released"), error);
        assertEquals(4, ((Number) page.js("window.pyCalls()")).intValue(), "the destroyed proxy ran no more");
        page.assertNoErrors();
    }

    @BothInterpreters
    void aCallablePassedToJavaScriptIsBorrowedOnPyAndKeptOnMpy(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    show("map", list(window.Array.of(1, 2, 3).map(lambda x, *_: x * 2)))
                    seen = []
                    window.Array.of("a", "b").forEach(lambda item, *_: seen.append(item))
                    show("forEach", seen)
                    show("callNow", window.callNow(lambda a, b: a + b, 2, 3))
                    window.keep(lambda *args: "called later")
                """);
        assertEquals("[2, 4, 6]", shown.get("map"), page.consoleText());
        assertEquals("['a', 'b']", shown.get("forEach"));
        assertEquals("5", shown.get("callNow"));
        String later = String.valueOf(page.js("(() => { try { return 'returned ' + window.callKept(0); }"
                + " catch (e) { return (e instanceof Error ? 'Error ' : 'other ') + e.message; } })()"));
        if (type.equals("py")) {
            assertTrue(later.startsWith("Error ") && later.contains("released") && later.contains("create_proxy"),
                    "py (Pyodide): a borrowed proxy is released when the call returns: " + later);
        } else {
            assertEquals("returned called later", later, "mpy (MicroPython): the proxy is kept");
        }
        page.assertNoErrors();
    }

    @BothInterpreters
    void autoProxiesKeepListenersAliveAndRemovable(String type) throws Exception {
        Map<String, String> shown = run(type, AUTO, """
                    from pyscript.ffi import create_proxy
                    button = document.getElementById("b")
                    clicks = []
                    def on_click(event):
                        clicks.append(event.type)
                        button.textContent = f"clicked {len(clicks)}"
                    button.addEventListener("click", on_click)
                    show("same", window.same(on_click, on_click))
                    show("fresh_lambdas", window.same(lambda: 1, lambda: 1))
                    window.setTimeout(lambda: window.document.body.setAttribute("data-timeout", "ran"), 10)
                    window.keep(lambda *args: "called later")
                    window.pyRemove = create_proxy(lambda: button.removeEventListener("click", on_click))
                """);
        assertEquals("True", shown.get("same"), page.consoleText());
        assertEquals("False", shown.get("fresh_lambdas"));
        page.js("document.getElementById('b').click()");
        page.js("document.getElementById('b').click()");
        assertEquals("clicked 2", page.text("#b"), page.consoleText());
        assertEquals("called later", page.js("window.callKept(0)"));
        page.waitUntil("the setTimeout callback", Duration.ofSeconds(10),
                () -> "ran".equals(page.js("document.body.getAttribute('data-timeout')")));
        page.js("window.pyRemove()");
        page.js("document.getElementById('b').click()");
        assertEquals("clicked 2", page.text("#b"), "removeEventListener(same function) removed the listener");
        page.assertNoErrors();
    }

    @ParameterizedTest
    @ValueSource(strings = {"py"})
    void withoutAutoABorrowedListenerFailsWhenTheEventComes(String type) throws Exception {
        // The contrast to the test above: on py, a listener passed without create_proxy dies with the call.
        run(type, """
                    document.getElementById("b").addEventListener("click", lambda event: None)
                """);
        page.js("document.getElementById('b').click()");
        page.waitUntil("the released proxy's error", Duration.ofSeconds(10), () -> page.consoleText().contains("released"));
    }

    @BothInterpreters
    void awaitingPromisesGivesValuesAndRaisesRejections(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    import asyncio
                    import pyscript.ffi
                    show("resolved", await window.Promise.resolve(42))
                    show("later", await window.later("after a timer", 30))
                    show("object", (await window.Promise.resolve(window.data)).zero)
                    try:
                        await window.Promise.reject(window.Error.new("rejected on purpose"))
                    except pyscript.ffi.JsException as error:
                        show("rejected", f"{type(error).__name__} {'rejected on purpose' in str(error)}")
                    try:
                        await window.failLater("failed later")
                    except pyscript.ffi.JsException as error:
                        show("failed_later", "failed later" in str(error))
                    async def both():
                        return await asyncio.gather(window.later("a", 20), window.later("b", 5))
                    show("gather", await both())
                    try:
                        await window.data
                    except TypeError as error:
                        show("not_a_promise", "TypeError")
                """);
        assertEquals("42", shown.get("resolved"), page.consoleText());
        assertEquals("'after a timer'", shown.get("later"));
        assertEquals("0", shown.get("object"));
        assertEquals("'JsException True'", shown.get("rejected"));
        assertEquals("True", shown.get("failed_later"));
        assertEquals("['a', 'b']", shown.get("gather"));
        assertEquals("'TypeError'", shown.get("not_a_promise"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void bytesBecomeUint8ArraysAndBinaryComesBackAsBytes(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript.ffi import to_js
                    window.fromBytes = to_js(b"\\x00\\x01\\xff")
                    window.fromBytearray = to_js(bytearray(b"abc"))
                    window.fromMemoryview = to_js(memoryview(b"xyz"))
                    show("as_argument", window.describe(b"\\x05\\x06"))
                    show("bytes", bytes(window.bytes()))
                    show("to_bytes", window.bytes().to_bytes())
                    view = window.bytes().to_py()
                    show("to_py_type", type(view).__name__)
                    show("to_py", bytes(view))
                    show("int16", bytes(window.int16()))
                    buffer = window.buffer().to_py()
                    show("buffer_type", type(buffer).__name__)
                    show("buffer", bytes(buffer))
                    big = bytes(range(256)) * 400
                    show("round_trip", bytes(to_js(big)) == big)
                """);
        assertEquals("Uint8Array 0,1,255", page.js("window.describe(window.fromBytes).replace('[object ', '').replace(']', '')"),
                page.consoleText());
        assertEquals("Uint8Array 97,98,99", page.js("window.describe(window.fromBytearray).replace('[object ', '').replace(']', '')"));
        assertEquals("Uint8Array 120,121,122", page.js("window.describe(window.fromMemoryview).replace('[object ', '').replace(']', '')"));
        assertEquals("'[object Uint8Array] 5,6'", shown.get("as_argument"));
        assertEquals("b'\\x01\\x02\\xff'", shown.get("bytes"));
        assertEquals("b'\\x01\\x02\\xff'", shown.get("to_bytes"));
        assertEquals("'memoryview'", shown.get("to_py_type"));
        assertEquals("b'\\x01\\x02\\xff'", shown.get("to_py"));
        assertEquals("b'\\x01\\x00\\xff\\xff'", shown.get("int16"));
        assertEquals("'memoryview'", shown.get("buffer_type"));
        assertEquals("b'\\x07\\x08\\t'", shown.get("buffer"));
        assertEquals("True", shown.get("round_trip"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void keywordArgumentsArriveAsATrailingObject(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    show("kwargs", window.args(1, "two", flag=True, nested={"k": [1]}))
                    show("only_kwargs", window.args(a=1))
                    show("no_args", window.args())
                """);
        assertEquals("'[1,\"two\",{\"flag\":true,\"nested\":{\"k\":[1]}}]'", shown.get("kwargs"), page.consoleText());
        assertEquals("'[{\"a\":1}]'", shown.get("only_kwargs"));
        assertEquals("'[]'", shown.get("no_args"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void isNoneIsTrueForNoneNullAndUndefinedOnly(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript.ffi import is_none
                    show("values", [is_none(v) for v in (None, window.data.nul, window.data.und, window.data.zero,
                                                         window.data.empty, False, 0, window.data, [])])
                    show("call_result", is_none(window.console.log("x")))
                """);
        assertEquals("[True, True, True, False, False, False, False, False, False]", shown.get("values"),
                page.consoleText());
        assertEquals("True", shown.get("call_result"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void theFunctionsTheFfiMakesExposeNoJava(String type) throws Exception {
        Map<String, String> shown = run(type, AUTO, """
                    from pyscript.ffi import create_proxy, to_js
                    def echo(*args):
                        return args[0] if args else None
                    proxy = create_proxy(echo)
                    window.pyEcho = proxy
                    window.keep(lambda *args: len(args))
                    window.converted = to_js({"f": lambda *args: "inner", "list": [echo]})
                    def attempt(name, action):
                        try:
                            result = action()
                            show(name, f"no error: {result!r}")
                        except Exception as error:
                            show(name, type(error).__name__)
                    attempt("proxy.getClass", lambda: proxy.getClass())
                    attempt("ref.getClass", lambda: object.__getattribute__(proxy, "_js_ref").getClass())
                    attempt("ref.js", lambda: object.__getattribute__(proxy, "_js_ref").js)
                    attempt("callback_id.getClass", lambda: proxy._callback_id.getClass())
                """);
        assertEquals("'AttributeError'", shown.get("proxy.getClass"), page.consoleText());
        assertEquals("'AttributeError'", shown.get("ref.getClass"));
        assertEquals("'AttributeError'", shown.get("ref.js"));
        assertEquals("'AttributeError'", shown.get("callback_id.getClass"));
        JavaObjectProbe.assertDetectorFindsPlantedJava();
        for (String function : List.of("window.pyEcho", "window.kept[0]", "window.converted.f",
                "window.converted.list[0]")) {
            assertEquals("function", page.js("typeof " + function), function);
            JavaObjectProbe.assertNoJava(page, function);
        }
        JavaObjectProbe.assertNoJava(page, "window.converted");
        page.assertNoErrors();
    }
}
