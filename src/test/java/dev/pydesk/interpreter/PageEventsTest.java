package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.events.PageEvent;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's one event stream, read as its subscribers read it: the order of one page's events (py and mpy, with a
 * worker), its errors as {@link PageEvent.PageError}, Idle only once timers of both JavaScript and Python have run,
 * and a subscriber that throws changes nothing for the page or the others.
 */
@PageTest(scriptTimeoutSeconds = 120)
class PageEventsTest {
    static PageHarness page;
    static final List<PageEvent> events = new CopyOnWriteArrayList<>();
    @TempDir
    Path dir;

    @BeforeAll
    static void subscribe() {
        page.loader().events().subscribe(events::add);
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    private void open(String body) throws Exception {
        page.open(dir, "events.html", "<!DOCTYPE html><html><head></head><body>\n" + body + "\n</body></html>");
        page.waitUntil("the page to be idle", Duration.ofSeconds(60), () -> indexOf(PageEvent.Idle.class::isInstance) >= 0);
    }

    private static int indexOf(Predicate<PageEvent> which) {
        List<PageEvent> all = List.copyOf(events);
        for (int i = 0; i < all.size(); i++) if (which.test(all.get(i))) return i;
        return -1;
    }

    private static int indexOf(PageEvent event) {
        return indexOf(event::equals);
    }

    /** The events other than console lines and network entries, as short text, for the failure message. */
    private static String story() {
        return events.stream().filter(e -> !(e instanceof PageEvent.NetworkEntry))
                .map(String::valueOf).collect(Collectors.joining("\n"));
    }

    private static void assertBefore(int earlier, int later) {
        assertTrue(earlier >= 0 && later >= 0 && earlier < later, "out of order (" + earlier + ", " + later + "):\n"
                + story());
    }

    private static int line(String source, String text) {
        return indexOf(e -> e instanceof PageEvent.ConsoleLine line && line.line().source().equals(source)
                && line.line().text().equals(text));
    }

    @BothInterpreters
    void aPagesEventsComeInItsOrder(String type) throws Exception {
        open("""
                <script type="%1$s">print("main ran")</script>
                <script type="%1$s" worker name="w">print("worker ran")</script>""".formatted(type));
        String id = type + "-0";
        int loading = indexOf(PageEvent.Loading.class::isInstance);
        int session = indexOf(new PageEvent.SessionStarted("events.html"));
        int starting = indexOf(new PageEvent.InterpreterStarting(type));
        int started = indexOf(new PageEvent.ScriptStarted(id, type));
        int printed = line(id, "main ran");
        int done = indexOf(new PageEvent.ScriptDone(id, type, PageEvent.ScriptDone.Outcome.OK));
        int allDone = indexOf(new PageEvent.ScriptsDone(0));
        int workerStarting = indexOf(new PageEvent.WorkerState("worker w", type, "starting"));
        int workerRunning = indexOf(new PageEvent.WorkerState("worker w", type, "running"));
        int workerPrinted = line("worker w", "worker ran");
        int workerReady = indexOf(new PageEvent.WorkerState("worker w", type, "ready"));
        int idle = indexOf(PageEvent.Idle.class::isInstance);
        assertBefore(loading, session);
        assertBefore(session, starting);
        assertBefore(starting, started);
        assertBefore(started, printed);
        assertBefore(printed, done);
        assertBefore(done, allDone);
        assertBefore(session, workerStarting);
        assertBefore(workerStarting, workerRunning);
        assertBefore(workerRunning, workerPrinted);
        assertBefore(workerPrinted, workerReady);
        assertBefore(allDone, idle);
        assertBefore(workerReady, idle);
        assertEquals(1, events.stream().filter(PageEvent.Idle.class::isInstance).count(), story());
        assertTrue(events.stream().noneMatch(PageEvent.PageError.class::isInstance), story());
    }

    @BothInterpreters
    void errorsArePageErrorsAfterTheirConsoleLine(String type) throws Exception {
        open("""
                <script>setTimeout(() => { throw new TypeError("js boom") }, 50)</script>
                <script type="%s">raise RuntimeError("py boom")</script>""".formatted(type));
        String id = type + "-0";
        int pyError = indexOf(e -> e instanceof PageEvent.PageError error && error.source().equals(id)
                && error.message().contains("RuntimeError: py boom"));
        int failed = indexOf(new PageEvent.ScriptDone(id, type, PageEvent.ScriptDone.Outcome.FAILED));
        int jsError = indexOf(e -> e instanceof PageEvent.PageError error && error.source().equals("js")
                && error.message().contains("js boom"));
        int jsLine = indexOf(e -> e instanceof PageEvent.ConsoleLine line && line.line().source().equals("js")
                && line.line().isError() && line.line().text().contains("js boom"));
        assertBefore(pyError, failed);
        assertBefore(jsLine, jsError);
        assertBefore(jsError, indexOf(PageEvent.Idle.class::isInstance)); // the timer's error comes before Idle
        assertTrue(events.stream().noneMatch(e -> e instanceof PageEvent.ConsoleLine line
                && line.line().source().equals("js-uncaught")), story());
    }

    @BothInterpreters
    void idleWaitsForTheTimersOfJavaScriptAndPython(String type) throws Exception {
        open("""
                <script>addEventListener("py:all-done", () => setTimeout(() => console.log("js late"), 700))</script>
                <script type="%s">
                import asyncio
                async def later():
                    await asyncio.sleep(1.2)
                    print("py late")
                asyncio.create_task(later())
                </script>""".formatted(type));
        int idle = indexOf(PageEvent.Idle.class::isInstance);
        assertBefore(line("js", "js late"), idle);
        assertBefore(line(type + "-0", "py late"), idle);
        assertBefore(indexOf(PageEvent.ScriptsDone.class::isInstance), line("js", "js late"));
    }

    @Test
    void aSubscriberThatThrowsChangesNothingForThePageOrTheOthers() throws Exception {
        Runnable broken = page.loader().events().subscribe(PageEvent.ConsoleLine.class, line -> {
            throw new IllegalStateException("a broken console subscriber");
        });
        List<String> after = new CopyOnWriteArrayList<>(); // subscribed after the broken one
        Runnable later = page.loader().events().subscribe(PageEvent.ConsoleLine.class, line -> {
            if (line.line().source().equals("py-0")) after.add(line.line().text());
        });
        try {
            open("""
                    <div id="out"></div>
                    <script type="py">
                    print("one")
                    print("two")
                    from pyscript import document
                    document.getElementById("out").textContent = "went on"
                    </script>""");
        } finally {
            broken.run();
            later.run();
        }
        assertEquals("went on", page.text("#out"));
        assertEquals(List.of("one", "two"), page.consoleFrom("py-0"));
        assertEquals(List.of("one", "two"), after);
        assertBefore(line("py-0", "two"), indexOf(new PageEvent.ScriptDone("py-0", "py", PageEvent.ScriptDone.Outcome.OK)));
    }
}
