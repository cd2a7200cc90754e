package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uncaught Python errors, PyScript's way: the traceback goes to the console stream (tagged with the script's id)
 * and into a red {@code div.py-error} banner, and the page's next script still runs.
 */
@PageTest
class ErrorsTest {
    static PageHarness page;
    @TempDir
    Path dir;

    private void open(String type, String failing) throws Exception {
        page.open(dir, "errors.html", """
                <!DOCTYPE html><html><head></head><body>
                <p id="content">content</p>
                <script type="$TYPE">
                %s</script>
                <script type="$TYPE">
                    from pyscript import display
                    display("next script ran")
                </script>
                </body></html>""".formatted(failing).replace("$TYPE", type));
    }

    /** The error-level console texts that came from one source. */
    private List<String> errorsFrom(String source) {
        return page.errors().stream().filter(e -> e.source().equals(source)).map(ConsoleEvent::text).toList();
    }

    private void assertNextScriptRan(String type) {
        assertEquals(List.of("next script ran"), page.texts("#" + type + "-1 > div"), page.consoleText());
    }

    @BothInterpreters
    void uncaughtExceptionShowsItsTracebackInTheConsoleAndTheBanner(String type) throws Exception {
        open(type, """
                    def fail():
                        raise ValueError("something broke")
                    fail()
                """);
        List<String> errors = errorsFrom(type + "-0");
        assertEquals(1, errors.size(), page.consoleText());
        String traceback = errors.getFirst();
        assertTrue(traceback.startsWith("Traceback (most recent call last):"), traceback);
        assertTrue(traceback.contains("in <module>") && traceback.contains("in fail"), traceback);
        assertTrue(traceback.strip().endsWith("ValueError: something broke"), traceback);
        assertFalse(traceback.contains("_pydesk"), "PyDesk's own frames are not shown: " + traceback);

        assertEquals(1, page.count("div.py-error"), page.bannerText());
        assertEquals(traceback.strip(), page.bannerText().strip());
        assertEquals("BODY", page.js("document.querySelector('div.py-error').parentElement.tagName"));
        assertNextScriptRan(type);
    }

    @BothInterpreters
    void nameErrorIsReported(String type) throws Exception {
        open(type, """
                    print(undefined_name)
                """);
        String errors = String.join("\n", errorsFrom(type + "-0"));
        assertTrue(errors.contains("NameError") && errors.contains("undefined_name"), page.consoleText());
        assertTrue(page.bannerText().contains("NameError"), page.bannerText());
        assertTrue(page.bannerText().contains("undefined_name"), page.bannerText());
        assertNextScriptRan(type);
    }

    @BothInterpreters
    void syntaxErrorIsReportedAndNothingOfTheScriptRuns(String type) throws Exception {
        open(type, """
                    from pyscript import window
                    window.beforeTheSyntaxError = True
                    def broken(:
                        pass
                """);
        String errors = String.join("\n", errorsFrom(type + "-0"));
        assertTrue(errors.contains("SyntaxError"), page.consoleText());
        assertTrue(page.bannerText().contains("SyntaxError"), page.bannerText());
        assertEquals(true, page.js("window.beforeTheSyntaxError === undefined"),
                "a script that does not compile runs no statement at all");
        assertNextScriptRan(type);
    }

    @BothInterpreters
    void errorAfterOutputKeepsTheOutput(String type) throws Exception {
        open(type, """
                    from pyscript import display
                    display("shown before the error")
                    1 / 0
                """);
        assertEquals(List.of("shown before the error"), page.texts("#" + type + "-0 > div"), page.consoleText());
        assertTrue(String.join("\n", errorsFrom(type + "-0")).contains("ZeroDivisionError"), page.consoleText());
        assertTrue(page.bannerText().contains("ZeroDivisionError"), page.bannerText());
        assertNextScriptRan(type);
    }

    @BothInterpreters
    void eachFailingScriptGetsItsOwnBanner(String type) throws Exception {
        page.open(dir, "errors.html", """
                <!DOCTYPE html><html><head></head><body>
                <script type="$TYPE">
                    raise KeyError("first")
                </script>
                <script type="$TYPE">
                    raise IndexError("second")
                </script>
                </body></html>""".replace("$TYPE", type));
        List<String> banners = page.texts("div.py-error");
        assertEquals(2, banners.size(), page.bannerText());
        assertTrue(banners.get(0).contains("KeyError: 'first'"), banners.get(0));
        assertTrue(banners.get(1).contains("IndexError: second"), banners.get(1));
        assertTrue(String.join("\n", errorsFrom(type + "-1")).contains("IndexError: second"), page.consoleText());
    }
}
