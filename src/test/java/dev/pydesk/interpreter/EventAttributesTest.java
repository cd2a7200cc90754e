package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyScript's {@code py-*} / {@code mpy-*} attributes ({@code <button py-click="handler">}): the value names a function
 * of that interpreter, looked up when the event fires and called with the event; it is never evaluated as code.
 */
@PageTest
class EventAttributesTest {
    static PageHarness page;
    @TempDir
    Path dir;

    private static final String LOG = """
                from pyscript import document
                def log(text):
                    item = document.createElement("li")
                    item.textContent = str(text)
                    document.getElementById("log").append(item)
            """;

    /** A page of {@code body} ({@code $T} is the type) and one script of that type: {@link #LOG} + {@code code}. */
    private void open(String type, String body, String code) throws Exception {
        page.open(dir, "attributes.html", ("<!DOCTYPE html><html><head></head><body>\n" + body + "\n<ul id=\"log\"></ul>\n"
                + "<script type=\"$T\">\n" + LOG + code + "</script>\n</body></html>").replace("$T", type));
    }

    private List<String> log() {
        return page.texts("#log li");
    }

    private void click(String id) {
        page.js("document.getElementById(" + PageHarness.quote(id) + ").click()");
    }

    /** Lets the page's pending microtasks (MutationObserver records) run before the test goes on. */
    private void settle() {
        page.js("window.__settled = false; Promise.resolve().then(() => { window.__settled = true; })");
        page.waitUntil("the page's microtasks", Duration.ofSeconds(10), () -> Boolean.TRUE.equals(page.js("window.__settled")));
    }

    private void assertLog(String... expected) {
        page.waitUntil("the log " + List.of(expected), Duration.ofSeconds(10), () -> log().size() >= expected.length);
        assertEquals(List.of(expected), log(), page.consoleText());
    }

    @BothInterpreters
    void attributeCallsTheNamedFunctionWithTheEvent(String type) throws Exception {
        open(type, "<button id=\"b\" $T-click=\"on_click\">b</button>", """
                    def on_click(event):
                        log(f"{event.type} on {event.target.id} {event.isTrusted}")
                """);
        assertLog();
        click("b");
        click("b");
        assertLog("click on b False", "click on b False");
        page.assertNoErrors();
    }

    @BothInterpreters
    void aDottedNameCallsAnAttributeOfAnObject(String type) throws Exception {
        open(type, """
                <button id="method" $T-click="handlers.on_click">method</button>
                <button id="nested" $T-click="tools.inner.handle">nested</button>
                <button id="spaced" $T-click=" handlers.on_click ">spaced</button>""", """
                    import types
                    class Handlers:
                        prefix = "method"
                        def on_click(self, event):
                            log(f"{self.prefix} {event.target.id}")
                    handlers = Handlers()
                    tools = types.SimpleNamespace(inner=types.SimpleNamespace(handle=lambda e: log(f"nested {e.type}")))
                """);
        click("method");
        click("nested");
        click("spaced");
        assertLog("method method", "nested click", "method spaced");
        page.assertNoErrors();
    }

    @BothInterpreters
    void aFunctionThatTakesNoArgumentIsCalledWithout(String type) throws Exception {
        open(type, """
                <button id="plain" $T-click="no_argument">plain</button>
                <button id="method" $T-click="counter.bump">method</button>""", """
                    def no_argument():
                        log("no argument")
                    class Counter:
                        count = 0
                        def bump(self):
                            self.count += 1
                            log(f"bumped {self.count}")
                    counter = Counter()
                """);
        click("plain");
        click("method");
        click("method");
        assertLog("no argument", "bumped 1", "bumped 2");
        page.assertNoErrors();
    }

