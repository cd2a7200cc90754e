package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * JavaScript objects seen from page Python ({@code pyscript.window}, {@code pyscript.document}, {@code import js},
 * {@code pyscript.ffi}), as PyScript's interpreters present them, on py and mpy.
 */
@PageTest
class JsProxyTest {
    static PageHarness page;
    @TempDir
    Path dir;

    /** Page JavaScript the Python side works with, defined before any script runs. */
    private static final String HEAD = """
            <script>
              window.data = {num: 42, real: 1.5, text: "str", arr: [1, 2, 3], nul: null, und: undefined,
                             nested: {deep: "yes"}};
              window.Point = class Point {
                constructor(x, y) { this.x = x; this.y = y; }
                sum() { return this.x + this.y; }
              };
              window.thrower = () => { throw new TypeError("boom from js"); };
              window.json = (value) => JSON.stringify(value);
              window.isPlainObject = (value) => Object.getPrototypeOf(value) === Object.prototype;
              window.isArray = (value) => Array.isArray(value);
              window.lookup = new Map([["key", "value"]]);
            </script>""";

    /** Python shared by the pages: {@code show(name, value)} records {@code name=repr(value)} for the test. */
    private static final String SHOW = """
                from pyscript import display
                def show(name, value):
                    display(f"{name}={value!r}")
            """;

    /** Runs {@code code} (indented by four spaces) in one script of {@code type}; returns what it showed. */
    private Map<String, String> run(String type, String code) throws Exception {
        page.open(dir, "jsproxy.html", "<!DOCTYPE html><html><head>" + HEAD + "</head><body>\n"
                + "<ul><li id=\"li-a\">a</li><li id=\"li-b\">b</li><li id=\"li-c\">c</li></ul>\n"
                + "<script type=\"" + type + "\">\n" + SHOW + code + "</script>\n</body></html>");
        return page.shown("#" + type + "-0 > div");
    }

