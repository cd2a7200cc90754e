package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page JavaScript that imports PyScript's core.js gets PyDesk's stand-in, wired to the real lifecycle: hooks in
 * PyScript's order (its hooks test: onReady, onBeforeRun, codeBeforeRun, the code, codeAfterRun, onAfterRun, on the
 * main thread and for workers), whenDefined, config, TYPES; whatever path the page imports it by; PyScript's own
 * code never runs; py:all-done fires once.
 */
@PageTest
class CoreJsStandInTest {
    static PageHarness page;
    @TempDir
    Path dir;

    /** A plugin as PyScript's docs write them, logging every hook to window.log (Python logs through js). */
    private static String plugin(String from, String suffix) {
        return """
                <script type="module">
                  import { hooks } from "%1$s";
                  window.log = [];
                  const log = (text) => window.log.push(text);
                  hooks.main.onReady.add((wrap, element) => log("main onReady " + wrap.type + " " + element.tagName));
                  hooks.main.onBeforeRun%2$s.add(() => log("main onBeforeRun"));
                  hooks.main.codeBeforeRun%2$s.add('import js\\njs.log.push("main codeBeforeRun")');
                  hooks.main.codeAfterRun%2$s.add('import js\\njs.log.push("main codeAfterRun")');
                  hooks.main.onAfterRun%2$s.add(() => log("main onAfterRun"));
                  hooks.worker.onReady.add(() => log("worker onReady"));
                  hooks.worker.onBeforeRun%2$s.add(() => log("worker onBeforeRun"));
                  hooks.worker.codeBeforeRun%2$s.add('from pyscript import window\\nwindow.log.push("worker codeBeforeRun")');
                  hooks.worker.codeAfterRun%2$s.add('from pyscript import window\\nwindow.log.push("worker codeAfterRun")');
                  hooks.worker.onAfterRun%2$s.add(() => log("worker onAfterRun"));
                </script>""".formatted(from, suffix);
    }

    private List<String> logOf(String prefix) {
        return page.jsonList("window.log.filter(t => t.startsWith('" + prefix + "'))");
    }

    private void waitForLog(int entries) {
        page.waitUntil(entries + " log entries", Duration.ofSeconds(60),
                () -> ((Number) page.js("window.log ? window.log.length : 0")).intValue() >= entries);
    }

