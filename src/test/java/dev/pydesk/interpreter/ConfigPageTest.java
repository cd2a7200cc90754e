package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyScript's config rules seen on a page: a conflicting or broken configuration of one interpreter type shows its
 * error (console and banner), and none of that type's scripts run; the other type is not affected.
 */
@PageTest
class ConfigPageTest {
    static PageHarness page;
    @TempDir
    Path dir;

    /** A script of {@code type} (with the given extra attributes) that records that it ran. */
    private static String script(String type, String attributes, String name) {
        return """
                <script type="%s"%s>
                    from pyscript import window
                    window.ran.push("%s")
                </script>
                """.formatted(type, attributes, name);
    }

    /** Opens a page of the config part and scripts; the other type's script always comes last. */
    private void open(String type, String body) throws Exception {
        String other = type.equals("py") ? "mpy" : "py";
        page.open(dir, "config.html", """
                <!DOCTYPE html><html><head><script>
                  window.ran = []; window.events = [];
                  for (const t of ["py:ready", "py:done", "mpy:ready", "mpy:done"]) {
                    document.addEventListener(t, () => events.push(t));
                  }
                  window.addEventListener("py:all-done", () => events.push("py:all-done"));
                </script></head><body>
                """ + body.replace("$TYPE", type) + script(other, "", "other") + "</body></html>");
    }

    private void assertConfigError(String type, String message) {
        assertTrue(page.errorText().contains(message), "console: " + page.consoleText());
        assertTrue(page.bannerText().contains(message), "banner: " + page.bannerText());
        assertEquals(List.of("other"), page.jsonList("window.ran"),
                "no " + type + " script runs, the other type's do; " + page.consoleText());
        List<String> events = page.jsonList("window.events");
        assertFalse(events.contains(type + ":ready") || events.contains(type + ":done"), events.toString());
        assertFalse(events.contains("py:all-done"), "not all scripts are done: " + events);
    }

    @BothInterpreters
    void tooManyConfigElements(String type) throws Exception {
        open(type, """
                <$TYPE-config>a = 1</$TYPE-config>
                <$TYPE-config>b = 2</$TYPE-config>
                """ + script(type, "", "mine"));
        assertConfigError(type, "(PY0409): Too many " + type + "-config");
    }

    @BothInterpreters
    void configElementAndConfigAttributeAreAmbiguous(String type) throws Exception {
        open(type, "<$TYPE-config>a = 1</$TYPE-config>\n" + script(type, " config='{\"b\": 2}'", "mine"));
        assertConfigError(type, "(PY0409): Ambiguous " + type + "-config VS config attribute");
    }

    @BothInterpreters
    void differentConfigAttributesOnMainConflict(String type) throws Exception {
        open(type, script(type, " config='{\"a\": 1}'", "first") + script(type, " config='{\"a\": 2}'", "second"));
        assertConfigError(type, "(PY0409): Unable to use different configs on main");
    }

    @BothInterpreters
    void invalidJsonConfigIsABadConfig(String type) throws Exception {
        open(type, script(type, " config='{\"a\": }'", "mine"));
        assertConfigError(type, "(PY1000): Invalid JSON");
    }

    @BothInterpreters
    void theSameConfigAttributeOnSeveralScriptsIsFine(String type) throws Exception {
        open(type, script(type, " config='{\"a\": 1}'", "first") + script(type, " config='{\"a\": 1}'", "second")
                + script(type, "", "third"));
        assertEquals(List.of("first", "second", "third", "other"), page.jsonList("window.ran"), page.consoleText());
        assertTrue(page.errors().isEmpty(), page.consoleText());
        assertEquals(0, page.count("div.py-error"), page.bannerText());
        assertEquals("py:all-done", page.jsonList("window.events").getLast());
    }
}