    @BothInterpreters
    void attributesReadJavaScriptValuesAsPythonValues(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window
                    data = window.data
                    show("num", data.num)
                    show("num_type", type(data.num).__name__)
                    show("real", data.real)
                    show("text", data.text)
                    show("text_type", type(data.text).__name__)
                    show("deep", data.nested.deep)
                    show("title", window.document.title)
                """);
        assertEquals("42", shown.get("num"), page.consoleText());
        assertEquals("'int'", shown.get("num_type"));
        assertEquals("1.5", shown.get("real"));
        assertEquals("'str'", shown.get("text"));
        assertEquals("'str'", shown.get("text_type"));
        assertEquals("'yes'", shown.get("deep"));
        assertEquals("''", shown.get("title"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void attributesSetFromPythonAreSeenByJavaScript(String type) throws Exception {
        run(type, """
                    from pyscript import window, document
                    window.fromPython = "hi"
                    window.numberFromPython = 7
                    window.data.text = "changed"
                    document.title = "Set from Python"
                    document.getElementById("li-a").className = "picked"
                    window.data.nested = window.data.arr
                """);
        assertEquals("hi", page.js("window.fromPython"), page.consoleText());
        assertEquals(7, ((Number) page.js("window.numberFromPython")).intValue());
        assertEquals(true, page.js("typeof window.numberFromPython === 'number'"));
        assertEquals("changed", page.js("window.data.text"));
        assertEquals("Set from Python", page.js("document.title"));
        assertEquals("picked", page.js("document.getElementById('li-a').className"));
        assertEquals(true, page.js("window.data.nested === window.data.arr"), "a proxy goes back as the same object");
        page.assertNoErrors();
    }

    @BothInterpreters
    void methodCallsKeepTheirThis(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window, document
                    show("max", window.Math.max(3, 9, 4))
                    show("by_id", document.getElementById("li-b").textContent)
                    get = document.getElementById
                    show("detached", get("li-c").textContent)
                    span = document.createElement("span")
                    span.setAttribute("id", "made-in-python")
                    span.textContent = "made"
                    document.body.append(span)
                    show("sum", window.Point.new(2, 3).sum())
                """);
        assertEquals("9", shown.get("max"), page.consoleText());
        assertEquals("'b'", shown.get("by_id"));
        assertEquals("'c'", shown.get("detached"));
        assertEquals("5", shown.get("sum"));
        assertEquals("made", page.text("body > span#made-in-python"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void functionWithoutReceiverIsCalledWithUndefinedThis(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window
                    make = window.Function.new("return function () { 'use strict'; return typeof this; }")
                    free = make()
                    show("this", free())
                """);
        assertEquals("'undefined'", shown.get("this"),
                "a JS function that came back as a value has no receiver; " + page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void newConstructsInstances(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window
                    point = window.Point.new(1, 2)
                    show("x", point.x)
                    show("y", point.y)
                    show("instance", window.Object.getPrototypeOf(point) == window.Point.prototype)
                    show("time", window.Date.new(86400000).getTime())
                    show("map_size", window.Map.new().size)
                """);
        assertEquals("1", shown.get("x"), page.consoleText());
        assertEquals("2", shown.get("y"));
        assertEquals("True", shown.get("instance"));
        assertEquals("86400000", shown.get("time"));
        assertEquals("0", shown.get("map_size"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void indexingReadsAndWritesItems(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window, document
                    arr = window.data.arr
                    show("first", arr[0])
                    show("last", arr[-1])
                    show("key", window.data["num"])
                    show("nested", window.data["nested"]["deep"])
                    show("node", document.querySelectorAll("li")[1].textContent)
                    try:
                        arr[10]
                    except IndexError:
                        show("out_of_range", "IndexError")
                    try:
                        window.data["no-such-key"]
                    except KeyError:
                        show("missing_key", "KeyError")
                    arr[0] = 10
                    window.data["added"] = "new"
                """);
        assertEquals("1", shown.get("first"), page.consoleText());
        assertEquals("3", shown.get("last"));
        assertEquals("42", shown.get("key"));
        assertEquals("'yes'", shown.get("nested"));
        assertEquals("'b'", shown.get("node"));
        assertEquals("'IndexError'", shown.get("out_of_range"));
        assertEquals("'KeyError'", shown.get("missing_key"));
        assertEquals("[10,2,3]", page.js("JSON.stringify(window.data.arr)"));
        assertEquals("new", page.js("window.data.added"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void javaScriptArraysAnswerToListMethods(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window
                    items = window.Array.new()
                    items.append(1)
                    items.extend(["two", 3])
                    show("after", list(items))
                    show("popped", items.pop())
                    show("first", items.pop(0))
                    show("left", list(items))
                    try:
                        items.pop(5)
                    except IndexError as error:
                        show("error", str(error))
                    try:
                        window.document.append_nothing
                    except AttributeError:
                        show("plain", "AttributeError")
                """);
        assertEquals("[1, 'two', 3]", shown.get("after"), page.consoleText());
        assertEquals("3", shown.get("popped"));
        assertEquals("1", shown.get("first"));
        assertEquals("['two']", shown.get("left"));
        assertEquals("'pop index out of range'", shown.get("error"));
        assertEquals("'AttributeError'", shown.get("plain"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void iterationAndLenOverNodeListsArraysAndSets(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window, document
                    items = document.querySelectorAll("li")
                    show("texts", [item.textContent for item in items])
                    show("len_nodes", len(items))
                    show("list", list(window.data.arr))
                    show("len_array", len(window.data.arr))
                    numbers = window.Set.new(window.data.arr)
                    show("set", sorted(numbers))
                    show("len_set", len(numbers))
                    try:
                        len(window.data)
                    except TypeError:
                        show("len_object", "TypeError")
                """);
        assertEquals("['a', 'b', 'c']", shown.get("texts"), page.consoleText());
        assertEquals("3", shown.get("len_nodes"));
        assertEquals("[1, 2, 3]", shown.get("list"));
        assertEquals("3", shown.get("len_array"));
        assertEquals("[1, 2, 3]", shown.get("set"));
        assertEquals("3", shown.get("len_set"));
        assertEquals("'TypeError'", shown.get("len_object"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void inTestsMembershipOfArraysMapsSetsAndNodeLists(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window, document
                    show("in_array", 2 in window.data.arr)
                    show("not_in_array", 9 in window.data.arr)
                    show("in_map", "key" in window.lookup)
                    show("not_in_map", "value" in window.lookup)
                    show("in_set", 3 in window.Set.new(window.data.arr))
                    items = document.querySelectorAll("li")
                    show("in_nodes", document.getElementById("li-b") in items)
                    show("not_in_nodes", document.body in items)
                """);
        assertEquals("True", shown.get("in_array"), page.consoleText());
        assertEquals("False", shown.get("not_in_array"));
        assertEquals("True", shown.get("in_map"), "a Map's membership is its has()");
        assertEquals("False", shown.get("not_in_map"));
        assertEquals("True", shown.get("in_set"));
        assertEquals("True", shown.get("in_nodes"), "a NodeList's membership is that of its items");
        assertEquals("False", shown.get("not_in_nodes"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void javaScriptNullAndUndefinedAreNone(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window, document
                    from pyscript.ffi import is_none
                    show("null", window.data.nul)
                    show("undefined", window.data.und)
                    show("no_element", document.getElementById("no-such-id"))
                    show("void_call", window.console.log("from python"))
                    show("is_none", is_none(window.data.nul))
                    show("is_none_zero", is_none(0))
                """);
        assertEquals("None", shown.get("null"), page.consoleText());
        assertEquals("None", shown.get("undefined"));
        assertEquals("None", shown.get("no_element"));
        assertEquals("None", shown.get("void_call"));
        assertEquals("True", shown.get("is_none"));
        assertEquals("False", shown.get("is_none_zero"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void valuesFromJavaScriptArePlainPythonValues(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    import json
                    from pyscript import window, document
                    data = window.data
                    show("json", json.dumps([data.nul, data.und, data.num, data.real, data.text, data.arr[0],
                                             document.getElementById("no-such-id"), window.Array.isArray(data.arr)]))
                    show("none_key", {None: "found"}[data.nul])
                    show("none_type", type(data["nul"]) is type(None))
                    show("bool_type", type(window.Array.isArray(data.arr)).__name__)
                """);
        assertEquals("'[null, null, 42, 1.5, \"str\", 1, null, true]'", shown.get("json"), page.consoleText());
        assertEquals("'found'", shown.get("none_key"));
        assertEquals("True", shown.get("none_type"));
        assertEquals("'bool'", shown.get("bool_type"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void missingAttributeRaisesAttributeError(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window
                    try:
                        window.data.missing
                    except AttributeError as error:
                        show("error", type(error).__name__)
                    show("hasattr", hasattr(window.data, "missing"))
                    show("hasattr_present", hasattr(window.data, "num"))
                    show("getattr_default", getattr(window.data, "missing", "fallback"))
                """);
        assertEquals("'AttributeError'", shown.get("error"), page.consoleText());
        assertEquals("False", shown.get("hasattr"));
        assertEquals("True", shown.get("hasattr_present"));
        assertEquals("'fallback'", shown.get("getattr_default"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void javaScriptExceptionIsRaisedAsJsException(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window
                    from pyscript.ffi import JsException
                    try:
                        window.thrower()
                    except JsException as error:
                        show("caught", type(error).__name__)
                        show("is_exception", isinstance(error, Exception))
                        show("has_message", "boom from js" in str(error))
                    window.thrower()
                """);
        assertEquals("'JsException'", shown.get("caught"), page.consoleText());
        assertEquals("True", shown.get("is_exception"));
        assertEquals("True", shown.get("has_message"));
        String uncaught = String.join("\n", page.consoleFrom(type + "-0"));
        assertTrue(uncaught.contains("JsException") && uncaught.contains("boom from js"), page.consoleText());
        assertTrue(page.bannerText().contains("boom from js"), page.bannerText());
    }

    @BothInterpreters
    void importJsIsTheWindow(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    import js
                    from js import document as js_document
                    from pyscript import window, document
                    show("num", js.data.num)
                    show("same_window", js == window)
                    show("same_document", js.document == document and js_document == document)
                    js.setFromJsModule = "via js"
                    show("seen_by_window", window.setFromJsModule)
                """);
        assertEquals("42", shown.get("num"), page.consoleText());
        assertEquals("True", shown.get("same_window"));
        assertEquals("True", shown.get("same_document"));
        assertEquals("'via js'", shown.get("seen_by_window"));
        assertEquals("via js", page.js("window.setFromJsModule"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void toJsConvertsNestedDictsAndListsToObjectsAndArrays(String type) throws Exception {
        Map<String, String> shown = run(type, """
                    from pyscript import window
                    from pyscript.ffi import to_js
                    value = to_js({"a": [1, {"b": "c"}], "t": (1, 2), "n": None, "f": 1.5, "ok": True})
                    show("json", window.json(value))
                    show("plain", window.isPlainObject(value))
                    show("inner_plain", window.isPlainObject(value.a[1]))
                    show("array", window.isArray(value.a))
                    show("tuple_array", window.isArray(value.t))
                    window.converted = value
                """);
        assertEquals("'{\"a\":[1,{\"b\":\"c\"}],\"t\":[1,2],\"n\":null,\"f\":1.5,\"ok\":true}'", shown.get("json"),
                page.consoleText());
        assertEquals("True", shown.get("plain"), "a dict becomes an object literal, not a Map");
        assertEquals("True", shown.get("inner_plain"));
        assertEquals("True", shown.get("array"));
        assertEquals("True", shown.get("tuple_array"));
        assertEquals("c", page.js("window.converted.a[1].b"));
        page.assertNoErrors();
    }
}
