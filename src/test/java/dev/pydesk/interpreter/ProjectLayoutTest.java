package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.FxThread;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages laid out as PyScript projects are, in real folders: {@code project/app/index.html} next to
 * {@code project/lib/}. The site root (the page's folder unless widened), paths relative to a config file, workers
 * that get the page's config, tracebacks without local paths, stderr in the banner; py and mpy, main and worker.
 */
@PageTest
class ProjectLayoutTest {
    static PageHarness page;
    @TempDir
    Path dir;
    Path project;
    Path app;

    @BeforeEach
    void layout() throws IOException {
        project = dir.toRealPath().resolve("project");
        app = Files.createDirectories(project.resolve("app"));
        write("lib/x.py", "def hello():\n    return 'hello from lib'\n");
        write("lib/x.js", "window.libRan = true;");
        Files.writeString(dir.resolve("outside.txt"), "outside the project");
    }

    @AfterEach
    void ownRoots() {
        FxThread.run(() -> page.loader().siteRoot(null));
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void open(String body) throws IOException {
        page.open(app, "index.html", "<!doctype html><html><head><script>window.log = [];</script>"
                + "<script src=\"../lib/x.js\"></script></head><body>\n" + body + "\n</body></html>");
    }

    private void waitForLog(int entries) {
        page.waitUntil(entries + " log entries", Duration.ofSeconds(60),
                () -> ((Number) page.js("window.log.length")).intValue() >= entries);
    }

    /** A script (main or worker) that logs what it can reach of ../lib and of the folder above the project. */
    private static String reacher(String type, String attributes, String who) {
        return """
                <script type="%s"%s>
                    from pyscript import window
                    def attempt(what):
                        try:
                            return str(what())
                        except Exception as error:
                            return type(error).__name__
                    window.log.push("%s " + attempt(lambda: open("../lib/x.py").read().split("'")[1]))
                    window.log.push("%s " + attempt(lambda: open("../../outside.txt").read()))
                </script>""".formatted(type, attributes, who, who);
    }

    @BothInterpreters
    void withoutARootThePageReachesNothingAboveItsFolderAndTheConsoleSaysHowToAllowIt(String type) throws Exception {
        open(reacher(type, "", "main") + reacher(type, " worker", "worker"));
        waitForLog(4);
        assertEquals(List.of("main PermissionError", "main PermissionError"),
                page.jsonList("window.log.filter(t => t.startsWith('main'))"), page.consoleText());
        assertEquals(List.of("worker PermissionError", "worker PermissionError"),
                page.jsonList("window.log.filter(t => t.startsWith('worker'))"), page.consoleText());
        assertEquals(true, page.js("window.libRan === undefined"), "../lib/x.js was not served");
        String refusals = page.consoleFrom("pydesk").toString();
        assertTrue(refusals.contains("refused " + project.resolve("lib/x.js")) && refusals.contains("--root " + project)
                && refusals.contains("root = \"..\""), refusals);
        assertTrue(refusals.contains("refused " + project.resolve("lib/x.py")), "page Python's open() too: " + refusals);
    }

    @BothInterpreters
    void withARootThePageAndItsPythonReachEverythingUnderItAndNothingElse(String type) throws Exception {
        FxThread.run(() -> page.loader().siteRoot(project));
        open(reacher(type, "", "main") + reacher(type, " worker", "worker") + """
                <script type="%s" config='{"files": {"../lib/x.py": ""}}'>
                    from pyscript import fetch, window
                    import x
                    window.log.push("import " + x.hello())
                    response = await fetch("../lib/x.py")
                    window.log.push(f"fetch {response.status}")
                </script>""".formatted(type));
        waitForLog(6);
        assertEquals(List.of("main hello from lib", "main PermissionError"),
                page.jsonList("window.log.filter(t => t.startsWith('main'))"), page.consoleText());
        assertEquals(List.of("worker hello from lib", "worker PermissionError"),
                page.jsonList("window.log.filter(t => t.startsWith('worker'))"), page.consoleText());
        assertEquals(List.of("import hello from lib", "fetch 200"),
                page.jsonList("window.log.filter(t => t.startsWith('import') || t.startsWith('fetch'))"));
        assertEquals(true, page.js("window.libRan === true"), "../lib/x.js was served");
        assertEquals(0, page.count(".py-error"), page.consoleText());
    }

    @BothInterpreters
    void aConfigFileNamesItsFilesAndModulesRelativeToItself(String type) throws Exception {
        write("app/sub/conf.toml", """
                [files]
                "{FROM}" = "../data"
                "{TO}" = "./copied"
                "{FROM}/a.txt" = "{TO}/a.txt"
                "./here.txt" = ""
                [js_modules.main]
                "./mod.js" = "sub_module"
                """);
        write("app/sub/here.txt", "next to the config");
        write("app/sub/mod.js", "export const where = 'sub/mod.js';");
        write("app/data/a.txt", "from app/data");
        open("""
                <%1$s-config src="./sub/conf.toml"></%1$s-config>
                <script type="%1$s">
                    from pyscript import window
                    from pyscript.js_modules import sub_module
                    window.log.push("main " + open("copied/a.txt").read())
                    window.log.push("main " + open("here.txt").read())
                    window.log.push("main " + sub_module.where)
                </script>
                <script type="%1$s" worker config="./sub/conf.toml">
                    from pyscript import window
                    window.log.push("worker " + open("copied/a.txt").read())
                    window.log.push("worker " + open("here.txt").read())
                </script>""".formatted(type));
        waitForLog(5);
        assertEquals(List.of("main from app/data", "main next to the config", "main sub/mod.js"),
                page.jsonList("window.log.filter(t => t.startsWith('main'))"), page.consoleText());
        assertEquals(List.of("worker from app/data", "worker next to the config"),
                page.jsonList("window.log.filter(t => t.startsWith('worker'))"), page.consoleText());
        assertEquals(0, page.count(".py-error"), page.consoleText());
    }

    @BothInterpreters
    void aWorkerWithoutAConfigGetsThePagesItsOwnConfigWins(String type) throws Exception {
        write("app/data/a.txt", "copied for the page");
        open("""
                <%1$s-config>
                    custom = "the page's"
                    [files]
                    "./data/a.txt" = ""
                </%1$s-config>
                <script type="%1$s" worker>
                    from pyscript import config, window
                    window.log.push("inherits " + config["custom"] + " " + open("a.txt").read())
                </script>
                <script type="%1$s" worker config='{"custom": "its own"}'>
                    from pyscript import config, window
                    import os
                    window.log.push(f"own {config['custom']} {os.path.exists('a.txt')}")
                </script>""".formatted(type));
        waitForLog(2);
        assertEquals(List.of("inherits the page's copied for the page", "own its own False"),
                page.jsonList("window.log.slice().sort()"), page.consoleText());
    }

    @BothInterpreters
    void tracebacksNameFilesRelativeToTheSiteRoot(String type) throws Exception {
        FxThread.run(() -> page.loader().siteRoot(project));
        write("lib/broken.py", "import json\n\ndef parse():\n    return json.loads('{')\n");
        write("app/main.py", "import broken\nbroken.parse()\n");
        open("<script type=\"%s\" src=\"./main.py\" config='{\"files\": {\"../lib/broken.py\": \"\"}}'></script>"
                .formatted(type));
        String banner = page.bannerText();
        assertTrue(banner.contains("File \"app/main.py\", line 2") && banner.contains("File \"app/broken.py\", line 4")
                && banner.contains("File \"/lib/python3.12/json/"), banner);
        assertFalse(banner.contains(dir.toString()) || banner.contains(System.getProperty("user.home") + "/"),
                "no local path in the banner: " + banner);
    }

    @BothInterpreters
    void stderrOfMainThreadPythonShowsTheBannerAsPyScriptsErrorPluginDoes(String type) throws Exception {
        open("""
                <script type="%1$s">
                    import sys
                    print("This is an error", file=sys.stderr)
                </script>
                <script type="%1$s" worker>
                    import sys
                    from pyscript import window
                    print("from the worker", file=sys.stderr)
                    window.log.push("worker done")
                </script>""".formatted(type));
        waitForLog(1);
        Thread.sleep(300);
        assertEquals("This is an error", page.bannerText(), "main-thread stderr only; " + page.consoleText());
        page.clearConsole();
        page.open(app, "quiet.html", """
                <%1$s-config>plugins = ["!error"]</%1$s-config>
                <script type="%1$s">
                    import sys
                    print("This is an error", file=sys.stderr)
                </script>""".formatted(type));
        assertEquals("", page.bannerText(), "plugins = [\"!error\"]: no banner");
        assertEquals(List.of("This is an error"), page.consoleFrom(type + "-0"));
    }
}