    @BothInterpreters
    void otherEventNamesWorkToo(String type) throws Exception {
        open(type, """
                <input id="text" $T-input="on_input">
                <select id="choice" $T-change="on_change"><option>a</option><option>b</option></select>
                <div id="area" $T-mouseover="on_over" $T-my-event="on_custom">area</div>""", """
                    def on_input(event):
                        log(f"input {event.target.value}")
                    def on_change(event):
                        log(f"change {event.target.value}")
                    def on_over(event):
                        log(f"{event.type}")
                    def on_custom(event):
                        log(f"{event.type} {event.detail}")
                """);
        page.js("""
                const text = document.getElementById('text');
                text.value = 'typed';
                text.dispatchEvent(new Event('input', {bubbles: true}));
                const choice = document.getElementById('choice');
                choice.value = 'b';
                choice.dispatchEvent(new Event('change', {bubbles: true}));
                const area = document.getElementById('area');
                area.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                area.dispatchEvent(new CustomEvent('my-event', {detail: 'payload'}));
                area.click();""");
        assertLog("input typed", "change b", "mouseover", "my-event payload");
        page.assertNoErrors();
    }

    @BothInterpreters
    void elementsAddedLaterByPythonOrJavaScriptAreWired(String type) throws Exception {
        open(type, "<div id=\"holder\"></div>", """
                    def on_click(event):
                        log(f"clicked {event.target.id}")
                    button = document.createElement("button")
                    button.id = "from-python"
                    button.setAttribute("$T-click", "on_click")
                    document.getElementById("holder").append(button)
                """.replace("$T", type));
        settle();
        click("from-python");
        page.js("""
                const button = document.createElement('button');
                button.id = 'from-js';
                button.setAttribute('$T-click', 'on_click');
                document.body.append(button);
                document.getElementById('holder').insertAdjacentHTML('beforeend',
                    '<section><p><span id="nested-js" $T-click="on_click">deep</span></p></section>');
                """.replace("$T", type));
        settle();
        click("from-js");
        click("nested-js");
        assertLog("clicked from-python", "clicked from-js", "clicked nested-js");
        page.assertNoErrors();
    }

    @BothInterpreters
    void anAttributeAddedChangedOrRemovedLaterIsFollowed(String type) throws Exception {
        open(type, """
                <button id="plain">plain</button>
                <button id="sync" $T-click="sync">sync</button>""", """
                    def first(event):
                        log(f"first {event.type}")
                    def second(event):
                        log(f"second {event.type}")
                    def sync(event):
                        log("sync")
                """);
        click("plain");
        page.js("document.getElementById('plain').setAttribute('" + type + "-click', 'first')");
        settle();
        click("plain");
        page.js("document.getElementById('plain').setAttribute('" + type + "-click', 'second')");
        settle();
        click("plain");
        page.js("document.getElementById('plain').removeAttribute('" + type + "-click')");
        settle();
        click("plain");
        click("sync");
        assertLog("first click", "second click", "sync");
        page.assertNoErrors();
    }

