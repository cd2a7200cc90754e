package dev.pydesk.interpreter.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pydesk.interpreter.packages.WheelCache;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import dev.pydesk.testing.TestWheels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config {@code packages} and {@code files}, and {@code py_import}, on a real WebView with real GraalPy, offline:
 * the tests build their own wheels, serve them from the page's folder and from an HTTP server on 127.0.0.1 that
 * also plays the package index (PyPI's JSON API), and point PyDesk's package cache at a temporary folder.
 */
@PageTest
class PackagesTest {
    static PageHarness page;
    static HttpServer server;
    static Path cache;
    static final Map<String, byte[]> served = new ConcurrentHashMap<>();
    static final Map<String, String> index = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        cache = Files.createTempDirectory("pydesk-test-packages-");
        System.setProperty("pydesk.packages.cache", cache.toString());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath().substring("/files/".length()));
            send(exchange, body == null ? 404 : 200, body == null ? "not found".getBytes() : body);
        });
        server.createContext("/pypi/", exchange -> { // /pypi/<name>/json
            String name = exchange.getRequestURI().getPath().split("/")[2];
            String json = index.get(name);
            send(exchange, json == null ? 404 : 200, (json == null ? "{\"message\": \"Not Found\"}" : json)
                    .getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.stop(0);
        System.clearProperty("pydesk.packages.cache");
        try (Stream<Path> paths = Files.walk(cache)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves a wheel on the test server and lists it on the test index under {@code name}. */
    static void publish(String name, String fileName, byte[] wheel) throws Exception {
        served.put(fileName, wheel);
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(wheel));
        index.put(name, """
                {"info": {"name": "%s"}, "urls": [
                  {"filename": "%s.tar.gz", "packagetype": "sdist", "url": "/files/none.tar.gz", "digests": {}},
                  {"filename": "%s", "packagetype": "bdist_wheel", "url": "%s", "digests": {"sha256": "%s"}}]}
                """.formatted(name, name, fileName, url("/files/" + fileName), sha));
    }

    /** A module whose {@code hello()} says where it comes from. */
    static byte[] helloWheel(String dist, String marker) throws IOException {
        return TestWheels.pureWheel(dist, "1.0", Map.of(dist + "/__init__.py",
                "def hello():\n    return 'hello from " + dist + " " + marker + "'\n",
                dist + "/data.txt", "package data"));
    }

    private static String configAttribute(String json) {
        return "config='" + json + "'";
    }

    private List<Path> installed(String dist) throws IOException {
        try (Stream<Path> folders = Files.list(cache)) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith(dist + "-1.0-")).toList();
        }
    }

    @BothInterpreters
    void aWheelOfThePageFolderIsInstalledOnceAndReused(String type) throws Exception {
        String dist = "tiny_" + type;
        Files.write(dir.resolve(dist + "-1.0-py3-none-any.whl"), helloWheel(dist, "the page folder"));
        String html = """
                <html><body><div id="out"></div><div id="data"></div><div id="write"></div><div id="cache"></div>
                <script type="%s" %s>
                import os
                import %s as tiny
                from pyscript import document
                document.getElementById("out").textContent = tiny.hello()
                with open(os.path.join(os.path.dirname(tiny.__file__), "data.txt")) as f:
                    document.getElementById("data").textContent = f.read()
                try:
                    open(os.path.join(os.path.dirname(tiny.__file__), "new.txt"), "w")
                    outcome = "ALLOWED"
                except PermissionError as error:
                    outcome = "PermissionError"
                document.getElementById("write").textContent = outcome
                try:
                    os.listdir(os.path.dirname(os.path.dirname(tiny.__file__)) + "/..")
                    outcome = "ALLOWED"
                except PermissionError as error:
                    outcome = "PermissionError"
                document.getElementById("cache").textContent = outcome
                </script></body></html>""".formatted(type, configAttribute(
                "{\"packages\": [\"./" + dist + "-1.0-py3-none-any.whl\"]}"), dist);
        int unpackedBefore = WheelCache.unpackedCount();
        long cold = System.nanoTime();
        page.open(dir, "p.html", html);
        cold = System.nanoTime() - cold;
        assertEquals("hello from " + dist + " the page folder", page.text("#out"), page.consoleText());
        assertEquals("package data", page.text("#data"));
        assertEquals("PermissionError", page.text("#write"), "installed packages are read-only");
        assertEquals("PermissionError", page.text("#cache"), "the rest of the package cache is not the page's");
        assertEquals(List.of(), page.errors(), page.consoleText());
        assertEquals(unpackedBefore + 1, WheelCache.unpackedCount());
        List<Path> folders = installed(dist);
        assertEquals(1, folders.size(), folders.toString());
        FileTime unpackedAt = Files.getLastModifiedTime(folders.getFirst().resolve(dist + "/__init__.py"));

        long cached = System.nanoTime();
        page.open(dir, "p.html", html);
        cached = System.nanoTime() - cached;
        assertEquals("hello from " + dist + " the page folder", page.text("#out"), page.consoleText());
        assertEquals(unpackedBefore + 1, WheelCache.unpackedCount(), "the second load unzipped the wheel again");
        assertEquals(folders, installed(dist));
        assertEquals(unpackedAt, Files.getLastModifiedTime(folders.getFirst().resolve(dist + "/__init__.py")));
        System.out.printf("[packages] %s page load with a wheel: cold %d ms, cached %d ms%n", type,
                TimeUnit.NANOSECONDS.toMillis(cold), TimeUnit.NANOSECONDS.toMillis(cached));
    }

    @BothInterpreters
    void wheelsComeFromUrlsAndNamesFromThePackageIndex(String type) throws Exception {
        String web = "web_" + type;
        served.put(web + "-1.0-py3-none-any.whl", helloWheel(web, "the web"));
        String named = "named-" + type;
        String module = "named_" + type;
        publish(named, module + "-1.0-py2.py3-none-any.whl", helloWheel(module, "the index"));
        page.open(dir, "p.html", """
                <html><body><div id="web"></div><div id="named"></div>
                <script type="%s" %s>
                import %s, %s
                from pyscript import document
                document.getElementById("web").textContent = %s.hello()
                document.getElementById("named").textContent = %s.hello()
                </script></body></html>""".formatted(type, configAttribute("{\"packages\": [\""
                + url("/files/" + web + "-1.0-py3-none-any.whl") + "\", \"" + named + "==1.0\"], \"packages_index\": \""
                + url("/pypi") + "\"}"), web, module, web, module));
        assertEquals("hello from " + web + " the web", page.text("#web"), page.consoleText());
        assertEquals("hello from " + module + " the index", page.text("#named"), page.consoleText());
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    /** Dependencies a wheel declares come from the index too, unless their marker excludes GraalPy 3.12 on Linux. */
    @BothInterpreters
    void dependenciesAreInstalledFromTheIndex(String type) throws Exception {
        String parent = "parent_" + type;
        String child = "child_" + type;
        publish(child.replace('_', '-'), child + "-1.0-py3-none-any.whl", helloWheel(child, "a dependency"));
        served.put(parent + "-1.0-py3-none-any.whl", TestWheels.wheel(parent, "1.0", "py3-none-any", true,
                Map.of(parent + "/__init__.py", "import " + child + "\ndef hello():\n    return " + child + ".hello()\n"),
                "Requires-Dist: " + child.replace('_', '-') + " (>=1.0)\n"
                        + "Requires-Dist: old-backport ; python_version < \"3.8\"\n"
                        + "Requires-Dist: windows-only ; sys_platform == \"win32\" or (os_name == \"nt\")\n"
                        + "Requires-Dist: test-tool[fast] ; extra == \"test\"\n"));
        served.put("orphan-1.0-py3-none-any.whl", TestWheels.wheel("orphan", "1.0", "py3-none-any", true,
                Map.of("orphan/__init__.py", ""), "Requires-Dist: missing-dependency\n"));
        page.open(dir, "p.html", """
                <html><body><div id="out"></div>
                <script type="%s" %s>
                import %s
                from pyscript import document
                document.getElementById("out").textContent = %s.hello()
                </script></body></html>""".formatted(type, configAttribute("{\"packages\": [\""
                + url("/files/" + parent + "-1.0-py3-none-any.whl") + "\", \"" + url("/files/orphan-1.0-py3-none-any.whl")
                + "\"], \"packages_index\": \"" + url("/pypi") + "\"}"), parent, parent));
        // One package of the config cannot be had: as in PyScript, none of the interpreter's scripts run.
        assertEquals("", page.text("#out"), page.consoleText());
        String expected = "cannot install \"missing-dependency\": no such package on the package index " + url("/pypi")
                + " (a dependency of orphan)";
        assertEquals(List.of(expected, noScriptsRun(type)), page.errors().stream()
                .map(e -> e.text().replace("packages: ", "")).toList(), page.consoleText());
    }

    @BothInterpreters
    void packagesThatCannotBeHadAreClearErrorsAndNoScriptRuns(String type) throws Exception {
        Files.write(dir.resolve("native-1.0-cp312-cp312-linux_x86_64.whl"), TestWheels.wheel("native", "1.0",
                "cp312-cp312-linux_x86_64", false, Map.of("native/__init__.py", "")));
        Files.write(dir.resolve("liar-1.0-py3-none-any.whl"), TestWheels.wheel("liar", "1.0", "py3-none-any", true,
                Map.of("liar/__init__.py", "", "liar/_speedups.cpython-312-x86_64-linux-gnu.so", "ELF")));
        index.put("only-sources", """
                {"urls": [{"filename": "only-sources-1.0.tar.gz", "packagetype": "sdist", "url": "/x", "digests": {}},
                          {"filename": "only_sources-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", "url": "/y"}]}""");
        page.open(dir, "p.html", """
                <html><body><div id="ran"></div>
                <script type="%s" %s>
                from pyscript import document
                try:
                    import native
                    outcome = "imported"
                except ModuleNotFoundError:
                    outcome = "ran without the packages"
                document.getElementById("ran").textContent = outcome
                </script></body></html>""".formatted(type, configAttribute("{\"packages\": [\"no-such-package\", "
                + "\"./native-1.0-cp312-cp312-linux_x86_64.whl\", \"./liar-1.0-py3-none-any.whl\", \"only-sources\", "
                + "\"./missing-1.0-py3-none-any.whl\"], \"packages_index\": \"" + url("/pypi") + "\"}")));
        assertEquals("", page.text("#ran"), page.consoleText());
        String console = page.errorText();
        String banner = page.bannerText();
        for (String expected : List.of(noScriptsRun(type),
                "cannot install \"no-such-package\": no such package on the package index " + url("/pypi"),
                "native-1.0-cp312-cp312-linux_x86_64.whl is not a pure-Python wheel (cp312-cp312-linux_x86_64)",
                "liar-1.0-py3-none-any.whl is not a pure-Python wheel: it contains native code",
                "cannot install \"only-sources\": there is no pure-Python wheel (py3-none-any) of it",
                "cannot install \"./missing-1.0-py3-none-any.whl\": (PY0404)")) {
            assertTrue(console.contains(expected), expected + "\nconsole:\n" + page.consoleText());
            assertTrue(banner.contains(expected), expected + "\nbanner:\n" + banner);
        }
        assertTrue(installed("native").isEmpty() && installed("liar").isEmpty(), "an impure wheel was installed");
    }

    @BothInterpreters
    void anUnreachableIndexIsAClearErrorWithoutAHang(String type) throws Exception {
        long started = System.nanoTime();
        page.open(dir, "p.html", """
                <html><body><div id="ran"></div>
                <script type="%s" %s>
                from pyscript import document
                document.getElementById("ran").textContent = "ran"
                </script></body></html>""".formatted(type, configAttribute(
                "{\"packages\": [\"numpy\"], \"packages_index\": \"http://127.0.0.1:9/pypi\"}")));
        assertEquals("", page.text("#ran"), page.consoleText());
        String expected = "cannot install \"numpy\": the package index http://127.0.0.1:9/pypi cannot be reached (offline?)";
        assertTrue(page.errorText().contains(expected), page.consoleText());
        assertTrue(page.errorText().contains(noScriptsRun(type)), page.consoleText());
        assertTrue(page.bannerText().contains(expected), page.bannerText());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos());
    }

    @BothInterpreters
    void filesAreCopiedIntoTheScratchFolderAndArchivesUnpacked(String type) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/info.txt"), "info");
        Files.writeString(dir.resolve("data/more.txt"), "more");
        Files.write(dir.resolve("lib.zip"), TestWheels.zip(Map.of("pkgz/__init__.py", "VALUE = 'zipped module'\n",
                "pkgz/data.txt", "zipped data")));
        Files.write(dir.resolve("bundle.tar.gz"), TestWheels.tarGz(Map.of("t/a.txt", "from the tarball")));
        served.put("answer.json", "{\"answer\": 42}".getBytes(StandardCharsets.UTF_8));
        List<String> before = listing(dir);
        PageSessionHolder holder = new PageSessionHolder();
        holder.session = page.open(dir, "p.html", """
                <html><body><pre id="out"></pre>
                <script type="%s" %s>
                import json, os, sys
                from pyscript import document
                sys.path.insert(0, "unzipped")
                import pkgz
                out = [
                    open("info.txt").read(),
                    open("copied/info.txt").read(),
                    open("copied/more.txt").read(),
                    open("unzipped/pkgz/data.txt").read(),
                    pkgz.VALUE,
                    open("t/a.txt").read(),
                    str(json.load(open("remote/answer.json"))["answer"]),
                    ",".join(sorted(os.listdir("copied"))),
                ]
                document.getElementById("out").textContent = "|".join(out)
                </script></body></html>""".formatted(type, configAttribute("""
                {"files": {"./data/info.txt": "", "{FROM}": "./data", "{TO}": "./copied", "{FROM}/info.txt": "{TO}/",
                 "{FROM}/more.txt": "{TO}/more.txt", "./lib.zip": "./unzipped/*", "./bundle.tar.gz": "/*",
                 "%s": "./remote/answer.json"}}""".formatted(url("/files/answer.json")).replace("\n", " "))));
        assertEquals("info|info|more|zipped data|zipped module|from the tarball|42|info.txt,more.txt", page.text("#out"),
                page.consoleText());
        assertEquals(List.of(), page.errors(), page.consoleText());
        before.add("p.html");
        assertEquals(before.stream().sorted().toList(), listing(dir), "files were written into the page's folder");

        Path scratch = holder.session.interpreter(type).get(10, TimeUnit.SECONDS).fileSystem().scratchFolder();
        assertNotNull(scratch);
        assertTrue(Files.isRegularFile(scratch.resolve("copied/info.txt")));
        page.open(dir, "empty.html", "<html><body></body></html>"); // closes the page before
        page.waitUntil("the scratch folder is deleted", Duration.ofSeconds(10), () -> !Files.exists(scratch));
    }

    private static final class PageSessionHolder {
        dev.pydesk.interpreter.session.PageSession session;
    }

    @BothInterpreters
    void badFilesEntriesAreClearErrors(String type) throws Exception {
        page.open(dir, "p.html", """
                <html><body><div id="ran"></div>
                <script type="%s" %s>
                from pyscript import document
                document.getElementById("ran").textContent = "ran"
                </script></body></html>""".formatted(type, configAttribute(
                "{\"files\": {\"./nowhere.txt\": \"./here.txt\"}}")));
        assertEquals("", page.text("#ran"), page.consoleText());
        String expected = "files: cannot copy \"./nowhere.txt\" to \"./here.txt\": (PY0404)";
        assertTrue(page.errorText().contains(expected), page.consoleText());
        assertTrue(page.bannerText().contains(expected), page.bannerText());
        assertTrue(page.bannerText().contains(noScriptsRun(type)), page.bannerText());
    }

    @BothInterpreters
    void pyImportInstallsAndImportsOnDemand(String type) throws Exception {
        String lazy = "lazy-" + type;
        String module = "lazy_" + type;
        publish(lazy, module + "-1.0-py3-none-any.whl", helloWheel(module, "py_import"));
        String local = "local_" + type;
        Files.write(dir.resolve(local + "-1.0-py3-none-any.whl"), helloWheel(local, "a wheel"));
        page.open(dir, "p.html", """
                <html><body><pre id="out"></pre>
                <script type="%s" %s>
                import pyscript
                from pyscript import document, py_import
                lazy, json = await py_import("%s", "json")
                (local,) = await pyscript.py_import("./%s-1.0-py3-none-any.whl")
                try:
                    await py_import("no-such-package")
                    failed = "no error"
                except ModuleNotFoundError as error:
                    failed = str(error)
                document.getElementById("out").textContent = "|".join(
                    [lazy.hello(), json.dumps([1]), local.hello(), failed])
                </script></body></html>""".formatted(type, configAttribute(
                "{\"packages_index\": \"" + url("/pypi") + "\"}"), lazy, local));
        assertEquals("hello from " + module + " py_import|[1]|hello from " + local + " a wheel|py_import: cannot install "
                + "\"no-such-package\": no such package on the package index " + url("/pypi"), page.text("#out"),
                page.consoleText());
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    /** A worker's own config installs its packages and copies its files into its own scratch folder; py_import too. */
    @BothInterpreters
    void aWorkersConfigHasItsOwnPackagesAndFiles(String type) throws Exception {
        String dist = "worker_" + type;
        Files.write(dir.resolve(dist + "-1.0-py3-none-any.whl"), helloWheel(dist, "a worker"));
        String lazy = "worker_lazy_" + type;
        Files.write(dir.resolve(lazy + "-1.0-py3-none-any.whl"), helloWheel(lazy, "py_import"));
        Files.writeString(dir.resolve("info.txt"), "info");
        page.open(dir, "p.html", """
                <html><body><pre id="out"></pre>
                <script type="%s" worker %s>
                import %s
                from pyscript import document, py_import
                (lazy,) = await py_import("./%s-1.0-py3-none-any.whl")
                with open("written.txt", "w") as f:
                    f.write("written")
                document.getElementById("out").textContent = "|".join(
                    [%s.hello(), lazy.hello(), open("copied.txt").read(), open("written.txt").read()])
                </script></body></html>""".formatted(type, configAttribute("{\"packages\": [\"./" + dist
                + "-1.0-py3-none-any.whl\"], \"files\": {\"./info.txt\": \"./copied.txt\"}}"), dist, lazy, dist));
        page.waitUntil("the worker's output", Duration.ofSeconds(60), () -> !String.valueOf(page.text("#out")).isEmpty());
        assertEquals("hello from " + dist + " a worker|hello from " + lazy + " py_import|info|written", page.text("#out"),
                page.consoleText());
        assertEquals(List.of(), page.errors(), page.consoleText());
        assertFalse(Files.exists(dir.resolve("copied.txt")) || Files.exists(dir.resolve("written.txt")));
    }

    /** Figures for the report: installing a wheel of 200 modules into an empty cache, then again (cached). */
    @Test
    void installTimeColdVersusCached() throws Exception {
        Map<String, String> modules = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 200; i++) modules.put("bulk/m" + i + ".py", "X = " + i + "\n" + "# padding\n".repeat(50));
        byte[] wheel = TestWheels.pureWheel("bulk", "1.0", modules);
        WheelCache fresh = new WheelCache(Files.createTempDirectory(cache, "timing-"));
        long cold = System.nanoTime();
        WheelCache.Installed first = fresh.install("bulk-1.0-py3-none-any.whl", wheel);
        cold = System.nanoTime() - cold;
        long cached = System.nanoTime();
        WheelCache.Installed second = fresh.install("bulk-1.0-py3-none-any.whl", wheel);
        cached = System.nanoTime() - cached;
        assertEquals(first.folder(), second.folder());
        assertEquals(List.of("bulk"), first.topLevel());
        System.out.printf("[packages] wheel of 200 modules (%d KB): install cold %.1f ms, cached %.1f ms%n",
                wheel.length / 1024, cold / 1e6, cached / 1e6);
        assertFalse(cached > cold, "a cached install was slower than a cold one");
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return new java.util.ArrayList<>(files.filter(path -> !path.equals(folder))
                    .map(path -> folder.relativize(path).toString()).sorted().toList());
        }
    }

    /** PyScript runs none of an interpreter's scripts when its config's packages or files cannot be had. */
    private static String noScriptsRun(String type) {
        return "None of this page's " + type + " scripts run: its config's packages or files could not be had (see the"
                + " errors above). Fix the config and reload the page.";
    }
}
