package dev.pydesk.interpreter.page;

import static dev.pydesk.interpreter.page.HtmlRewriter.INJECTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlRewriterTest {

    private static final String HEAD = "<!DOCTYPE html>\n<html>\n<head>";
    private static final String TAIL = "\n</head>\n<body><p>hi</p></body>\n</html>\n";

    /** The page with {@code tags} in its head, as it comes from disk. */
    private static String page(String tags) {
        return HEAD + "\n" + tags + TAIL;
    }

    /** What the rewriter must make of {@link #page}: injection after head, {@code rewritten} in place. */
    private static String expected(String rewritten) {
        return HEAD + INJECTED + "\n" + rewritten + TAIL;
    }

    @Test
    void constantsAreExactlyTheInjectedTags() {
        assertEquals("<link rel=\"stylesheet\" href=\"/__pydesk__/pydesk.css\">", HtmlRewriter.INJECTED_STYLESHEET);
        assertEquals("<script src=\"/__pydesk__/boot.js\"></script>", HtmlRewriter.INJECTED_BOOT_SCRIPT);
        assertEquals(HtmlRewriter.INJECTED_STYLESHEET + HtmlRewriter.INJECTED_BOOT_SCRIPT, INJECTED);
    }

    /** Loader tags (PyScript's core.js and core.css, local or from a CDN, the legacy pyscript.js) and what they become. */
    static Stream<Arguments> loaderTags() {
        return Stream.of(
                arguments("CDN core.js and core.css", """
                <link rel="stylesheet" href="https://pyscript.net/releases/2025.11.1/core.css">
                <script type="module" src="https://pyscript.net/releases/2025.11.1/core.js"></script>""",
                        """
                <link rel="pydesk-disabled" data-pydesk-href="https://pyscript.net/releases/2025.11.1/core.css">
                <script type="pydesk/disabled" data-pydesk-src="https://pyscript.net/releases/2025.11.1/core.js"></script>"""),
                arguments("inline modules and import maps import the stand-in instead of the CDN", """
                <script type="importmap">{"imports": {"@pyscript/core": "https://cdn.jsdelivr.net/npm/@pyscript/core@0.7.31/dist/core.js"}}</script>
                <script type="module">
                  import { hooks } from "https://pyscript.net/releases/2025.11.1/core.js";
                  import { other } from "https://example.com/other.js";
                </script>
                <script>const url = "https://pyscript.net/releases/2025.11.1/core.js";</script>""",
                        """
                <script type="importmap">{"imports": {"@pyscript/core": "/__pydesk__/pyscript/core.js"}}</script>
                <script type="module">
                  import { hooks } from "/__pydesk__/pyscript/core.js";
                  import { other } from "https://example.com/other.js";
                </script>
                <script>const url = "https://pyscript.net/releases/2025.11.1/core.js";</script>"""),
                arguments("local PyScript copy", """
                <link rel="stylesheet" href="./pyscript/core.css">
                <script type="module" src="./pyscript/core.js"></script>""",
                        """
                <link rel="pydesk-disabled" data-pydesk-href="./pyscript/core.css">
                <script type="pydesk/disabled" data-pydesk-src="./pyscript/core.js"></script>"""),
                arguments("jsdelivr PyScript core", """
                <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/@pyscript/core/dist/core.css">
                <script type="module" src="https://cdn.jsdelivr.net/npm/@pyscript/core@0.6.7/dist/core.js?v=1"></script>""",
                        """
                <link rel="pydesk-disabled" data-pydesk-href="https://cdn.jsdelivr.net/npm/@pyscript/core/dist/core.css">
                <script type="pydesk/disabled" data-pydesk-src="https://cdn.jsdelivr.net/npm/@pyscript/core@0.6.7/dist/core.js?v=1"></script>"""),
                arguments("legacy pyscript.js and pyscript.css", """
                <link rel="stylesheet" href="https://pyscript.net/latest/pyscript.css" />
                <script defer src="https://pyscript.net/latest/pyscript.js"></script>
                <script src="https://pyscript.net/alpha/pyscript.min.js"></script>""",
                        """
                <link rel="pydesk-disabled" data-pydesk-href="https://pyscript.net/latest/pyscript.css">
                <script type="pydesk/disabled" data-pydesk-src="https://pyscript.net/latest/pyscript.js" defer></script>
                <script type="pydesk/disabled" data-pydesk-src="https://pyscript.net/alpha/pyscript.min.js"></script>"""),
                arguments("upper-case loader tags",
                        "<SCRIPT TYPE=module SRC=HTTPS://PYSCRIPT.NET/RELEASES/2025.11.1/CORE.JS></SCRIPT>",
                        "<script type=\"pydesk/disabled\" data-pydesk-src=\"HTTPS://PYSCRIPT.NET/RELEASES/2025.11.1/CORE.JS\"></SCRIPT>"),
                arguments("other attributes of a loader are kept",
                        "<script type=\"module\" id=\"loader\" crossorigin src=\"./pyscript/core.js\"></script>",
                        "<script type=\"pydesk/disabled\" data-pydesk-src=\"./pyscript/core.js\" id=\"loader\" crossorigin></script>"),
                arguments("module preload of the loader is disabled too",
                        "<link rel=\"modulepreload\" href=\"https://pyscript.net/releases/2025.11.1/core.js\">",
                        "<link rel=\"pydesk-disabled\" data-pydesk-href=\"https://pyscript.net/releases/2025.11.1/core.js\">"),
                arguments("attribute values are escaped",
                        "<script type=module src='./pyscript/core.js?a=1&amp;b=\"2\"<3'></script>",
                        "<script type=\"pydesk/disabled\" "
                                + "data-pydesk-src=\"./pyscript/core.js?a=1&amp;b=&quot;2&quot;&lt;3\"></script>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loaderTags")
    void loaderTagsAreDisabledAndTheStandInInjected(String what, String tags, String rewritten) {
        assertEquals(expected(rewritten), HtmlRewriter.rewrite(page(tags)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script type=\"module\" src=\"./lib/core.js\"></script>",
        "<script src=\"https://example.com/core.js\"></script>",
        "<script src=\"./pyscript/core.jsx\"></script>",
        "<script src=\"./pyscript/other.js\"></script>",
        "<script src=\"https://pyscript.net/releases/2025.11.1/core.js.map\"></script>",
        "<script type=\"py\" src=\"./main.py\"></script>",
        "<script type=\"py\">print('pyscript/core.js')</script>",
        "<script>import('./pyscript/core.js')</script>",
        "<link rel=\"stylesheet\" href=\"./css/core.css\">",
        "<link rel=\"stylesheet\" href=\"./style.css\">",
        "<link rel=\"icon\" href=\"https://pyscript.net/latest/pyscript.css\">",
        "<!-- <script type=\"module\" src=\"https://pyscript.net/latest/core.js\"></script> -->",
        "<py-config>packages = [\"numpy\"]</py-config>",
    })
    void nonPyScriptTagsAreUntouched(String tag) {
        assertEquals(expected(tag), HtmlRewriter.rewrite(page(tag)));
    }

    @Test
    void everythingElseStaysByteForByte() {
        String original = "<!-- generated -->\r\n<!DOCTYPE html>\r\n"
                + "<html lang='en'   data-theme=dark>\r\n"
                + "<head  id=h >\r\n"
                + "  <meta charset=\"utf-8\">\r\n"
                + "  <title>Caf&eacute; &amp; &#x1F600; \u00e9</title>\r\n"
                + "  <script type=\"module\" src=\"https://pyscript.net/releases/2025.11.1/core.js\"></script>\r\n"
                + "  <link rel=stylesheet href=https://pyscript.net/releases/2025.11.1/core.css>\r\n"
                + "  <style>p > a { color: red }</style>\r\n"
                + "</head>\r\n"
                + "<body>\r\n"
                + "<p>unclosed <b>bold <i>italic</b></i>\r\n"
                + "<script type=\"py\" config='{\"packages\": []}'>\r\n"
                + "if 1 < 2 and \"</p>\":\r\n"
                + "    print('<script>&amp;')\r\n"
                + "</script>\r\n"
                + "<py-script>x = 1</py-script>\r\n"
                + "<img src=a.png alt=\"&quot;quoted&quot;\"/>\r\n"
                + "<table><tr><td>cell</table>\r\n"
                + "</body>\r\n"
                + "</html>\r\n";
        String expected = original
                .replace("<head  id=h >", "<head  id=h >" + INJECTED)
                .replace("<script type=\"module\" src=\"https://pyscript.net/releases/2025.11.1/core.js\">",
                        "<script type=\"pydesk/disabled\" data-pydesk-src=\"https://pyscript.net/releases/2025.11.1/core.js\">")
                .replace("<link rel=stylesheet href=https://pyscript.net/releases/2025.11.1/core.css>",
                        "<link rel=\"pydesk-disabled\" data-pydesk-href=\"https://pyscript.net/releases/2025.11.1/core.css\">");
        assertEquals(expected, HtmlRewriter.rewrite(original));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # input                                                       | expected
            <!DOCTYPE html><html><head><title>t</title></head></html>     | <!DOCTYPE html><html><head>@@<title>t</title></head></html>
            <html><head lang="en" data-x='1'><title>t</title>             | <html><head lang="en" data-x='1'>@@<title>t</title>
            <HTML><HEAD><TITLE>t</TITLE></HEAD><BODY></BODY></HTML>       | <HTML><HEAD>@@<TITLE>t</TITLE></HEAD><BODY></BODY></HTML>
            <!doctype html><html lang="en"><body><p>x</p></body></html>   | <!doctype html><html lang="en">@@<body><p>x</p></body></html>
            <!doctype html><HTML class=a><title>t</title><head>           | <!doctype html><HTML class=a>@@<title>t</title><head>
            <!doctype html><title>t</title><p>no html, no head            | <!doctype html>@@<title>t</title><p>no html, no head
            <!-- c --><!DOCTYPE html><p>x                                 | <!-- c --><!DOCTYPE html>@@<p>x
            <p>only a fragment                                            | @@<p>only a fragment
            `  <div>leading space`                                        | `@@  <div>leading space`
            just text                                                     | @@just text
            <html><header>not a head</header>                             | <html>@@<header>not a head</header>
            <head><head id=second>                                        | <head>@@<head id=second>
            """)
    void headInjectionPosition(String input, String expected) {
        assertEquals(expected.replace("@@", INJECTED), HtmlRewriter.rewrite(input));
    }

    @Test
    void emptyAndNullInputOnlyInject() {
        assertEquals(INJECTED, HtmlRewriter.rewrite(""));
        assertEquals(INJECTED, HtmlRewriter.rewrite(null));
    }

    @Test
    void byteOrderMarkStaysFirst() {
        assertEquals("\uFEFF<!doctype html><head>" + INJECTED + "<title>t</title>",
                HtmlRewriter.rewrite("\uFEFF<!doctype html><head><title>t</title>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<<<>>><script src=\"pyscript/core.js\"",
        "<script type=module src=./pyscript/core.js",
        "<head",
        "<html",
        "</head></html></body>",
        "<!doctype",
        "<!--",
        "<![CDATA[ x",
        "<svg><script href=\"./pyscript/core.js\"/></svg>",
        "\u0000\u0001<\u0000script src=x>",
        "<table><script src=\"./pyscript/core.js\"></script><tr><td><div></table>",
        "<a href='unterminated><b><i><u><s>",
        "<template><script type=module src=./pyscript/core.js></script></template>",
    })
    void malformedInputNeverThrowsAndStillInjects(String input) {
        String out = HtmlRewriter.rewrite(input);
        assertTrue(out.contains(INJECTED), out);
        assertFalse(out.contains("src=\"pyscript/core.js\"></script>"), out);
    }

    @Test
    void loaderInsideMalformedMarkupIsStillDisabled() {
        String in = "<table><script type=module src=./pyscript/core.js></script><tr><td>x</table>";
        assertEquals(INJECTED + "<table><script type=\"pydesk/disabled\" data-pydesk-src=\"./pyscript/core.js\">"
                + "</script><tr><td>x</table>", HtmlRewriter.rewrite(in));
    }

    /** Random tag soup without PyScript in it: the output is the input plus exactly one injection. */
    @Test
    void randomTagSoupOnlyGainsTheInjection() {
        String[] pieces = {"<", ">", "/", "<html>", "<head>", "</head>", "<HEAD x=1>", "<body>", "<p>", "</p>",
            "<!--", "-->", "<!doctype html>", "<script>", "</script>", "<style>", "\"", "'", "=", " ", "\n", "\r\n",
            "&amp;", "&", "text", "<title>", "<table>", "<td>", "<template>", "<svg>", "<math>", "<noscript>",
            "<textarea>", "<plaintext>", "<frameset>", "\u0000", "\uFEFF", "\u00e9", "<link rel=stylesheet href=core.css>",
            "<script src=./lib/core.js>"};
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(25);
            for (int j = 0; j < n; j++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String in = sb.toString();
            String out = HtmlRewriter.rewrite(in);
            int at = out.indexOf(INJECTED);
            assertTrue(at >= 0, in);
            assertEquals(in, out.substring(0, at) + out.substring(at + INJECTED.length()), in);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "https://pyscript.net/releases/2025.11.1/core.js, true",
        "./pyscript/core.js, true",
        "/static/PyScript/core.js#frag, true",
        "https://cdn.jsdelivr.net/npm/@pyscript/core/dist/core.js, true",
        "https://unpkg.com/@pyscript/core, false",
        "https://pyscript.net/latest/pyscript.js, true",
        "https://pyscript.net/latest/pyscript.min.js, true",
        "./lib/core.js, false",
        "core.js?from=pyscript, false",
        "./pyscript/core.js?v=2, true",
    })
    void loaderUrlRecognition(String url, boolean loader) {
        assertEquals(loader, HtmlRewriter.isPyScriptLoader(url));
    }
}
