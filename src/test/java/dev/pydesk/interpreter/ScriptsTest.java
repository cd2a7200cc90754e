package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How PyScript finds, numbers and runs a page's scripts: document order, one namespace per interpreter type,
 * {@code src}, the {@code <py-script>}/{@code <mpy-script>} elements, output elements and dedenting.
 */
@PageTest
class ScriptsTest {
    static PageHarness page;
    @TempDir
    Path dir;

    /** Opens a page whose head and body are given, with {@code $TYPE}/{@code $OTHER} replaced. */
    private void open(String type, String head, String body) throws Exception {
        String other = type.equals("py") ? "mpy" : "py";
        page.open(dir, "scripts.html", ("<!DOCTYPE html><html><head>" + head + "</head><body>\n" + body
                + "\n</body></html>").replace("$TYPE", type).replace("$OTHER", other));
    }

    @BothInterpreters
    void inlineScriptDisplaysIntoGeneratedOutputElement(String type) throws Exception {
        page.open(dir, "p.html", """
                <html><body>
                <script type="%s">
                    from pyscript import display
                    display("hello <b>")
                </script>
                </body></html>""".formatted(type));
        assertEquals(1, page.count("script-py#" + type + "-0"), page.consoleText());
        assertEquals("<div>hello &lt;b&gt;</div>", page.html("#" + type + "-0"));
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }

