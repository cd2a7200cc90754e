package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyScript's lifecycle events: {@code py:ready}/{@code py:done} ({@code mpy:ready}/{@code mpy:done}) on each script
 * element, bubbling, and {@code py:all-done} on window once every script is done. A plain script in the head
 * records them, and the Python code records when it runs.
 */
@PageTest
class LifecycleTest {
    static PageHarness page;
    @TempDir
    Path dir;

    /** Records every lifecycle event as "type name" (name = the element's data-name), listening on document. */
    private static final String RECORDER = """
            <script>
              window.events = [];
              window.details = [];
              for (const type of ["py:ready", "py:done", "mpy:ready", "mpy:done"]) {
                document.addEventListener(type, (event) => {
                  events.push(type + " " + event.target.dataset.name);
                  details.push(JSON.stringify(event.detail));
                });
              }
              window.addEventListener("py:all-done", () => events.push("py:all-done"));
            </script>""";

    private void open(String type, String body) throws Exception {
        page.open(dir, "lifecycle.html", "<!DOCTYPE html><html><head>" + RECORDER + "</head><body>\n"
                + body.replace("$TYPE", type) + "\n</body></html>");
    }

    private List<String> events() {
        return page.jsonList("window.events");
    }

    private static String ran(String name) {
        return """
                    from pyscript import window
                    window.events.push("ran %s")
                """.formatted(name);
    }

    @BothInterpreters
    void readyBeforeAndDoneAfterEachScriptThenAllDone(String type) throws Exception {
        open(type, "<script type=\"$TYPE\" data-name=\"a\">\n" + ran("a") + "</script>\n"
                + "<script type=\"$TYPE\" data-name=\"b\">\n" + ran("b") + "</script>\n"
                + "<$TYPE-script data-name=\"c\">\n" + ran("c") + "</$TYPE-script>");
        assertEquals(List.of(
                type + ":ready a", "ran a", type + ":done a",
                type + ":ready b", "ran b", type + ":done b",
                type + ":ready c", "ran c", type + ":done c",
                "py:all-done"), events(), page.consoleText());
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }

    @BothInterpreters
    void eventsCarryPyScriptsDetail(String type) throws Exception {
        open(type, "<script type=\"$TYPE\" data-name=\"a\">\n" + ran("a") + "</script>");
        assertEquals(List.of("{\"worker\":false}", "{\"worker\":false}"), page.jsonList("window.details"),
                "PyScript dispatches CustomEvent(type, {bubbles: true, detail: {worker: false}}); " + events());
    }

    @Test
    void allDoneComesOnceAfterTheScriptsOfBothTypes() throws Exception {
        open("py", "<script type=\"mpy\" data-name=\"m\">\n" + ran("m") + "</script>\n"
                + "<script type=\"py\" data-name=\"p\">\n" + ran("p") + "</script>");
        List<String> events = events();
        assertEquals(1, events.stream().filter(e -> e.equals("py:all-done")).count(), events.toString());
        assertEquals("py:all-done", events.getLast(), events.toString());
        assertTrue(events.containsAll(List.of("mpy:ready m", "mpy:done m", "py:ready p", "py:done p")),
                events.toString());
        assertTrue(events.indexOf("mpy:ready m") < events.indexOf("ran m")
                && events.indexOf("ran m") < events.indexOf("mpy:done m"), events.toString());
        assertTrue(events.indexOf("py:ready p") < events.indexOf("ran p")
                && events.indexOf("ran p") < events.indexOf("py:done p"), events.toString());
    }

    @BothInterpreters
    void aFailingScriptIsStillDone(String type) throws Exception {
        open(type, "<script type=\"$TYPE\" data-name=\"bad\">\n    raise RuntimeError('on purpose')\n</script>\n"
                + "<script type=\"$TYPE\" data-name=\"good\">\n" + ran("good") + "</script>");
        assertEquals(List.of(
                type + ":ready bad", type + ":done bad",
                type + ":ready good", "ran good", type + ":done good",
                "py:all-done"), events(), page.consoleText());
    }

    @BothInterpreters
    void eventsAreDispatchedOnTheScriptElementItself(String type) throws Exception {
        open(type, """
                <script type="$TYPE" id="watched" data-name="w">
                    from pyscript import window
                    window.events.push("ran w")
                </script>
                <script>
                  const watched = document.getElementById("watched");
                  window.own = [];
                  watched.addEventListener("$TYPE:ready", (e) => own.push("ready " + (e.target === watched)));
                  watched.addEventListener("$TYPE:done", (e) => own.push("done " + (e.target === watched)));
                </script>""");
        assertEquals(List.of("ready true", "done true"), page.jsonList("window.own"), page.consoleText());
    }

    @BothInterpreters
    void onReadyTheScriptAlreadyHasItsOutputElementAsTarget(String type) throws Exception {
        open(type, """
                <script type="$TYPE" id="watched" data-name="w">
                    from pyscript import window
                    window.events.push("ran w")
                </script>
                <script>
                  document.getElementById("watched").addEventListener("$TYPE:ready", (e) => {
                    const target = e.target.target;
                    window.targetOnReady = target ? target.tagName + "#" + target.id : "none";
                  });
                </script>""");
        assertEquals("SCRIPT-PY#" + type + "-0", page.js("window.targetOnReady"), page.consoleText());
    }
}
