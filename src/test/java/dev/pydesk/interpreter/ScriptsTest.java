package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.PageHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptsTest {
    static PageHarness page;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        page = new PageHarness();
    }

    @AfterAll
    static void stop() {
        page.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"py", "mpy"})
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
}
