package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pyscript.display} (PyScript's display.py): the MIME table row by row, {@code _repr_mimebundle_}, the order
 * of preference, {@code append}, {@code target} and the script's {@code target} attribute, on py and mpy.
 */
@PageTest
class DisplayTest {
    static PageHarness page;
    @TempDir
    Path dir;

    /** Opens a page whose body is {@code body}, with every {@code $TYPE} replaced by the interpreter type. */
    private void open(String type, String body) throws Exception {
        page.open(dir, "display.html", "<!DOCTYPE html><html><head></head><body>\n"
                + body.replace("$TYPE", type) + "\n</body></html>");
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String attribute(String selector, String name) {
        Object value = page.js("(function(){const e=document.querySelector(" + PageHarness.quote(selector)
                + ");return e?e.getAttribute(" + PageHarness.quote(name) + "):'<no element>'})()");
        return value == null ? null : String.valueOf(value);
    }

    @BothInterpreters
    void stringIsEscapedTextPlain(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    display("<b>bold</b> & 'single' \\"double\\"")
                </script>""");
        String out = "#" + type + "-0";
        assertEquals(List.of("<b>bold</b> & 'single' \"double\""), page.texts(out + " > div"), page.consoleText());
        assertEquals(0, page.count(out + " b"), "a str must never become markup");
        page.assertNoErrors();
    }

    @BothInterpreters
    void htmlIsInsertedUnescaped(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display, HTML
                    display(HTML("<em id='em'>em</em> and <b>b</b>"))
                </script>""");
        String out = "#" + type + "-0";
        assertEquals("<div><em id=\"em\">em</em> and <b>b</b></div>", page.html(out), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void reprHtmlIsInsertedAsHtml(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    class Table:
                        def _repr_html_(self):
                            return "<table><tr><td class='cell'>1</td></tr></table>"
                    display(Table())
                </script>""");
        assertEquals(List.of("1"), page.texts("#" + type + "-0 > div > table td.cell"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void reprPngAsBytesAndAsBase64StringBecomesImg(String type) throws Exception {
        open(type, """
                <div id="bytes"></div><div id="text"></div>
                <script type="$TYPE">
                    from pyscript import display
                    class Raw:
                        def _repr_png_(self):
                            return b"\\x89PNG\\r\\n\\x1a\\n\\x00\\xff"
                    class Encoded:
                        def _repr_png_(self):
                            return "iVBORw0KGgo="
                    display(Raw(), target="bytes")
                    display(Encoded(), target="text")
                </script>""");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0x00, (byte) 0xff};
        assertEquals("data:image/png;base64," + base64(png), attribute("#bytes > div > img", "src"), page.consoleText());
        assertEquals("data:image/png;base64,iVBORw0KGgo=", attribute("#text > div > img", "src"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void reprJpegBecomesJpegImg(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    class Photo:
                        def _repr_jpeg_(self):
                            return b"\\xff\\xd8\\xff\\xe0jpeg"
                    display(Photo())
                </script>""");
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 'j', 'p', 'e', 'g'};
        assertEquals("data:image/jpeg;base64," + base64(jpeg), attribute("#" + type + "-0 > div > img", "src"),
                page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void reprSvgBecomesSvgElement(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    class Dot:
                        def _repr_svg_(self):
                            return '<svg id="dot" width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>'
                    display(Dot())
                </script>""");
        assertEquals("http://www.w3.org/2000/svg", page.js(
                "document.querySelector('#" + type + "-0 > div > svg#dot > circle').namespaceURI"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void reprJsonIsShownAsIs(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    class Data:
                        def _repr_json_(self):
                            return '{"a": [1, 2], "b": "x"}'
                    display(Data())
                </script>""");
        assertEquals(List.of("{\"a\": [1, 2], \"b\": \"x\"}"), page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void reprJsonDictsAndListsAreShownAsJsonTextOnTheMainThreadAndInAWorker(String type) throws Exception {
        // IPython accepts a dict or list from _repr_json_; PyScript 0.7.31 fails on it (AttributeError)
        String code = """
                    from pyscript import display
                    class Data:
                        def __init__(self, value):
                            self.value = value
                        def _repr_json_(self):
                            return self.value
                    display(Data({"a": [1, 2], "tag": "<b>x</b>"}), Data([1, None, True]), target="$TARGET")
                    display(Data('{"kept": "<i>as text</i>"}'), target="$TARGET")
                """;
        open(type, "<div id=\"main\"></div><div id=\"worker\"></div>\n<script type=\"$TYPE\">\n"
                + code.replace("$TARGET", "main") + "</script>\n<script type=\"$TYPE\" worker>\n"
                + code.replace("$TARGET", "worker") + "</script>");
        page.waitUntil("the worker's display", java.time.Duration.ofSeconds(60), () -> page.count("#worker > div") == 3);
        for (String target : List.of("#main", "#worker")) {
            assertEquals(List.of("{\"a\": [1, 2], \"tag\": \"<b>x</b>\"}", "[1, null, true]", "{\"kept\": \"<i>as text</i>\"}"),
                    page.texts(target + " > div"), page.consoleText());
            assertEquals(0, page.count(target + " b, " + target + " i"), "JSON is text, never markup");
        }
        page.assertNoErrors();
    }

    @BothInterpreters
    void reprJavascriptRunsOnce(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    class Code:
                        def _repr_javascript_(self):
                            return "window.jsRuns = (window.jsRuns || 0) + 1;"
                    display(Code())
                </script>""");
        assertEquals(1, ((Number) page.js("window.jsRuns || 0")).intValue(), page.consoleText());
        assertEquals(1, page.count("#" + type + "-0 > div > script"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void savefigFigureBecomesPngImg(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    class Figure:
                        def savefig(self, buffer, format=None):
                            buffer.write(b"figure:" + str(format).encode())
                    display(Figure())
                </script>""");
        assertEquals("data:image/png;base64," + base64("figure:png".getBytes(StandardCharsets.US_ASCII)),
                attribute("#" + type + "-0 > div > img", "src"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void mimebundleWinsOverReprMethods(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    class Both:
                        def _repr_png_(self):
                            return b"png"
                        def _repr_html_(self):
                            return "<i>from repr html</i>"
                        def _repr_mimebundle_(self):
                            return {"text/html": "<b class='bundle'>from bundle</b>"}
                    display(Both())
                </script>""");
        String out = "#" + type + "-0";
        assertEquals(List.of("from bundle"), page.texts(out + " > div > b.bundle"), page.consoleText());
        assertEquals(0, page.count(out + " img"));
        assertEquals(0, page.count(out + " i"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void mimebundleMetadataBecomesImgAttributes(String type) throws Exception {
        open(type, """
                <div id="global"></div><div id="own"></div>
                <script type="$TYPE">
                    from pyscript import display
                    class Global:
                        def _repr_mimebundle_(self):
                            return ({"image/png": "iVBORw0KGgo="}, {"image/png": {"width": 10, "height": 20}})
                    class Own:
                        def _repr_mimebundle_(self):
                            return {"image/jpeg": ("/9j/4AAQ", {"alt": "a photo"})}
                    display(Global(), target="global")
                    display(Own(), target="own")
                </script>""");
        assertEquals("data:image/png;base64,iVBORw0KGgo=", attribute("#global img", "src"), page.consoleText());
        assertEquals("10", attribute("#global img", "width"));
        assertEquals("20", attribute("#global img", "height"));
        assertEquals("data:image/jpeg;base64,/9j/4AAQ", attribute("#own img", "src"));
        assertEquals("a photo", attribute("#own img", "alt"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void mimebundleWithoutKnownTypeFallsBackToReprMethods(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    class Exotic:
                        def _repr_mimebundle_(self):
                            return {"application/x-unknown": "???"}
                        def _repr_html_(self):
                            return "<u>fallback</u>"
                    display(Exotic())
                </script>""");
        assertEquals(List.of("fallback"), page.texts("#" + type + "-0 > div > u"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void reprMethodsFollowPyScriptsOrderOfPreference(String type) throws Exception {
        // savefig, _repr_png_, _repr_jpeg_, _repr_svg_, _repr_html_, _repr_json_, _repr_javascript_, __repr__
        open(type, """
                <div id="savefig-png"></div><div id="png-jpeg"></div><div id="jpeg-svg"></div>
                <div id="svg-html"></div><div id="html-json"></div><div id="json-js"></div>
                <div id="none-png"></div>
                <script type="$TYPE">
                    from pyscript import display
                    def savefig(self, buffer, format=None):
                        buffer.write(b"savefig")
                    methods = {
                        "savefig": savefig,
                        "_repr_png_": lambda self: "UE5H",
                        "_repr_jpeg_": lambda self: "SlBFRw==",
                        "_repr_svg_": lambda self: "<svg class='svg'></svg>",
                        "_repr_html_": lambda self: "<span class='html'>html</span>",
                        "_repr_json_": lambda self: "json-text",
                        "_repr_javascript_": lambda self: "window.jsPreferred = true;",
                    }
                    def make(*names, **overrides):
                        members = {name: methods[name] for name in names}
                        members.update(overrides)
                        return type("Value", (), members)()
                    display(make("savefig", "_repr_png_"), target="savefig-png")
                    display(make("_repr_png_", "_repr_jpeg_"), target="png-jpeg")
                    display(make("_repr_jpeg_", "_repr_svg_"), target="jpeg-svg")
                    display(make("_repr_svg_", "_repr_html_"), target="svg-html")
                    display(make("_repr_html_", "_repr_json_"), target="html-json")
                    display(make("_repr_json_", "_repr_javascript_"), target="json-js")
                    display(make("_repr_html_", _repr_png_=lambda self: None), target="none-png")
                </script>""");
        assertEquals("data:image/png;base64," + base64("savefig".getBytes(StandardCharsets.US_ASCII)),
                attribute("#savefig-png img", "src"), page.consoleText());
        assertEquals("data:image/png;base64,UE5H", attribute("#png-jpeg img", "src"));
        assertEquals("data:image/jpeg;base64,SlBFRw==", attribute("#jpeg-svg img", "src"));
        assertEquals(1, page.count("#svg-html svg.svg"));
        assertEquals(0, page.count("#svg-html span"));
        assertEquals(List.of("html"), page.texts("#html-json span.html"));
        assertEquals(List.of("json-text"), page.texts("#json-js > div"));
        assertEquals(0, page.count("#json-js script"));
        assertEquals(true, page.js("window.jsPreferred === undefined"), "_repr_json_ is preferred to _repr_javascript_");
        assertEquals(List.of("html"), page.texts("#none-png span.html"), "a _repr_*_ returning None is skipped");
        page.assertNoErrors();
    }

    @BothInterpreters
    void plainObjectIsShownAsEscapedRepr(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    class Thing:
                        def __repr__(self):
                            return "<Thing & 'friends'>"
                    display(Thing())
                    display(42)
                    display([1, "<a>"])
                    display(None)
                </script>""");
        String out = "#" + type + "-0";
        assertEquals(List.of("<Thing & 'friends'>", "42", "[1, '<a>']", "None"), page.texts(out + " > div"),
                page.consoleText());
        assertEquals(0, page.count(out + " a"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void severalValuesGetOneDivEachAndEmptyOutputAddsNothing(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display, HTML
                    display("first", HTML("<b>second</b>"), 3)
                    display("", "   ")
                    display("last")
                </script>""");
        assertEquals(List.of("first", "second", "3", "last"), page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void appendFalseReplacesTheTargetsContent(String type) throws Exception {
        open(type, """
                <div id="html-target"><p>old</p></div>
                <script type="$TYPE">
                    from pyscript import display, HTML
                    display("one")
                    display("two")
                    display("three", append=False)
                    display(HTML("<b>new</b>"), target="html-target", append=False)
                </script>""");
        assertEquals("three", page.html("#" + type + "-0"), page.consoleText());
        assertEquals("<b>new</b>", page.html("#html-target"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void targetByIdWithAndWithoutHash(String type) throws Exception {
        open(type, """
                <div id="out"><p>kept</p></div>
                <script type="$TYPE">
                    from pyscript import display
                    display("plain id", target="out")
                    display("hash id", target="#out")
                </script>""");
        assertEquals("<p>kept</p><div>plain id</div><div>hash id</div>", page.html("#out"), page.consoleText());
        assertEquals("", page.html("#" + type + "-0"), "nothing goes to the script's own output element");
        page.assertNoErrors();
    }

    @BothInterpreters
    void unknownTargetRaisesValueError(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    display("lost", target="nowhere")
                </script>
                <script type="$TYPE">
                    from pyscript import display
                    try:
                        display("x", target="#missing")
                    except ValueError as error:
                        display(str(error))
                </script>""");
        String message = "ValueError: Cannot find element with id='nowhere' in the page.";
        assertTrue(page.consoleFrom(type + "-0").stream().anyMatch(text -> text.contains(message)),
                page.consoleText());
        assertTrue(page.bannerText().contains(message), page.bannerText());
        assertEquals(List.of("Cannot find element with id='missing' in the page."),
                page.texts("#" + type + "-1 > div"), "the '#' is stripped before the lookup");
    }

    @BothInterpreters
    void scriptTargetAttributeById(String type) throws Exception {
        open(type, """
                <h1 id="my-h1">old</h1>
                <script type="$TYPE" target="my-h1">
                    from pyscript import display, current_target
                    display("PyScript", append=False)
                    display(current_target())
                </script>""");
        assertEquals("PyScript<div>my-h1</div>", page.html("#my-h1"), page.consoleText());
        assertEquals(0, page.count("script-py"), "a script with a target gets no output element of its own");
        page.assertNoErrors();
    }

    @BothInterpreters
    void scriptTargetAttributeByCssSelector(String type) throws Exception {
        open(type, """
                <section class="panel"><p>first panel</p></section>
                <section class="panel"></section>
                <script type="$TYPE" target="section.panel">
                    from pyscript import display, current_target
                    display("into the panel")
                    display(current_target())
                </script>""");
        String id = type + "-0";
        assertEquals(List.of(id, ""), page.jsonList(
                "Array.from(document.querySelectorAll('section.panel')).map(e => e.id)"),
                "the first matching element gets the script's id; " + page.consoleText());
        assertEquals(List.of("first panel", "into the panel", id), page.texts("section.panel:first-of-type > *"));
        assertEquals(0, page.count("script-py"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void displayIntoAScriptElementUsesItsTarget(String type) throws Exception {
        open(type, """
                <script type="$TYPE" id="first-script">
                    from pyscript import display
                    display("from the first")
                </script>
                <p id="between">between</p>
                <script type="$TYPE">
                    from pyscript import display, document
                    display("from the second", target="first-script")
                    display(document.getElementById("first-script").target.id)
                </script>""");
        String first = type + "-0";
        assertEquals(List.of("from the first", "from the second"), page.texts("#" + first + " > div"),
                page.consoleText());
        assertEquals(List.of(first), page.texts("#" + type + "-1 > div"));
        assertEquals("SCRIPT", page.js("document.getElementById('" + first + "').previousElementSibling.tagName"));
        assertEquals(0, ((Number) page.js("document.getElementById('first-script').childElementCount")).intValue(),
                "nothing is written into the <script> itself");
        page.assertNoErrors();
    }
}