    @BothInterpreters
    void scriptsRunInDocumentOrder(String type) throws Exception {
        open(type, "<script>window.order = [];</script>", """
                <script type="$TYPE">
                    from pyscript import window
                    window.order.push("first")
                </script>
                <div><$TYPE-script>
                    from pyscript import window
                    window.order.push("second")
                </$TYPE-script></div>
                <script type="$TYPE">
                    from pyscript import window
                    window.order.push("third")
                </script>""");
        assertEquals(List.of("first", "second", "third"), page.jsonList("window.order"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void scriptsOfOneTypeShareTheirGlobals(String type) throws Exception {
        open(type, "", """
                <script type="$TYPE">
                    import json
                    counter = 1
                    def helper():
                        return "helper"
                </script>
                <script type="$TYPE">
                    from pyscript import display
                    counter += 1
                    display(counter, helper(), json.dumps([1]))
                </script>""");
        assertEquals(List.of("2", "helper", "[1]"), page.texts("#" + type + "-1 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @ParameterizedTest
    @CsvSource({"py,mpy", "mpy,py"})
    void pyAndMpyHaveSeparateNamespaces(String type, String other) throws Exception {
        open(type, "", """
                <script type="$TYPE">
                    defined_here = "$TYPE"
                    from pyscript import window
                    window.sharedThroughJs = "$TYPE"
                </script>
                <script type="$OTHER">
                    from pyscript import display, window
                    try:
                        defined_here
                        display("visible")
                    except NameError:
                        display("NameError")
                    display(window.sharedThroughJs)
                </script>""");
        // Both interpreters start while the page loads, so the other one may run first: only check what it saw
        // when the first one has certainly run.
        assertEquals(type, page.js("window.sharedThroughJs"), page.consoleText());
        List<String> seen = page.texts("#" + other + "-0 > div");
        assertEquals("NameError", seen.getFirst(), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void srcRunsTheFile(String type) throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/code.py"), """
                from pyscript import display
                display("from the file")
                """);
        open(type, "", """
                <script type="$TYPE" src="./lib/code.py"></script>
                <script type="$TYPE">
                    from pyscript import display
                    display("after the file")
                </script>""");
        assertEquals(List.of("from the file"), page.texts("#" + type + "-0 > div"), page.consoleText());
        assertEquals(List.of("after the file"), page.texts("#" + type + "-1 > div"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void srcWithInlineCodeIsInvalidContent(String type) throws Exception {
        Files.writeString(dir.resolve("code.py"), """
                from pyscript import window
                window.fileRan = True
                """);
        open(type, "", """
                <script type="$TYPE" src="./code.py">
                    from pyscript import window
                    window.inlineRan = True
                </script>
                <script type="$TYPE">
                    from pyscript import display
                    display("next script")
                </script>""");
        String message = "(PY0409) Invalid content for <script type=\"" + type + "\" src=\"./code.py\">";
        assertTrue(page.errorText().contains(message), page.consoleText());
        assertTrue(page.bannerText().contains(message), page.bannerText());
        assertEquals(true, page.js("window.fileRan === undefined && window.inlineRan === undefined"),
                "neither the file nor the inline code runs");
        assertTrue(page.texts("script-py > div").contains("next script"), "the next script still runs");
    }

    @BothInterpreters
    void srcWithOnlyCommentsInsideIsNotInvalidContent(String type) throws Exception {
        // polyscript rejects src + content only when the content has more than comments and white space.
        Files.writeString(dir.resolve("code.py"), """
                from pyscript import display
                display("from the file")
                """);
        open(type, "", """
                <script type="$TYPE" src="./code.py">
                    # the code lives in code.py
                </script>""");
        assertEquals(List.of("from the file"), page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void missingSrcFileIsAnErrorNamingIt(String type) throws Exception {
        open(type, "", """
                <script type="$TYPE" src="./no-such-file.py"></script>
                <script type="$TYPE">
                    from pyscript import display
                    display("still running")
                </script>""");
        assertTrue(page.errorText().contains("no-such-file.py"), page.consoleText());
        assertTrue(page.errorText().contains("404"), page.consoleText());
        assertTrue(page.bannerText().contains("no-such-file.py"), page.bannerText());
        assertEquals(List.of("still running"), page.texts("#" + type + "-1 > div"), "the next script still runs");
    }

    @BothInterpreters
    void customElementsShowTheirOutputInsideThemselves(String type) throws Exception {
        open(type, "", """
                <$TYPE-script>
                    from pyscript import display, current_target
                    display("inside", current_target())
                </$TYPE-script>
                <$TYPE-script id="kept-id">
                    from pyscript import display, current_target
                    display(current_target())
                </$TYPE-script>""");
        String tag = type + "-script";
        assertEquals(List.of(type + "-0", "kept-id"), page.jsonList(
                "Array.from(document.querySelectorAll('" + tag + "')).map(e => e.id)"), page.consoleText());
        assertEquals(List.of("inside", type + "-0"), page.texts(tag + ":first-of-type > div"));
        assertEquals("<div>kept-id</div>", page.html("#kept-id"), "the source code is replaced by the output");
        assertEquals(List.of("block", "block"), page.jsonList(
                "Array.from(document.querySelectorAll('" + tag + "')).map(e => e.style.display)"));
        assertEquals(0, page.count("script-py"), "custom elements get no extra output element");
        page.assertNoErrors();
    }

    @BothInterpreters
    void customElementWithSrcRunsTheFileAndShowsTheOutputInside(String type) throws Exception {
        Files.writeString(dir.resolve("element.py"), """
                from pyscript import display
                display("from element.py")
                """);
        open(type, "", "<$TYPE-script src=\"./element.py\"></$TYPE-script>");
        assertEquals(List.of("from element.py"), page.texts(type + "-script#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void customElementWithMarkupInsideRunsItsSourceAsWritten(String type) throws Exception {
        // PyScript runs unescape(innerHTML) when the element has child elements (and warns that this is
        // deprecated), so markup inside strings survives instead of being reduced to its text.
        open(type, "", """
                <$TYPE-script>
                    from pyscript import display
                    display("<b>bold</b> &amp; 1 &lt; 2")
                </$TYPE-script>""");
        assertEquals(List.of("<b>bold</b> & 1 < 2"), page.texts(type + "-script > div"), page.consoleText());
        assertEquals(0, page.count(type + "-script b"), "the markup is shown as text");
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }

    @BothInterpreters
    void idsAreNumberedPerTypeAcrossScriptsAndElements(String type) throws Exception {
        open(type, "", """
                <script type="$TYPE">
                    from pyscript import display, current_target
                    display(current_target())
                </script>
                <script type="$OTHER">
                    from pyscript import display, current_target
                    display(current_target())
                </script>
                <$TYPE-script>
                    from pyscript import display, current_target
                    display(current_target())
                </$TYPE-script>
                <$TYPE-script id="named">
                    from pyscript import display, current_target
                    display(current_target())
                </$TYPE-script>
                <script type="$TYPE">
                    from pyscript import display, current_target
                    display(current_target())
                </script>
                <script type="$OTHER">
                    from pyscript import display, current_target
                    display(current_target())
                </script>""");
        String other = type.equals("py") ? "mpy" : "py";
        for (String id : List.of(type + "-0", type + "-1", "named", type + "-2", other + "-0", other + "-1")) {
            assertEquals(List.of(id), page.texts("#" + id + " > div"), id + "\n" + page.consoleText());
        }
        assertEquals(List.of("SCRIPT-PY", type.toUpperCase() + "-SCRIPT", type.toUpperCase() + "-SCRIPT", "SCRIPT-PY"),
                page.jsonList("['" + type + "-0','" + type + "-1','named','" + type + "-2']"
                        + ".map(id => document.getElementById(id).tagName)"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void outputElementFollowsItsScript(String type) throws Exception {
        open(type, "", """
                <p id="before">before</p>
                <script type="$TYPE" id="the-script">
                    from pyscript import display
                    display("out")
                </script>
                <p id="after">after</p>""");
        assertEquals("the-script", page.js("document.getElementById('" + type + "-0').previousElementSibling.id"),
                page.consoleText());
        assertEquals("after", page.js("document.getElementById('" + type + "-0').nextElementSibling.id"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void scriptInHeadGetsItsOutputElementAppendedToBody(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display
                    display("from the head")
                </script>""", """
                <p id="content">content</p>""");
        String id = type + "-0";
        assertEquals("BODY", page.js("document.getElementById('" + id + "').parentElement.tagName"), page.consoleText());
        assertEquals(id, page.js("document.body.lastElementChild.id"));
        assertEquals(List.of("from the head"), page.texts("#" + id + " > div"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void unknownTargetAttributeIsAClearError(String type) throws Exception {
        open(type, "", """
                <script type="$TYPE" target="no-such-target">
                    from pyscript import window
                    window.targetlessRan = True
                </script>""");
        assertTrue(page.errorText().contains("no-such-target"), page.consoleText());
        assertTrue(page.bannerText().contains("no-such-target"), page.bannerText());
        assertEquals(true, page.js("window.targetlessRan === undefined"), "the script does not run");
        assertEquals(0, page.count("script-py"));
    }

    @BothInterpreters
    void codeInsideIndentedTagsIsDedented(String type) throws Exception {
        open(type, "", """
                <div>
                    <div>
                        <script type="$TYPE">
                            from pyscript import display

                            def label(n):
                                if n:
                                    return "item " + str(n)
                                return "none"
                        \t
                            for i in range(3):
                                display(label(i))
                        </script>
                    </div>
                </div>""");
        assertEquals(List.of("none", "item 1", "item 2"), page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @Test
    void pyAndMpyScriptsOnOnePageBothRun() throws Exception {
        open("py", "", """
                <script type="mpy">
                    from pyscript import display
                    display("mpy ran")
                </script>
                <script type="py">
                    from pyscript import display
                    display("py ran")
                </script>""");
        assertEquals(List.of("mpy ran"), page.texts("#mpy-0 > div"), page.consoleText());
        assertEquals(List.of("py ran"), page.texts("#py-0 > div"));
        assertEquals(2, page.count("script-py"));
        page.assertNoErrors();
    }
}
