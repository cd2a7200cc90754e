package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.JavaObjectProbe;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import dev.pydesk.testing.Variants;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pyscript.when} and {@code pyscript.Event} on the page's main thread, on py and mpy: handlers run when the
 * page's JavaScript dispatches real DOM events, whatever {@code when} was given to find the elements (and, in a
 * worker, {@code async def} handlers).
 */
@PageTest
class EventsTest {
    static PageHarness page;
    @TempDir
    Path dir;

    private static final String BODY = """
            <button id="b">b</button>
            <button class="multi" id="m1">m1</button><button class="multi" id="m2">m2</button>
            <button class="multi" id="m3">m3</button>
            <button id="other">other</button>
            <button id="release">release</button>
            <ul id="log"></ul>""";

    /** {@code log(text)} appends a line the test reads back in order. */
    private static final String LOG = """
                from pyscript import document, when
                def log(text):
                    item = document.createElement("li")
                    item.textContent = str(text)
                    document.getElementById("log").append(item)
            """;

    /** Opens a page whose one script is {@link #LOG} + {@code code} (indented four spaces) + {@code log("ready")}. */
    private void open(String type, String code) throws Exception {
        page.open(dir, "events.html", "<!DOCTYPE html><html><head></head><body>\n" + BODY + "\n<script type=\"" + type
                + "\">\n" + LOG + code + "    log(\"ready\")\n</script>\n</body></html>");
    }

    private List<String> log() {
        return page.texts("#log li");
    }

    private void click(String id) {
        page.js("document.getElementById(" + PageHarness.quote(id) + ").click()");
    }

    /** Waits until the log has as many lines as {@code expected}, then checks them. */
    private void assertLog(List<String> expected) {
        page.waitUntil("the log " + expected, Duration.ofSeconds(10), () -> log().size() >= expected.size());
        assertEquals(expected, log(), page.consoleText());
    }

    private static List<String> lines(String... lines) {
        List<String> all = new ArrayList<>();
        all.add("ready");
        all.addAll(List.of(lines));
        return all;
    }