    @BothInterpreters
    void hooksRunInPyScriptsOrderForAMissingDistCoreJs(String type) throws Exception {
        page.open(dir, "hooks.html", "<!doctype html><html><head>" + plugin("./dist/core.js", "") + """
                </head><body>
                <script type="%1$s" async="false" worker>
                    from pyscript import window
                    window.log.push("worker actual code")
                </script>
                <script type="%1$s" async="false">
                    import js
                    js.log.push("main actual code")
                </script>
                </body></html>""".formatted(type));
        waitForLog(12);
        assertEquals(List.of("main onReady " + type + " SCRIPT", "main onBeforeRun", "main codeBeforeRun",
                "main actual code", "main codeAfterRun", "main onAfterRun"), logOf("main"), page.consoleText());
        assertEquals(List.of("worker onReady", "worker onBeforeRun", "worker codeBeforeRun", "worker actual code",
                "worker codeAfterRun", "worker onAfterRun"), logOf("worker"), page.consoleText());
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    @BothInterpreters
    void anAsyncScriptGetsTheAsyncHooksAndAnAwaitedOnReady(String type) throws Exception {
        page.open(dir, "async.html", "<!doctype html><html><head>" + plugin("./dist/core.js", "Async") + """
                <script type="module">
                  import { hooks } from "./dist/core.js";
                  hooks.main.onBeforeRun.add(() => window.log.push("main sync hook: not for an async script"));
                  hooks.main.onReady.add(() => new Promise((done) => setTimeout(() => {
                    window.readyAwaited = true;
                    done();
                  }, 200)));
                </script>
                </head><body>
                <script type="%s">
                    import asyncio, js
                    await asyncio.sleep(0)
                    js.log.push(f"main actual code {js.readyAwaited}")
                </script>
                </body></html>""".formatted(type));
        waitForLog(6);
        assertEquals(List.of("main onReady " + type + " SCRIPT", "main onBeforeRun", "main codeBeforeRun",
                "main actual code True", "main codeAfterRun", "main onAfterRun"), logOf("main"), page.consoleText());
    }

    @Test
    void whenDefinedConfigAndTypesAndOneStateForEveryUrl() throws Exception {
        page.open(dir, "api.html", """
                <!doctype html><html><head>
                <script type="module">
                  import { whenDefined, config, TYPES, hooks, relative_url } from "./vendor/pyscript/core.js";
                  const cdn = await import("https://pyscript.net/releases/2025.11.1/core.js");
                  window.api = [String(cdn.hooks === hooks), String(config.py.answer), String(config.mpy),
                                [...TYPES].join(";"), relative_url("./x.py", "http://h/a/b.html")];
                  whenDefined("py").then((wrap) => window.api.push("defined " + wrap.type));
                </script>
                </head><body>
                <py-config>answer = 42</py-config>
                <script type="py">print("hi")</script>
                </body></html>""");
        page.waitUntil("whenDefined", Duration.ofSeconds(30), () -> page.jsonList("window.api || []").size() == 6);
        assertEquals(List.of("true", "42", "undefined", "py,pyodide;mpy,micropython", "http://h/a/x.py", "defined py"),
                page.jsonList("window.api"), page.consoleText());
    }

    @Test
    void aLocalCopyIsRecognisedByWhatItIsAndNeverRuns() throws Exception {
        Files.createDirectories(dir.resolve("static"));
        Files.writeString(dir.resolve("static/release-2025.js"), dev.pydesk.interpreter.page.PyScriptLoaderTest.FAKE_BUNDLE);
        page.open(dir, "copy.html", """
                <!doctype html><html><head>
                <script type="module" src="./static/release-2025.js"></script>
                <script type="module">
                  import { hooks } from "./static/release-2025.js";
                  hooks.main.onReady.add(() => { window.readyFromCopy = true; });
                </script>
                </head><body>
                <script type="mpy">print("hi")</script>
                </body></html>""");
        assertEquals(true, page.js("window.readyFromCopy === true"), page.consoleText());
        assertEquals(true, page.js("window.fakeLoaderRan === undefined"), "PyScript's own code never ran");
    }

    @Test
    void pyAllDoneFiresOnceAfterWorkersToo() throws Exception {
        page.open(dir, "all-done.html", """
                <!doctype html><html><head>
                <script>
                  window.done = [];
                  addEventListener("py:all-done", () => done.push("all-done"));
                  document.addEventListener("py:done", (e) => done.push(e.detail.worker ? "worker" : "main"));
                </script>
                <script type="module" src="./dist/core.js"></script>
                </head><body>
                <script type="py" worker>
                    import time
                    time.sleep(1)
                </script>
                <script type="py">print("main")</script>
                </body></html>""");
        page.waitUntil("py:all-done", Duration.ofSeconds(60), () -> page.jsonList("window.done").contains("all-done"));
        Thread.sleep(500);
        assertEquals(List.of("main", "worker", "all-done"), page.jsonList("window.done"), page.consoleText());
    }

    @Test
    void theStandInIsNotServedForAPagesOwnCoreJs() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/core.js"), "export const answer = 42;");
        page.open(dir, "own.html", """
                <!doctype html><html><head>
                <script type="module">
                  import { answer } from "./lib/core.js";
                  window.answer = answer;
                </script>
                </head><body><script type="py">print("hi")</script></body></html>""");
        assertTrue(((Number) page.js("window.answer")).intValue() == 42, page.consoleText());
    }
}
