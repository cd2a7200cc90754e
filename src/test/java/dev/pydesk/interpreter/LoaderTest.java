package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PyScript page includes PyScript's loader. PyDesk runs the scripts itself, so the loader must never run
 * (it would run every script a second time): here a local {@code core.js} that would leave a mark if it ran.
 */
@PageTest
class LoaderTest {
    static PageHarness page;
    @TempDir
    Path dir;

    @BothInterpreters
    void localLoaderNeverRunsAndScriptsRunExactlyOnce(String type) throws Exception {
        Files.createDirectories(dir.resolve("pyscript"));
        Files.writeString(dir.resolve("pyscript/core.js"), """
                window.loaderRan = true;
                document.documentElement.dataset.loader = "ran";
                """);
        Files.writeString(dir.resolve("pyscript/core.css"), "body { background: red; }\n");
        page.open(dir, "loader.html", """
                <!DOCTYPE html>
                <html>
                <head>
                  <meta charset="utf-8">
                  <link rel="stylesheet" href="./pyscript/core.css">
                  <script type="module" src="./pyscript/core.js"></script>
                  <script>window.runs = 0;</script>
                </head>
                <body>
                  <script type="$TYPE">
                      from pyscript import display, window
                      window.runs += 1
                      display("ran")
                  </script>
                </body>
                </html>""".replace("$TYPE", type));
        // A module script runs before DOMContentLoaded, and PyDesk's scripts only start once the page has loaded.
        assertEquals("complete", page.js("document.readyState"));
        assertEquals(true, page.js("window.loaderRan === undefined && !document.documentElement.dataset.loader"),
                "PyScript's loader must not run");
        assertEquals(1, ((Number) page.js("window.runs")).intValue(), page.consoleText());
        assertEquals(List.of("ran"), page.texts("script-py > div"));
        assertEquals(1, page.count("script-py"));
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }

    @BothInterpreters
    void pagesOwnModuleScriptRunsAndSoDoThePythonScripts(String type) throws Exception {
        // The control for the test above: module scripts do run in this WebView, only PyScript's loader must not.
        Files.createDirectories(dir.resolve("pyscript"));
        Files.writeString(dir.resolve("pyscript/core.js"), "window.loaderRan = true;\n");
        Files.writeString(dir.resolve("app.js"), "window.appModuleRan = true;\n");
        page.open(dir, "module.html", """
                <!DOCTYPE html>
                <html>
                <head>
                  <script type="module" src="./pyscript/core.js"></script>
                  <script type="module" src="./app.js"></script>
                  <script>window.runs = 0;</script>
                </head>
                <body>
                  <script type="$TYPE">
                      from pyscript import display, window
                      window.runs += 1
                      display("ran")
                  </script>
                </body>
                </html>""".replace("$TYPE", type));
        assertEquals(true, page.js("window.appModuleRan === true"), "the page's own module script runs");
        assertEquals(true, page.js("window.loaderRan === undefined"), "PyScript's loader does not");
        assertEquals(1, ((Number) page.js("window.runs")).intValue(), "the Python script runs once; console:\n"
                + page.consoleText());
        assertEquals(List.of("ran"), page.texts("script-py > div"));
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }
}