    @BothInterpreters
    void selectorStringHandlesEveryMatchingElement(String type) throws Exception {
        open(type, """
                    @when("click", "#b")
                    def on_b(event):
                        log(f"{event.type} {event.target.id}")
                    @when("click", ".multi")
                    def on_multi(event):
                        log(f"multi {event.target.id}")
                """);
        assertLog(lines());
        click("b");
        click("other");
        click("m2");
        click("m3");
        click("b");
        assertLog(lines("click b", "multi m2", "multi m3", "click b"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void elementNodeListAndListOfElementsAreTargets(String type) throws Exception {
        open(type, """
                    @when("click", document.getElementById("b"))
                    def on_element(event):
                        log(f"element {event.target.id}")
                    @when("click", document.querySelectorAll(".multi"))
                    def on_nodes(event):
                        log(f"nodes {event.target.id}")
                    @when("click", [document.getElementById("m1"), document.getElementById("other")])
                    def on_list(event):
                        log(f"list {event.target.id}")
                """);
        click("b");
        click("m1");
        click("m3");
        click("other");
        assertLog(lines("element b", "nodes m1", "list m1", "nodes m3", "list other"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void aListOfEventTypesHandlesEachOfThem(String type) throws Exception {
        open(type, """
                    @when(["click", "dblclick", "custom-thing"], "#b")
                    def on_any(event):
                        log(f"{event.type}")
                """);
        page.js("""
                const b = document.getElementById('b');
                b.click();
                b.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                b.dispatchEvent(new MouseEvent('dblclick', {bubbles: true}));
                b.dispatchEvent(new CustomEvent('custom-thing', {bubbles: true}));
                b.dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
                b.click();""");
        assertLog(lines("click", "dblclick", "custom-thing", "click"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void handlersMayTakeTheEventOrNothing(String type) throws Exception {
        open(type, """
                    @when("click", "#b")
                    def takes_nothing():
                        log("no argument")
                    class Counter:
                        clicks = 0
                        def bump(self):
                            self.clicks += 1
                            log(f"bound method without event: {self.clicks}")
                        def seen(self, event):
                            log(f"bound method with event: {event.type}")
                    counter = Counter()
                    when("click", "#m1", counter.bump)
                    when("click", "#m2", counter.seen)
                    when("click", "#m3", lambda: log("lambda without event"))
                    when("click", "#other", lambda *args: log(f"varargs {len(args)} {args[0].type}"))
                """);
        click("b");
        click("m1");
        click("m1");
        click("m2");
        click("m3");
        click("other");
        assertLog(lines("no argument", "bound method without event: 1", "bound method without event: 2",
                "bound method with event: click", "lambda without event", "varargs 1 click"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void asyncHandlersRunOnTheLoopAndMayAwait(String type) throws Exception {
        // The handler waits on a future that only a second click resolves: no wall-clock sleep decides the outcome.
        open(type, """
                    import asyncio
                    gate = asyncio.get_event_loop().create_future()
                    @when("click", "#b")
                    async def on_click(event):
                        log(f"started {event.type}")
                        await gate
                        document.getElementById("b").textContent = "slept"
                        log("after sleep")
                    @when("click", "#release")
                    def release(event):
                        gate.set_result(None)
                    @when("click", "#other")
                    async def no_event():
                        await asyncio.sleep(0)
                        log("async without event")
                """);
        click("b");
        page.waitUntil("the async handler to start", Duration.ofSeconds(10), () -> log().contains("started click"));
        assertEquals("b", page.text("#b"), "the handler went on before what it awaits was done");
        click("release");
        page.waitUntil("the async handler to write the DOM after its await", Duration.ofSeconds(10),
                () -> "slept".equals(page.text("#b")));
        click("other");
        assertLog(lines("started click", "after sleep", "async without event"));
        page.assertNoErrors();
    }

    /** In a worker too, an {@code async def} handler runs as a task and may await (its event came from the page). */
    @ParameterizedTest
    @ValueSource(strings = {Variants.PY_WORKER, Variants.MPY_WORKER})
    void asyncHandlersRunInAWorker(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, "worker-events.html", variant, "",
                "<button id=\"wb\">wb</button>", """
                import asyncio
                from pyscript import document, when
                handled = asyncio.Event()
                @when("click", "#wb")
                async def on_click(event):
                    await asyncio.sleep(0)
                    log("async", event.type, event.target.id)
                    handled.set()
                document.getElementById("wb").click()
                await handled.wait()
                log("done")
                """);
        assertEquals(List.of("async click wb"), log, page.consoleText());
    }

    @BothInterpreters
    void aPlainHandlerCanStartTasksOnAPageThatNeverAwaited(String type) throws Exception {
        // As in Pyodide, the loop is always running: asyncio works from a handler even if nothing awaited before.
        open(type, """
                    import asyncio
                    async def work(name):
                        await asyncio.sleep(0.01)
                        log(f"task {name}")
                    @when("click", "#b")
                    def on_click(event):
                        asyncio.create_task(work("create_task"))
                        asyncio.ensure_future(work("ensure_future"))
                        asyncio.get_event_loop().call_later(0.2, lambda: log("call_later"))
                """);
        click("b");
        // the order of the three depends on the machine's load (0.01 s sleeps against a 0.2 s timer): not checked
        page.waitUntil("the three callbacks", Duration.ofSeconds(10), () -> log().size() >= 4);
        assertEquals(List.of("call_later", "ready", "task create_task", "task ensure_future"),
                log().stream().sorted().toList(), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void whenCalledWithTheHandlerAddsItWithoutDecorating(String type) throws Exception {
        open(type, """
                    def handler(event):
                        log(f"called {event.target.id}")
                    result = when("click", "#b", handler)
                    log(f"returned callable {callable(result)}")
                    when("click", selector="#other", handler=lambda event: log("by keywords"))
                """);
        assertLog(List.of("returned callable True", "ready"));
        click("b");
        click("other");
        assertLog(List.of("returned callable True", "ready", "called b", "by keywords"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void aSelectorThatMatchesNothingRaisesValueErrorAndAnInvalidOneJsExceptionNamingIt(String type) throws Exception {
        // PyScript: ValueError when nothing matches; the JsException of querySelectorAll (exactly that class: its
        // suite checks the type) for a selector the page cannot parse.
        open(type, """
                    from pyscript.ffi import JsException
                    for selector in ["#nothing-here", "#b[", "::not-a-selector"]:
                        try:
                            @when("click", selector)
                            def never(event):
                                log("never")
                            log(f"no error for {selector}")
                        except (ValueError, JsException) as error:
                            log(f"{type(error).__name__} {selector} {selector in str(error)}: {error}")
                """);
        List<String> log = log();
        assertEquals(4, log.size(), page.consoleText());
        assertTrue(log.get(0).startsWith("ValueError #nothing-here True: "), log.get(0));
        assertTrue(log.get(1).startsWith("JsException #b[ True: "), log.get(1));
        assertTrue(log.get(2).startsWith("JsException ::not-a-selector True: "), log.get(2));
        assertTrue(log.get(1).contains("'#b[' is not a valid selector"), log.get(1));
        page.assertNoErrors();
    }

    @BothInterpreters
    void anUncaughtSelectorErrorIsReportedWithTheSelector(String type) throws Exception {
        page.open(dir, "events.html", "<!DOCTYPE html><html><body>" + BODY + "<script type=\"" + type + "\">\n"
                + "from pyscript import when\n@when('click', '#missing-button')\ndef h(event):\n    pass\n"
                + "</script></body></html>");
        List<String> errors = page.errors().stream().filter(e -> e.source().equals(type + "-0"))
                .map(ConsoleEvent::text).toList();
        assertEquals(1, errors.size(), page.consoleText());
        assertTrue(errors.getFirst().contains("ValueError") && errors.getFirst().contains("#missing-button"),
                errors.getFirst());
        assertTrue(page.bannerText().contains("#missing-button"), page.bannerText());
    }

    @BothInterpreters
    void aHandlerThatRaisesIsReportedAndTheNextEventStillRuns(String type) throws Exception {
        open(type, """
                    clicks = []
                    @when("click", "#b")
                    def on_click(event):
                        clicks.append(event)
                        log(f"click {len(clicks)}")
                        if len(clicks) == 1:
                            raise RuntimeError("handler failed on purpose")
                """);
        click("b");
        page.waitUntil("the handler's error", Duration.ofSeconds(10), () -> page.count("div.py-error") == 1);
        String error = page.errorText();
        assertTrue(error.contains("RuntimeError: handler failed on purpose") && error.contains("on_click"), error);
        assertTrue(page.bannerText().contains("handler failed on purpose"), page.bannerText());
        click("b");
        assertLog(lines("click 1", "click 2"));
        assertEquals(1, page.errors().size(), page.consoleText());
    }

    @BothInterpreters
    void pyscriptEventCallsItsListenersWithTheResult(String type) throws Exception {
        // PyScript 0.7.31's Event: every trigger calls the listeners there are at that moment (not a one-shot).
        open(type, """
                    import asyncio
                    from pyscript import Event
                    event = Event()
                    def first(result):
                        log(f"first {result}")
                    event.add_listener(first)
                    event.add_listener(first)
                    @when(event)
                    def decorated(result):
                        log(f"decorated {result}")
                    @when(event)
                    def ignores_result():
                        log("no argument")
                    async def later(result):
                        await asyncio.sleep(0.05)
                        log(f"async {result}")
                    event.add_listener(later)
                    event.trigger(42)
                    event.add_listener(lambda result: log(f"added after trigger {result}"))
                    event.trigger(7)
                    try:
                        event.add_listener(5)
                    except ValueError as error:
                        log(f"ValueError {error}")
                    def failing(result):
                        raise RuntimeError(f"listener failed on {result}")
                    broken = Event()
                    broken.add_listener(failing)
                    broken.add_listener(lambda result: log("after the failing listener"))
                    try:
                        broken.trigger(1)
                    except RuntimeError as error:
                        log(f"RuntimeError {error}")
                """);
        assertLog(List.of("first 42", "decorated 42", "no argument", "first 7", "decorated 7", "no argument",
                "added after trigger 7", "ValueError Listener must be callable.", "RuntimeError listener failed on 1",
                "ready", "async 42", "async 7"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void pyscriptEventListenersCanBeRemoved(String type) throws Exception {
        open(type, """
                    from pyscript import Event
                    def a(result):
                        log(f"a {result}")
                    def b(result):
                        log(f"b {result}")
                    one = Event()
                    one.add_listener(a)
                    one.add_listener(b)
                    one.remove_listener(a, lambda result: None)
                    one.trigger("one")
                    two = Event()
                    two.add_listener(a)
                    two.add_listener(b)
                    two.remove_listener()
                    two.trigger("two")
                    log(f"two has {len(two._listeners)} listeners")
                """);
        assertLog(List.of("b one", "two has 0 listeners", "ready"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void whenTakesAnEventOrAListOfEventsAlsoAsACall(String type) throws Exception {
        // PyScript's when(target, handler): an Event target takes the handler as its second argument.
        open(type, """
                    from pyscript import Event
                    called = Event()
                    when(called, lambda result: log(f"call form {result}"))
                    first, second = Event(), Event()
                    @when([first, second])
                    def either(result):
                        log(f"list {result}")
                    first.trigger("first")
                    called.trigger("called")
                    second.trigger("second")
                """);
        assertLog(List.of("list first", "call form called", "list second", "ready"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void theListenerWhenAddsIsAPlainJavaScriptFunction(String type) throws Exception {
        // Capture the function @when hands to addEventListener, then look for Java behind it.
        page.open(dir, "events.html", "<!DOCTYPE html><html><head><script>\n"
                + "const add = EventTarget.prototype.addEventListener;\n"
                + "EventTarget.prototype.addEventListener = function (type, f, options) {\n"
                + "  if (this.id === 'b') window.captured = f;\n"
                + "  return add.call(this, type, f, options);\n};\n</script></head><body>" + BODY
                + "<script type=\"" + type + "\">\n" + LOG
                + "    @when('click', '#b')\n    def on_click(*args):\n        log(f'clicked {len(args)}')\n"
                + "</script></body></html>");
        assertEquals("function", page.js("typeof window.captured"), page.consoleText());
        JavaObjectProbe.assertDetectorFindsPlantedJava();
        JavaObjectProbe.assertNoJava(page, "window.captured");
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }
}