    @BothInterpreters
    void theValueIsNeverEvaluated(String type) throws Exception {
        List<String> payloads = List.of(
                "log('pwned')",
                "__import__('os')",
                "__import__('js').document.body.setAttribute('data-pwned', 'yes')",
                "on_click()",
                "on_click if log('pwned') else on_click",
                "lambda event: log('pwned')",
                "handlers.on_click; log('pwned')");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < payloads.size(); i++) {
            body.append("<button id=\"e").append(i).append("\" $T-click=\"")
                    .append(payloads.get(i).replace("'", "&#39;")).append("\">e").append(i).append("</button>\n");
        }
        open(type, body.toString(), """
                    def on_click(event=None):
                        log("on_click ran")
                    class Handlers:
                        def on_click(self, event):
                            log("handler ran")
                    handlers = Handlers()
                """);
        for (int i = 0; i < payloads.size(); i++) {
            click("e" + i);
        }
        page.waitUntil("an error for every button", Duration.ofSeconds(10),
                () -> page.errors().size() >= payloads.size());
        assertEquals(List.of(), log(), "an attribute's value ran as code: " + page.consoleText());
        assertEquals(null, page.js("document.body.getAttribute('data-pwned')"));
        String errors = page.errorText();
        assertEquals(payloads.size(), page.errors().size(), page.consoleText());
        for (int i = 0; i < payloads.size(); i++) {
            String expected = type + "-click=\"" + payloads.get(i) + "\" on <button id=\"e" + i + "\">";
            assertTrue(errors.contains(expected + " is not a function name"), expected + "\n" + errors);
        }
        assertTrue(errors.contains("never evaluated as code"), errors);
        page.waitUntil("the banners", Duration.ofSeconds(10), () -> page.count("div.py-error") == payloads.size());
        assertTrue(page.bannerText().contains(type + "-click=\"log('pwned')\" on <button id=\"e0\">"), page.bannerText());
    }

    @BothInterpreters
    void aNameThatIsNoFunctionGivesAClearErrorNamingTheElementAndAttribute(String type) throws Exception {
        open(type, """
                <button id="missing" $T-click="no_such_function">missing</button>
                <button id="attr" $T-click="handlers.missing">attr</button>
                <button id="value" $T-click="answer">value</button>
                <button id="fine" $T-click="fine">fine</button>""", """
                    class Handlers:
                        pass
                    handlers = Handlers()
                    answer = 42
                    def fine(event):
                        log("fine")
                """);
        click("missing");
        page.waitUntil("the error", Duration.ofSeconds(10), () -> page.count("div.py-error") == 1);
        String error = page.errorText();
        assertTrue(error.contains(type + "-click=\"no_such_function\" on <button id=\"missing\">"), error);
        assertTrue(error.contains("there is no 'no_such_function' in the " + type + " interpreter"), error);
        assertTrue(page.bannerText().contains(type + "-click=\"no_such_function\" on <button id=\"missing\">"),
                page.bannerText());
        assertTrue(page.consoleFrom(type + "-0").stream().anyMatch(text -> text.contains("no_such_function")),
                "the error is tagged with the page's script: " + page.consoleText());
        click("attr");
        click("value");
        click("fine");
        assertLog("fine");
        page.waitUntil("three errors", Duration.ofSeconds(10), () -> page.errors().size() == 3);
        String errors = page.errorText();
        assertTrue(errors.contains(type + "-click=\"handlers.missing\" on <button id=\"attr\"> names no function: "
                + "'handlers' has no attribute 'missing'"), errors);
        assertTrue(errors.contains(type + "-click=\"answer\" on <button id=\"value\">") && errors.contains("int"), errors);
    }

    @BothInterpreters
    void eachPrefixBelongsToItsOwnInterpreter(String type) throws Exception {
        String other = type.equals("py") ? "mpy" : "py";
        // Both interpreters define on_click; only `type` defines mine_only.
        page.open(dir, "attributes.html", ("""
                <!DOCTYPE html><html><body>
                <button id="own" $T-click="on_click">own</button>
                <button id="others" $O-click="on_click">others</button>
                <button id="cross" $O-click="mine_only">cross</button>
                <ul id="log"></ul>
                <script type="$T">
                from pyscript import document
                def log(text):
                    item = document.createElement("li")
                    item.textContent = str(text)
                    document.getElementById("log").append(item)
                def on_click(event):
                    log("$T on_click " + event.target.id)
                def mine_only(event):
                    log("$T mine_only")
                </script>
                <script type="$O">
                from pyscript import document
                def on_click(event):
                    item = document.createElement("li")
                    item.textContent = "$O on_click " + event.target.id
                    document.getElementById("log").append(item)
                </script>
                </body></html>""").replace("$T", type).replace("$O", other));
        click("own");
        click("others");
        click("cross");
        assertLog(type + " on_click own", other + " on_click others");
        page.waitUntil("the error", Duration.ofSeconds(10), () -> page.errors().size() == 1);
        assertTrue(page.errorText().contains(other + "-click=\"mine_only\" on <button id=\"cross\">")
                && page.errorText().contains("there is no 'mine_only' in the " + other + " interpreter"), page.errorText());
    }

    @BothInterpreters
    void theOtherPrefixDoesNothingWhenItsInterpreterIsNotOnThePage(String type) throws Exception {
        String other = type.equals("py") ? "mpy" : "py";
        open(type, "<button id=\"others\" " + other + "-click=\"on_click\">others</button>\n"
                + "<button id=\"own\" $T-click=\"on_click\">own</button>", """
                    def on_click(event):
                        log(f"on_click {event.target.id}")
                """);
        click("others");
        click("own");
        assertLog("on_click own");
        page.assertNoErrors();
        assertFalse(page.consoleText().contains("others"), page.consoleText());
    }
}
