package dev.pydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.JvmFlags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --headless} contract, checked on a real PyDesk process: output, stderr stream, exit status. */
class HeadlessCliTest {
    @TempDir
    Path dir;

    record Result(int status, String stdout, String stderr) {}

    private Result pydesk(String... args) throws Exception {
        return pydeskWithInput("", args);
    }

    /** Runs PyDesk with {@code input} as its standard input (then closed: end of input). */
    private Result pydeskWithInput(String input, String... args) throws Exception {
        Process process = new ProcessBuilder(command(args)).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pydesk did not exit: " + Files.readString(dir.resolve("err.txt")));
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    /** A PyDesk process as the launcher starts it (its JVM flags, without its AOT cache). */
    /** The PyDesk command line; what its pages store goes to the test's folder, never the user's state folder. */
    private List<String> command(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JvmFlags.of("base", "tuning"));
        command.add("-Dpydesk.state=" + dir.resolve("state"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.pydesk.app.Launcher"));
        command.addAll(List.of(args));
        return command;
    }

    private Path page(String name, String body) throws IOException {
        Path page = dir.resolve(name);
        Files.writeString(page, "<!doctype html><html><head><title>t</title></head><body>" + body + "</body></html>");
        return page;
    }

    @Test
    void dumpsTheFinalDomAndStreamsTheConsoleWithSources() throws Exception {
        Path page = page("ok.html", """
                <div id="out"></div>
                <script>console.log("from js")</script>
                <script type="py">
                from pyscript import display
                print("from py")
                display("shown", target="out")
                </script>
                <script type="mpy">print("from mpy")</script>""");
        Result result = pydesk("--headless", page.toString());
        assertEquals(0, result.status(), result.stderr());
        assertTrue(result.stdout().contains("<div id=\"out\"><div>shown</div></div>"), result.stdout());
        assertTrue(result.stdout().startsWith("<html"), result.stdout());
        assertTrue(result.stderr().contains("[py-0] from py"), result.stderr());
        assertTrue(result.stderr().contains("[mpy-0] from mpy"), result.stderr());
        assertTrue(result.stderr().contains("[js] from js"), result.stderr());
    }

    @Test
    void headlessPromptsReadStandardInputSoWorkersCanAskWithInput() throws Exception {
        Path page = page("ask.html", """
                <div id="answers"></div>
                <script type="py" worker>
                from pyscript import document, window
                first = input("first?")
                second = input("second?")
                try:
                    input("third?")
                    third = "no EOF"
                except EOFError:
                    third = "EOFError"
                window.alert("noted")
                document.getElementById("answers").textContent = f"{first}|{second}|{third}|{window.confirm('sure?')}"
                </script>""");
        Result result = pydeskWithInput("Ada\nLovelace\n", "--headless", "--dump", "text", "--wait-for",
                "#answers:not(:empty)", page.toString());
        assertEquals(0, result.status(), result.stderr());
        assertTrue(result.stdout().contains("Ada|Lovelace|EOFError|False"), result.stdout() + result.stderr());
        assertTrue(result.stderr().contains("[prompt] first?"), result.stderr());
        assertTrue(result.stderr().contains("[alert] noted"), result.stderr());
        assertTrue(result.stderr().contains("[confirm] sure?"), result.stderr());
    }

    @Test
    void textDumpAndPageErrorGiveStatusOne() throws Exception {
        Path page = page("err.html", """
                <p>before</p>
                <script type="py">raise ValueError("boom")</script>
                <script type="py">from pyscript import display; display("after")</script>""");
        Result result = pydesk("--headless", "--dump", "text", page.toString());
        assertEquals(1, result.status(), result.stderr());
        assertTrue(result.stdout().contains("before"), result.stdout());
        assertTrue(result.stdout().contains("after"), result.stdout());
        assertTrue(result.stdout().contains("ValueError: boom"), "the banner is part of the page: " + result.stdout());
        assertTrue(result.stderr().contains("[py-0] error: Traceback"), result.stderr());
    }

    @Test
    void waitForNeverMatchingTimesOutWithStatusThree() throws Exception {
        Path page = page("wait.html", "<script type=\"py\">print('ran')</script>");
        Result result = pydesk("--headless", "--timeout", "3", "--wait-for", "#never", "--dump", "none", page.toString());
        assertEquals(3, result.status(), result.stderr());
        assertTrue(result.stderr().contains("timed out"), result.stderr());
        assertEquals("", result.stdout());
    }

    @Test
    void waitForMatchesAndScreenshotIsWritten() throws Exception {
        Path page = page("shot.html", """
                <script type="py">
                from pyscript import document
                el = document.createElement("p")
                el.id = "late"
                el.textContent = "made by Python"
                document.body.append(el)
                </script>""");
        Path png = dir.resolve("shot.png");
        Result result = pydesk("--headless", "--wait-for", "#late", "--dump", "none", "--screenshot", png.toString(),
                page.toString());
        assertEquals(0, result.status(), result.stderr());
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 100 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "a PNG file");
    }

    @Test
    void rootServesAFolderAboveThePageAndMustHoldIt() throws Exception {
        Path app = Files.createDirectories(dir.resolve("project/app"));
        Files.createDirectories(dir.resolve("project/lib"));
        Files.writeString(dir.resolve("project/lib/x.py"), "WHO = 'lib'\n");
        Path page = app.resolve("index.html");
        Files.writeString(page, """
                <script type="py">
                from pyscript import display
                display(open("../lib/x.py").read().strip(), target="out")
                </script><div id="out"></div>""");
        Result refused = pydesk("--headless", "--dump", "text", page.toString());
        assertEquals(1, refused.status(), refused.stderr());
        assertTrue(refused.stderr().contains("refused " + dir.toRealPath().resolve("project/lib/x.py"))
                && refused.stderr().contains("--root"), refused.stderr());

        Result allowed = pydesk("--headless", "--root", dir.resolve("project").toString(), "--dump", "text",
                page.toString());
        assertEquals(0, allowed.status(), allowed.stderr());
        assertTrue(allowed.stdout().contains("WHO = 'lib'"), allowed.stdout());

        Files.writeString(app.resolve("pydesk.toml"), "root = \"..\"\n");
        Result configured = pydesk("--headless", "--dump", "text", page.toString());
        assertEquals(0, configured.status(), configured.stderr());
        assertTrue(configured.stdout().contains("WHO = 'lib'"), configured.stdout());

        Result outside = pydesk("--headless", "--root", dir.resolve("project/lib").toString(), page.toString());
        assertEquals(2, outside.status(), outside.stderr());
        assertTrue(outside.stderr().contains("must be a folder that holds the page"), outside.stderr());
        Files.writeString(app.resolve("pydesk.toml"), "root = \"../nowhere\"\n");
        Result missing = pydesk("--headless", page.toString());
        assertEquals(2, missing.status(), missing.stderr());
        assertTrue(missing.stderr().contains("no such folder"), missing.stderr());
    }

    @Test
    void waitForGivesUpAtOnceWhenEveryScriptFailedAndNothingIsPending() throws Exception {
        Path page = page("fails.html", """
                <script type="py">raise ImportError("no such module here")</script>
                <script type="mpy" worker>raise RuntimeError("the worker broke too")</script>""");
        Result result = pydesk("--headless", "--timeout", "100", "--wait-for", "#result", "--dump", "none",
                page.toString());
        assertEquals(1, result.status(), "status 1 at once, not 3 after the timeout: " + result.stderr());
        assertTrue(result.stderr().contains("ImportError: no such module here")
                && result.stderr().contains("gave up waiting for '#result'"), result.stderr());

        Path busy = page("busy.html", """
                <script type="py">raise ValueError("first")</script>
                <script type="py">
                import asyncio
                from pyscript import document
                await asyncio.sleep(2)
                document.body.append(document.createElement("output"))
                </script>""");
        Result waited = pydesk("--headless", "--timeout", "100", "--wait-for", "output", "--dump", "none", busy.toString());
        assertEquals(1, waited.status(), "matched, but a page error happened: " + waited.stderr());
        assertFalse(waited.stderr().contains("gave up"), "a script was still at work: " + waited.stderr());
    }

    @Test
    void usageErrorsAndUnreadablePagesGiveStatusTwo() throws Exception {
        assertEquals(2, pydesk("--headless", dir.resolve("missing.html").toString()).status());
        Result bad = pydesk("--no-such-option");
        assertEquals(2, bad.status());
        assertTrue(bad.stderr().contains("Unknown option"), bad.stderr());
        Result help = pydesk("--help");
        assertEquals(0, help.status());
        assertTrue(help.stdout().contains("--headless"), help.stdout());
        assertTrue(help.stdout().contains("--mount=[POINT=]DIR"), help.stdout());
        Result notAFolder = pydesk("--headless", "--mount", dir.resolve("nothing-here").toString(),
                page("p.html", "").toString());
        assertEquals(2, notAFolder.status());
        assertTrue(notAFolder.stderr().contains("--mount " + dir.resolve("nothing-here") + ": "), notAFolder.stderr());
        Result version = pydesk("--version");
        assertEquals(0, version.status());
        assertTrue(version.stdout().contains("PyDesk"), version.stdout());
    }

    /** A store outlives the process: two runs of one page count 1, then 2 (the state folder is the test's). */
    @Test
    void storageOutlivesTheProcess() throws Exception {
        Path page = page("visits.html", """
                <div id="count"></div>
                <script type="py">
                from pyscript import document, storage
                store = await storage("visits")
                store["n"] = store.get("n", 0) + 1
                document.getElementById("count").textContent = f"visit {store['n']}"
                </script>""");
        for (int visit = 1; visit <= 2; visit++) {
            Result result = pydesk("--headless", "--dump", "text", page.toString());
            assertEquals(0, result.status(), result.stderr());
            assertEquals("visit " + visit, result.stdout().strip(), result.stderr());
        }
        try (var stores = Files.walk(dir.resolve("state/storage"))) {
            assertEquals(1, stores.filter(file -> file.toString().endsWith(".json")).count());
        }
    }

    /** Headless, fs.mount() gets the folder given with --mount (for its mount point, or for any). */
    @Test
    void mountGivesHeadlessPagesTheirFolder() throws Exception {
        Path chosen = Files.createDirectories(dir.resolve("chosen"));
        Files.writeString(chosen.resolve("in.txt"), "from the user");
        Path page = page("mount.html", """
                <div id="read"></div>
                <script type="py">
                from pyscript import document, fs
                await fs.mount("/data")
                document.getElementById("read").textContent = open("/data/in.txt").read()
                with open("/data/out.txt", "w") as out:
                    out.write("from the page")
                </script>""");
        Result result = pydesk("--headless", "--dump", "text", "--mount", "/data=" + chosen, page.toString());
        assertEquals(0, result.status(), result.stderr());
        assertEquals("from the user", result.stdout().strip());
        assertEquals("from the page", Files.readString(chosen.resolve("out.txt")));
        Result none = pydesk("--headless", "--dump", "none", page.toString());
        assertEquals(1, none.status(), "a page error: no folder was given");
        assertTrue(none.stderr().contains("no folder was chosen (headless: give the folder with --mount DIR, or "
                + "--mount /data=DIR)"), none.stderr());
    }

    /** {@code --headless --watch --dump text}: prints the page, then again after each edit of a file it uses. */
    @Test
    void watchPrintsAgainAfterEachChange() throws Exception {
        // stdout and stderr go to files in the page's folder: PyDesk must not take its own output for an edit.
        Files.writeString(dir.resolve("main.py"), "from pyscript import display\ndisplay('first version')\n");
        Path page = page("watch.html", "<script type=\"py\" src=\"./main.py\"></script>");
        Process process = new ProcessBuilder(command("--headless", "--watch", "--dump", "text", page.toString()))
                .directory(dir.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        try {
            waitForOutput(process, "first version", "pydesk: watching");
            Files.writeString(dir.resolve("main.py"), "from pyscript import display\ndisplay('second version')\n");
            waitForOutput(process, "second version", "main.py changed: reloading");
            String out = Files.readString(dir.resolve("out.txt"));
            assertTrue(out.indexOf("first version") < out.indexOf("second version"), out);
            String err = Files.readString(dir.resolve("err.txt"));
            assertEquals(1, err.split("changed: reloading", -1).length - 1, "one reload, for main.py alone: " + err);
            assertTrue(process.isAlive(), "--watch keeps running");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }

    private void waitForOutput(Process process, String stdout, String stderr) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String out = Files.readString(dir.resolve("out.txt"));
            String err = Files.readString(dir.resolve("err.txt"));
            if (out.contains(stdout) && err.contains(stderr)) return;
            if (!process.isAlive()) throw new AssertionError("pydesk exited: " + out + err);
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + stdout + "' / '" + stderr + "' in time: " + Files.readString(dir.resolve("out.txt"))
                + Files.readString(dir.resolve("err.txt")));
    }
}
