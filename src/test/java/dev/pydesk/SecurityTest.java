package dev.pydesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.JavaObjectProbe;
import dev.pydesk.testing.MainAndWorker;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.TestHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import netscape.javascript.JSObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Least privilege, checked on a real WebView with real GraalPy interpreters: page Python reaches no host class,
 * process, native code or file outside its page folder (its writes land in a scratch folder, never on the page's
 * own files), each attempt failing with a Python
 * exception the page can catch; page JavaScript reaches no Java object at all.
 */
class SecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "TOP-SECRET-" + UUID.randomUUID();
    /** A fresh WebView for every test: a page that walked all of window must not leave anything to the next. */
    PageHarness page;

    @TempDir
    Path dir;
    Path folder;

    @AfterEach
    void closePage() {
        page.close();
    }

    /**
     * {@code dir/secret.txt} is outside the page's folder {@code dir/page}; inside it: a readable file, a nested
     * one, a symlink to the secret, a symlink to the folder that holds the secret and an executable script.
     */
    @BeforeEach
    void layout() throws IOException {
        page = new PageHarness(java.time.Duration.ofSeconds(120)); // a loaded machine imports slowly; no test here times out
        folder = Files.createDirectories(dir.resolve("page"));
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.writeString(folder.resolve("data.txt"), "inside the page folder");
        Files.writeString(folder.resolve("notes.txt"), "notes");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/nested.txt"), "nested");
        Files.createSymbolicLink(folder.resolve("link.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(folder.resolve("linkdir"), dir);
        Files.writeString(folder.resolve("run.sh"), "#!/bin/sh\necho pwned > \"$(dirname \"$0\")/pwned.txt\"\n");
        assertTrue(folder.resolve("run.sh").toFile().setExecutable(true));
    }

    // ---------------------------------------------------------------------------------------------- page Python

    /** Any exception (the outcome is "TypeName: message"); an attempt that went through reads "ALLOWED: value". */
    private static final String ANY = "(?!ALLOWED)\\w+: .*";

    private static String exception(String type) {
        return type + ": .*";
    }

    /** Every attempt of page Python and what it must get (a regular expression on its outcome). */
    private static final Map<String, String> BLOCKED = new LinkedHashMap<>();

    static {
        // host classes, polyglot tricks and the host objects page Python can see
        BLOCKED.put("java.type Runtime", ANY);
        BLOCKED.put("java.type System", ANY);
        BLOCKED.put("import java.lang.Runtime", ANY);
        BLOCKED.put("java.add_to_classpath", ANY);
        BLOCKED.put("polyglot.eval js", ANY);
        BLOCKED.put("polyglot.eval python", ANY);
        BLOCKED.put("polyglot.import_value", ANY);
        BLOCKED.put("__graalpython__.read_file /etc/passwd", exception("PermissionError"));
        BLOCKED.put("host.getClass", exception("AttributeError"));
        BLOCKED.put("host.hashCode", exception("AttributeError"));
        BLOCKED.put("host.toString", exception("AttributeError"));
        BLOCKED.put("host.wait", exception("AttributeError"));
        BLOCKED.put("js.getClass", exception("AttributeError"));
        BLOCKED.put("js.realm (private field)", exception("AttributeError"));
        BLOCKED.put("js.js (private method)", exception("AttributeError"));
        BLOCKED.put("window ref.getClass", exception("AttributeError"));
        BLOCKED.put("window ref.js (package-private field)", exception("AttributeError"));
        BLOCKED.put("document ref.getClass", exception("AttributeError"));
        BLOCKED.put("marker.getClass", exception("AttributeError"));
        BLOCKED.put("marker.name", exception("AttributeError"));
        BLOCKED.put("proxy ref.getClass", exception("AttributeError"));
        BLOCKED.put("instantiate foreign type", ANY);
        // processes
        BLOCKED.put("subprocess.run /bin/echo", ANY);
        BLOCKED.put("subprocess.run page script", ANY);
        // GraalPy's os.system reports a command it could not start as status -1, as C's system() does
        BLOCKED.put("os.system", "ALLOWED: -1|" + ANY);
        BLOCKED.put("os.popen", ANY);
        BLOCKED.put("os.fork", ANY);
        BLOCKED.put("os.execv", ANY);
        BLOCKED.put("os.posix_spawn", ANY);
        // native code
        BLOCKED.put("ctypes.CDLL", ANY);
        BLOCKED.put("C extension (sqlite3)", ANY);
        // reading outside the page's folder
        BLOCKED.put("read /etc/passwd", exception("PermissionError"));
        BLOCKED.put("read ../secret.txt", exception("PermissionError"));
        BLOCKED.put("read absolute secret", exception("PermissionError"));
        BLOCKED.put("read symlink to outside file", exception("PermissionError"));
        BLOCKED.put("read through symlinked folder", exception("PermissionError"));
        BLOCKED.put("read via language home ..", exception("PermissionError"));
        BLOCKED.put("listdir ..", exception("PermissionError"));
        BLOCKED.put("listdir /", exception("PermissionError"));
        BLOCKED.put("chdir ..", ANY);
        // writing anywhere but the scratch folder laid over the page's folder, and changing the page's own files
        BLOCKED.put("remove page file", exception("PermissionError"));
        BLOCKED.put("rename page file", exception("PermissionError"));
        BLOCKED.put("symlink in page folder", ANY);
        BLOCKED.put("chmod page file", ANY);
        BLOCKED.put("write /tmp", exception("PermissionError"));
        BLOCKED.put("write ../outside.txt", exception("PermissionError"));
        BLOCKED.put("mkdir ../outside", exception("PermissionError"));
        BLOCKED.put("write through symlink to outside file", exception("PermissionError"));
        BLOCKED.put("write through symlinked folder", exception("PermissionError"));
        BLOCKED.put("missing file behind a symlinked folder", exception("PermissionError"));
        BLOCKED.put("write into the language home", exception("PermissionError"));
        BLOCKED.put("mkdir in the language home", exception("PermissionError"));
        BLOCKED.put("remove after writing over a page file", exception("PermissionError"));
    }

    /**
     * Writes that PyScript pages make into their in-memory file system: allowed, landing in the interpreter's
     * scratch folder (and seen by page Python), while the page's folder on disk stays as it was.
     */
    private static final Map<String, String> SCRATCH = new LinkedHashMap<>();

    static {
        SCRATCH.put("write new file in page folder", "ALLOWED: 1");
        SCRATCH.put("read the new file", "ALLOWED: 'x'");
        SCRATCH.put("append to page file", "ALLOWED: 1");
        SCRATCH.put("read after append", "ALLOWED: 'notesx'");
        SCRATCH.put("open page file r+", "ALLOWED: 1");
        SCRATCH.put("read after r+", "ALLOWED: 'Rotesx'");
        SCRATCH.put("truncate page file", "ALLOWED: None");
        SCRATCH.put("read after truncate", "ALLOWED: ''");
        SCRATCH.put("os.open O_CREAT", "ALLOWED: True");
        SCRATCH.put("mkdir in page folder", "ALLOWED: None");
        SCRATCH.put("write in the new folder", "ALLOWED: 1");
        SCRATCH.put("listdir of the new folder", "ALLOWED: ['f.txt']");
        SCRATCH.put("listdir . merges page and scratch", "ALLOWED: True");
        SCRATCH.put("rename a written file", "ALLOWED: 'y'");
        SCRATCH.put("remove a written file", "ALLOWED: False");
        SCRATCH.put("write into a page subfolder", "ALLOWED: ['nested.txt', 'w.txt']");
        SCRATCH.put("tempfile.mkstemp", "ALLOWED: True");
        SCRATCH.put("os.replace a written file over a page file", "ALLOWED: 'replaced'");
    }

    private static final String PYTHON = """
            import json, os, sys
            import _pydesk
            import js
            from pyscript.ffi import create_proxy

            outcomes = {}

            def attempt(name, action):
                try:
                    value = action()
                except BaseException as error:
                    outcomes[name] = type(error).__name__ + ": " + str(error)[:200]
                else:
                    outcomes[name] = "ALLOWED: " + repr(value)[:200]

            def java_type(name):
                import java
                return java.type(name)

            def from_java_lang():
                from java.lang import Runtime
                return Runtime

            def polyglot(action, *args, **kwargs):
                import polyglot as p
                return getattr(p, action)(*args, **kwargs)

            def graalpython_read(path):
                import __graalpython__
                return __graalpython__.read_file(path)

            def read(path):
                with open(path) as f:
                    return f.read()

            def ref(proxy):
                return object.__getattribute__(proxy, "_js_ref")

            def language_home_dir():
                os.mkdir(os.path.join(sys.prefix, "PROBE_DIR"))

            attempt("java.type Runtime", lambda: java_type("java.lang.Runtime"))
            attempt("java.type System", lambda: java_type("java.lang.System"))
            attempt("import java.lang.Runtime", from_java_lang)
            attempt("java.add_to_classpath", lambda: __import__("java").add_to_classpath("."))
            attempt("polyglot.eval js", lambda: polyglot("eval", language="js", string="1 + 1"))
            attempt("polyglot.eval python", lambda: polyglot("eval", language="python", string="1 + 1"))
            attempt("polyglot.import_value", lambda: polyglot("import_value", "anything"))
            attempt("__graalpython__.read_file /etc/passwd", lambda: graalpython_read("/etc/passwd"))
            attempt("host.getClass", lambda: _pydesk.host.getClass())
            attempt("host.hashCode", lambda: _pydesk.host.hashCode())
            attempt("host.toString", lambda: _pydesk.host.toString())
            attempt("host.wait", lambda: _pydesk.host.wait())
            attempt("js.getClass", lambda: _pydesk.js.getClass())
            attempt("js.realm (private field)", lambda: _pydesk.js.realm)
            attempt("js.js (private method)", lambda: _pydesk.js.js)
            attempt("window ref.getClass", lambda: _pydesk.js.window().getClass())
            attempt("window ref.js (package-private field)", lambda: _pydesk.js.window().js)
            attempt("document ref.getClass", lambda: ref(js.document).getClass())
            attempt("marker.getClass", lambda: _pydesk.js.undefinedMarker().getClass())
            attempt("marker.name", lambda: _pydesk.js.missingMarker().name())
            attempt("proxy ref.getClass", lambda: ref(create_proxy(lambda *a: None)).getClass())
            attempt("instantiate foreign type", lambda: type(_pydesk.host)())

            attempt("subprocess.run /bin/echo", lambda: __import__("subprocess").run(["/bin/echo", "hi"]))
            attempt("subprocess.run page script", lambda: __import__("subprocess").run([os.path.abspath("run.sh")]))
            attempt("os.system", lambda: os.system(os.path.abspath("run.sh")))
            attempt("os.popen", lambda: os.popen("echo hi").read())
            attempt("os.fork", lambda: os.fork())
            attempt("os.execv", lambda: os.execv("/bin/sh", ["sh", "-c", "echo hi"]))
            attempt("os.posix_spawn", lambda: os.posix_spawn("/bin/echo", ["echo"], {}))

            attempt("ctypes.CDLL", lambda: __import__("ctypes").CDLL(None))
            attempt("C extension (sqlite3)", lambda: __import__("sqlite3"))

            attempt("read /etc/passwd", lambda: read("/etc/passwd"))
            attempt("read ../secret.txt", lambda: read("../secret.txt"))
            attempt("read absolute secret", lambda: read(os.path.join(os.path.dirname(os.getcwd()), "secret.txt")))
            attempt("read symlink to outside file", lambda: read("link.txt"))
            attempt("read through symlinked folder", lambda: read("linkdir/secret.txt"))
            attempt("read via language home ..", lambda: read(sys.prefix + "/../../../../../../../../etc/passwd"))
            attempt("listdir ..", lambda: os.listdir(".."))
            attempt("listdir /", lambda: os.listdir("/"))
            attempt("chdir ..", lambda: os.chdir(".."))

            attempt("read data.txt", lambda: read("data.txt"))
            attempt("remove page file", lambda: os.remove("data.txt"))
            attempt("rename page file", lambda: os.rename("data.txt", "moved.txt"))
            attempt("symlink in page folder", lambda: os.symlink("/etc/passwd", "passwd-link"))
            attempt("chmod page file", lambda: os.chmod("data.txt", 0o777))
            attempt("write /tmp", lambda: open("TMP_PROBE", "w").write("x"))
            attempt("write ../outside.txt", lambda: open("../outside.txt", "w").write("x"))
            attempt("mkdir ../outside", lambda: os.mkdir("../outside"))
            attempt("write through symlink to outside file", lambda: open("link.txt", "w").write("x"))
            attempt("write through symlinked folder", lambda: open("linkdir/new.txt", "w").write("x"))
            attempt("write into the language home", lambda: open(os.path.join(sys.prefix, "HOME_PROBE"), "w").write("x"))
            attempt("mkdir in the language home", language_home_dir)

            def write(path, text, mode="w"):
                with open(path, mode) as f:
                    return f.write(text)

            def r_plus():
                with open("notes.txt", "r+") as f:
                    return f.write("R")

            def o_creat():
                fd = os.open("created.txt", os.O_CREAT | os.O_WRONLY)
                os.close(fd)
                return os.path.exists("created.txt")

            def rename_written():
                write("a.txt", "y")
                os.rename("a.txt", "b.txt")
                return read("b.txt")

            def remove_written():
                write("gone.txt", "z")
                os.remove("gone.txt")
                return os.path.exists("gone.txt")

            def mkstemp():
                fd, name = __import__("tempfile").mkstemp(dir=".")
                os.close(fd)
                return os.path.exists(name)

            attempt("write new file in page folder", lambda: write("new.txt", "x"))
            attempt("read the new file", lambda: read("new.txt"))
            attempt("append to page file", lambda: write("notes.txt", "x", "a"))
            attempt("read after append", lambda: read("notes.txt"))
            attempt("open page file r+", r_plus)
            attempt("read after r+", lambda: read("notes.txt"))
            attempt("truncate page file", lambda: os.truncate("notes.txt", 0))
            attempt("read after truncate", lambda: read("notes.txt"))
            attempt("remove after writing over a page file", lambda: os.remove("notes.txt"))
            attempt("os.open O_CREAT", o_creat)
            attempt("mkdir in page folder", lambda: os.mkdir("newdir"))
            attempt("write in the new folder", lambda: write("newdir/f.txt", "y"))
            attempt("listdir of the new folder", lambda: os.listdir("newdir"))
            attempt("listdir . merges page and scratch",
                    lambda: {"data.txt", "new.txt", "newdir", "sub", "notes.txt"} <= set(os.listdir(".")))
            attempt("rename a written file", rename_written)
            attempt("remove a written file", remove_written)
            attempt("write into a page subfolder", lambda: (write("sub/w.txt", "w"), sorted(os.listdir("sub")))[1])
            attempt("tempfile.mkstemp", mkstemp)

            def replace_page_file():
                write("replacement.txt", "replaced")
                os.replace("replacement.txt", "run.sh")
                return read("run.sh")

            attempt("os.replace a written file over a page file", replace_page_file)
            attempt("missing file behind a symlinked folder", lambda: os.path.exists("linkdir/no-such-file") or read("linkdir/no-such-file"))

            attempt("read sub/nested.txt", lambda: read("sub/nested.txt"))
            attempt("listdir .", lambda: sorted(os.listdir(".")))
            attempt("cwd", lambda: os.getcwd())
            outcomes["_home"] = sys.prefix

            js.document.getElementById("outcomes").textContent = json.dumps(outcomes)
            """;

    /** Main-thread interpreters and workers (same lockdown: every context comes from PythonRuntime). */
    @MainAndWorker
    void pagePythonReadsItsFolderAndWritesOnlyIntoItsScratchFolder(String variant) throws Exception {
        String type = variant.split(" ")[0];
        String worker = variant.endsWith(" worker") ? " worker" : "";
        String probe = "pydesk-security-" + UUID.randomUUID();
        Path tmpProbe = Path.of(System.getProperty("java.io.tmpdir"), probe);
        String python = PYTHON.replace("TMP_PROBE", tmpProbe.toString())
                .replace("HOME_PROBE", probe).replace("PROBE_DIR", probe + "-dir");
        Map<String, String> outcomes;
        boolean wroteTmp;
        try {
            page.open(folder, "p.html", """
                    <html><body><pre id="outcomes"></pre><pre id="native"></pre>
                    <script type="%1$s"%3$s>
                    %2$s
                    </script>
                    <script type="%1$s">
                    import js
                    try:
                        import _ctypes
                        _ctypes.dlopen("libc.so.6")
                        outcome = "ALLOWED"
                    except BaseException as error:
                        outcome = type(error).__name__
                    js.document.getElementById("native").textContent = outcome
                    </script>
                    </body></html>""".formatted(type, python, worker));
            page.waitUntil("the probe", java.time.Duration.ofSeconds(60), () -> !page.text("#outcomes").isEmpty());
            String json = page.text("#outcomes");
            assertNotNull(json, page.consoleText());
            assertFalse(json.isEmpty(), "the probe did not finish:\n" + page.consoleText());
            outcomes = JSON.readValue(json, new TypeReference<>() {});
        } finally {
            wroteTmp = Files.deleteIfExists(tmpProbe);
        }
        // A hole in the language home would persist for every later interpreter: clean up before asserting.
        Path home = Path.of(outcomes.get("_home"));
        boolean wroteHome = Files.deleteIfExists(home.resolve(probe)) | Files.deleteIfExists(home.resolve(probe + "-dir"));

        List<String> problems = new ArrayList<>();
        BLOCKED.forEach((attempt, expected) -> {
            String outcome = outcomes.get(attempt);
            if (outcome == null) {
                problems.add(attempt + ": no outcome recorded");
            } else if (!Pattern.compile(expected, Pattern.DOTALL).matcher(outcome).matches()) {
                problems.add(attempt + ": expected " + expected + " but got " + outcome);
            }
        });
        assertEquals(List.of(), problems, "page Python got past the sandbox:\n" + String.join("\n", problems));
        SCRATCH.forEach((attempt, expected) -> {
            if (!expected.equals(outcomes.get(attempt))) {
                problems.add(attempt + ": expected " + expected + " but got " + outcomes.get(attempt));
            }
        });
        assertEquals(List.of(), problems, "page Python's scratch writes:\n" + String.join("\n", problems));

        assertEquals("ALLOWED: 'inside the page folder'", outcomes.get("read data.txt"));
        assertEquals("ALLOWED: 'nested'", outcomes.get("read sub/nested.txt"));
        assertEquals("ALLOWED: " + pythonRepr(folder.toRealPath().toString()), outcomes.get("cwd"));
        assertTrue(outcomes.get("listdir .").contains("'data.txt'"), outcomes.get("listdir ."));

        // Nothing leaked, nothing changed on disk, and every attempt was an exception the page caught itself.
        assertFalse(page.text("#outcomes").contains(SECRET), "the secret leaked into the page");
        assertFalse(page.text("#outcomes").contains("root:"), "/etc/passwd leaked into the page");
        assertEquals("inside the page folder", Files.readString(folder.resolve("data.txt")));
        assertEquals("notes", Files.readString(folder.resolve("notes.txt")));
        assertTrue(Files.readString(folder.resolve("run.sh")).startsWith("#!/bin/sh"), "os.replace changed run.sh");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("data.txt", "link.txt", "linkdir", "notes.txt", "p.html", "run.sh", "sub"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> files = Files.list(folder.resolve("sub"))) {
            assertEquals(List.of("nested.txt"), files.map(p -> p.getFileName().toString()).toList());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("page", "secret.txt"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "page Python wrote next to its folder");
        }
        assertEquals(SECRET, Files.readString(dir.resolve("secret.txt")));
        assertFalse(wroteTmp, "page Python wrote " + tmpProbe);
        assertFalse(wroteHome, "page Python wrote into GraalPy's language home " + home);
        // the native script's id: workers are numbered apart (py-w0), so it is py-0 next to a worker, py-1 otherwise
        String nativeScript = type + (worker.isEmpty() ? "-1" : "-0");
        assertEquals(List.of(), page.errors().stream().filter(e -> !e.source().equals(nativeScript))
                        .map(ConsoleEvent::text).toList(),
                "an attempt escaped the page's try/except:\n" + page.consoleText());

        // _ctypes.dlopen without native access trips an internal GraalPy assertion (ShouldNotReachHere) that Python
        // cannot catch: the script stops with PyDesk's error instead. Blocked all the same: no library is loaded.
        assertFalse("ALLOWED".equals(page.text("#native")), "page Python loaded a native library");
    }

    private static String pythonRepr(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * Page Python connects out like a web page (http.client, urllib, a TCP client) but neither listens nor uses UDP:
     * each attempt is a PermissionError that says why and how a page folder opts in. Raw sockets do not exist.
     */
    @BothInterpreters
    void pagePythonCannotListenOnTheNetworkOrUseUdp(String type) throws Exception {
        try (TestHttpServer http = TestHttpServer.launch()) {
            page.open(folder, "p.html", """
                    <html><body><pre id="outcomes"></pre>
                    <script type="%s">
                    import js, json, socket, urllib.request, http.client
                    outcomes = {}
                    def attempt(name, action):
                        try:
                            outcomes[name] = "ALLOWED: " + str(action())
                        except BaseException as error:
                            outcomes[name] = type(error).__name__ + ": " + str(error)
                    def listen(host):
                        server = socket.socket()
                        server.bind((host, 0))
                        server.listen()
                        return server.getsockname()[1]
                    attempt("listen any", lambda: listen("0.0.0.0"))
                    attempt("listen local", lambda: listen("127.0.0.1"))
                    attempt("create_server", lambda: socket.create_server(("127.0.0.1", 0)))
                    attempt("udp", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
                    attempt("raw", lambda: socket.socket(socket.AF_INET, 3))  # SOCK_RAW: GraalPy does not even name it
                    attempt("urllib", lambda: urllib.request.urlopen("%s").read().decode())
                    def with_http_client():
                        connection = http.client.HTTPConnection("127.0.0.1", %d)
                        connection.request("GET", "/text")
                        return connection.getresponse().read().decode()
                    attempt("http.client", with_http_client)
                    js.document.getElementById("outcomes").textContent = json.dumps(outcomes)
                    </script>
                    </body></html>""".formatted(type, http.url("/json"), java.net.URI.create(http.url("/")).getPort()));
            Map<String, String> outcomes = JSON.readValue(page.text("#outcomes"), new TypeReference<>() {});
            for (String refused : List.of("listen any", "listen local", "create_server")) {
                assertEquals("PermissionError: [Errno 13] PyDesk pages cannot listen for network connections: like a"
                        + " web page, page Python may connect out (http.client, urllib, fetch, WebSocket), not accept"
                        + " connections. To let this page do it, put these two lines in pydesk.toml next to the page:"
                        + " [sockets] and listen = true.", outcomes.get(refused), refused);
            }
            assertTrue(outcomes.get("udp").startsWith("PermissionError: [Errno 13] PyDesk pages cannot use UDP sockets"),
                    outcomes.get("udp"));
            assertTrue(outcomes.get("raw").startsWith("OSError"), outcomes.get("raw"));
            assertEquals("ALLOWED: {\"answer\": 42, \"list\": [1, \"two\"]}", outcomes.get("urllib"));
            assertEquals("ALLOWED: h\u00e9llo", outcomes.get("http.client"));
            assertEquals(List.of(), page.errors(), page.consoleText());
            assertTrue(outcomes.values().stream().noneMatch(text -> text.matches("(?s).*\\b(java|sun|com)\\.[a-z]+\\..*")),
                    "a Java name reached the page: " + outcomes);
        }
    }

    /** {@code [sockets] listen = true} in the folder's pydesk.toml lets its pages listen (and use UDP). */
    @BothInterpreters
    void aPageFolderCanOptInToListening(String type) throws Exception {
        Files.writeString(folder.resolve("pydesk.toml"), "[sockets]\nlisten = true\n");
        page.open(folder, "p.html", """
                <html><body><pre id="outcome"></pre>
                <script type="%s">
                import js, socket
                server = socket.create_server(("127.0.0.1", 0))
                port = server.getsockname()[1]
                client = socket.create_connection(("127.0.0.1", port))
                accepted, _ = server.accept()
                client.sendall(b"over the loopback")
                received = accepted.recv(100).decode()
                udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                udp.bind(("127.0.0.1", 0))
                for s in (client, accepted, server, udp):
                    s.close()
                js.document.getElementById("outcome").textContent = received
                </script>
                </body></html>""".formatted(type));
        assertEquals("over the loopback", page.text("#outcome"), page.consoleText());
    }

    // ------------------------------------------------------------------------------------------ page JavaScript

    private static final String CALLBACK_PAGE = """
            <html><body><div id="status"></div>
            <script type="%s">
            from pyscript.ffi import create_proxy
            import js

            def echo(*args):
                return args[0] if args else None

            js.window.pyCallback = create_proxy(lambda *args: 1)
            js.window.pyEcho = create_proxy(echo)
            js.window.pyClick = create_proxy(lambda event: js.document.body.setAttribute("data-clicked", event.type))
            js.document.body.addEventListener("click", js.window.pyClick)
            js.document.getElementById("status").textContent = "ready"
            </script>
            </body></html>""";

    /** The suite's one walker ({@link JavaObjectProbe}), from {@code root} and as far as a walk from window goes. */
    private JavaObjectProbe.Walk walk(String root, int depth) {
        return JavaObjectProbe.walk(page, root, depth, JavaObjectProbe.WINDOW_VISITS);
    }

    @BothInterpreters
    void pageJavaScriptReachesNoJavaObject(String type) throws Exception {
        page.open(folder, "p.html", CALLBACK_PAGE.formatted(type));
        assertEquals("ready", page.text("#status"), page.consoleText());
        JavaObjectProbe.install(page);

        // The boot factory stays (it cannot be replaced), but it is spent: calling it again gives nothing.
        assertEquals(Boolean.FALSE, page.js("window.__pydesk_boot.pending"), "the boot factory was not used up");
        assertEquals(null, page.js("window.__pydesk_boot({console() {}, invoke() {}}, 1, 2, 3, 4)"));
        assertEquals(Boolean.FALSE, page.js("Object.getOwnPropertyDescriptor(window, '__pydesk_boot').configurable"));
        for (String global : List.of("java", "javax", "Packages", "netscape", "sun", "JavaImporter", "door",
                "javaDoor", "__pydesk_door", "pydesk")) {
            assertEquals("undefined", page.js("typeof window['" + global + "']"), global + " is on window");
        }
        assertEquals("", page.js("Object.getOwnPropertyNames(window).filter(n => /pydesk|java|door/i.test(n))"
                + ".filter(n => n !== '__javaProbe' && n !== '__pydesk_boot').join()"));

        JavaObjectProbe.Walk fromWindow = walk("window", 3);
        assertEquals(List.of(), fromWindow.findings(), "page JavaScript reaches Java from window");
        assertTrue(fromWindow.visited() > 1000, "the walk did not get far: " + fromWindow);

        // The Python callback is a plain JS function: nothing but length/name/prototype, and nothing Java behind it.
        assertEquals("function", page.js("typeof window.pyCallback"));
        assertEquals("length,name,prototype", page.js("Object.getOwnPropertyNames(window.pyCallback).sort().join()"));
        assertEquals("[object Function]", page.js("Object.prototype.toString.call(window.pyCallback)"));
        assertEquals(Boolean.TRUE, page.js("Object.getPrototypeOf(window.pyCallback) === Function.prototype"));
        assertEquals("constructor", page.js("Object.getOwnPropertyNames(window.pyCallback.prototype).join()"));
        assertEquals(Boolean.TRUE, page.js("(() => { try { return window.pyCallback.caller, false; }"
                + " catch (e) { return e instanceof TypeError; } })()"), "a strict function hides its caller");
        for (String callback : List.of("window.pyCallback", "window.pyEcho", "window.pyClick")) {
            JavaObjectProbe.Walk fromCallback = walk(callback, 3);
            assertEquals(List.of(), fromCallback.findings(), "Java reachable from " + callback);
        }

        // Weird receivers and arguments: whatever JS passes, what comes back is JS, never a Java object.
        String spoof = (String) page.js("""
                (function () {
                  const isJava = window.__javaProbe.isJava, out = [];
                  const trapLog = [];
                  let logging = true;
                  const log = (entry) => { if (logging && trapLog.length < 10000) trapLog.push(entry); };
                  const spy = new Proxy({}, {
                    get(t, k, r) { log(["get", k]); return Reflect.get(t, k, r); },
                    has(t, k) { log(["has", k]); return Reflect.has(t, k); },
                    ownKeys(t) { log(["ownKeys"]); return Reflect.ownKeys(t); },
                    getOwnPropertyDescriptor(t, k) { log(["getOwnPropertyDescriptor", k]); return Reflect.getOwnPropertyDescriptor(t, k); },
                  });
                  const fakeJava = { getClass() { return "fake"; }, toString() { return "dev.pydesk.bridge.JsDoor@1"; },
                                     valueOf() { return 7; }, js: {}, realm: {}, invoke() { return 1; } };
                  const sparse = []; sparse[1000] = 1;
                  const argLists = [[], [undefined], [null], [NaN, Infinity, -0], [2 ** 53 + 2], [10n], [Symbol("s")],
                    ["dev.pydesk.bridge.JsDoor@1"], [window], [document], [document.body], [window.pyCallback],
                    [fakeJava], [spy], [Object.freeze({a: 1})], [Object.create(null)], [new Error("x")], sparse,
                    Array.from({length: 50}, (_, i) => i), [[1, [2, [3]]]], [function () { return this; }]];
                  const receivers = [undefined, null, window, fakeJava, spy, 42, "str"];
                  for (const name of ["pyCallback", "pyEcho"]) {
                    const f = window[name];
                    for (const self of receivers) {
                      for (const args of argLists) {
                        let result;
                        try { result = Reflect.apply(f, self, args); } catch (e) {
                          out.push(name + " threw " + e); continue;
                        }
                        // pyEcho hands back the page's own (fake) objects and strings: only something new counts
                        const why = result === args[0] ? null
                            : isJava(result) || (window.__javaProbe.isJavaString(result) ? "string " + result : null);
                        if (why) out.push(name + " returned Java: " + why);
                        if (name === "pyEcho" && typeof args[0] === "object" && args[0] !== null && result !== args[0])
                          out.push("pyEcho did not return the same object for " + String(args[0]));
                      }
                    }
                  }
                  logging = false;
                  for (const entry of trapLog) for (const part of entry) {
                    const why = isJava(part);
                    if (why) out.push("a proxy trap saw Java: " + why);
                  }
                  try { out.push(...window.__javaProbe.walk(window.pyEcho(window), "echoed", 1).findings); } catch (e) { out.push("" + e); }
                  document.body.click();
                  return out.join("\\n");
                })()""");
        assertEquals("", spoof, "page JS spoofed its way to something Java-ish");
        assertEquals(List.of(), page.errors().stream().map(ConsoleEvent::text).toList(), page.consoleText());
        assertEquals("click", page.js("document.body.getAttribute('data-clicked')"), "the click handler did not run");

        // The detector itself works: a Java object planted two levels below window is found.
        FxThread.run(() -> {
            JSObject window = (JSObject) page.webView().getEngine().executeScript("window.__planted = {inner: {}}; window");
            ((JSObject) ((JSObject) window.getMember("__planted")).getMember("inner")).setMember("probe", new Object());
        });
        List<String> planted = walk("window", 3).findings();
        assertTrue(planted.stream().anyMatch(f -> f.startsWith("window.__planted.inner.probe: ")),
                "the detector missed a planted Java object: " + planted);
    }

    /**
     * The attacks below are page scripts that run before PyDesk attaches to the page (boot.js runs first, PyDesk
     * attaches once the page has loaded); each keeps whatever Java object it is handed in {@code window.stolen}.
     */
    private void assertNothingStolen(String type, String attack) throws IOException {
        page.open(folder, "p.html", """
                <html><body><div id="status"></div>
                <script>
                window.stolen = [];
                const keep = (values) => { for (const v of values) {
                  try { if (v !== null && typeof v === "object" && typeof v.getClass === "function") window.stolen.push(v); }
                  catch (e) { window.stolen.push(e); }
                } };
                %s
                </script>
                <script type="%s">
                from pyscript.ffi import create_proxy
                import js
                js.window.pyCallback = create_proxy(lambda *args: 1)
                js.document.getElementById("status").textContent = "ready"
                </script>
                </body></html>""".formatted(attack, type));
        assertEquals("ready", page.text("#status"), page.consoleText());
        JavaObjectProbe.install(page);
        assertEquals("", page.js("window.stolen.map(v => window.__javaProbe.isJava(v) || String(v)).join('\\n')"),
                "page JS captured Java objects");
        assertEquals(List.of(), walk("window", 2).findings());
    }

    @BothInterpreters
    void pageScriptCannotStealTheDoorByReplacingTheBootFactory(String type) throws IOException {
        assertNothingStolen(type, """
                const original = window.__pydesk_boot;
                Object.defineProperty(window, "__pydesk_boot", {configurable: true, value: function (...args) {
                  keep(args);
                  return original.apply(this, args);
                }});""");
    }

    @BothInterpreters
    void pageScriptCannotStealTheDoorByReplacingFunctionPrototypeCall(String type) throws IOException {
        assertNothingStolen(type, """
                Function.prototype.call = function (self, ...args) {
                  keep(args);
                  return Reflect.apply(this, self, args);
                };""");
    }

    /** A Python exception in a callback, or a call after destroy(), hands page JS no Java marker or Java error. */
    @BothInterpreters
    void aFailingOrDestroyedCallbackHandsJavaScriptNoJavaObject(String type) throws IOException {
        page.open(folder, "p.html", """
                <html><body><div id="status"></div>
                <script type="%s">
                from pyscript.ffi import create_proxy
                import js
                js.window.pyBoom = create_proxy(lambda *args: 1 / 0)
                destroyed = create_proxy(lambda *args: 1)
                js.window.pyDestroyed = destroyed
                destroyed.destroy()
                js.document.getElementById("status").textContent = "ready"
                </script>
                </body></html>""".formatted(type));
        assertEquals("ready", page.text("#status"), page.consoleText());
        JavaObjectProbe.install(page);
        for (String callback : List.of("pyBoom", "pyDestroyed")) {
            Object outcome = page.js("(() => { let r; try { r = window." + callback + "(); } catch (e) {"
                    + " return window.__javaProbe.javaError(e) ? 'threw Java: ' + e : null; }"
                    + " const why = window.__javaProbe.isJava(r); return why ? typeof r + ' ' + why : null; })()");
            assertEquals(null, outcome, callback + "() handed page JS a Java object");
        }
        assertTrue(page.consoleText().contains("ZeroDivisionError"), page.consoleText());
    }

    /**
     * pyscript.fs: a folder outside the page's folder is unreachable until the user chose it for a mount, then only
     * at its mount point (not by its own path, not through a link out of it, not above it), and again unreachable
     * once unmounted. Nothing outside it is written.
     */
    @ParameterizedTest
    @ValueSource(strings = {"py", "mpy worker"})
    void aChosenFolderIsReachableOnlyAtItsMountPointAndOnlyWhileMounted(String variant) throws Exception {
        Path chosen = Files.createDirectories(dir.resolve("chosen"));
        Files.writeString(chosen.resolve("mine.txt"), "chosen by the user");
        Files.createSymbolicLink(chosen.resolve("escape.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(chosen.resolve("escape-dir"), dir);
        page.loader().folderChooser(request -> java.util.concurrent.CompletableFuture.completedFuture(
                dev.pydesk.interpreter.files.FolderChooser.Choice.of(chosen)));
        String type = variant.split(" ")[0];
        page.open(folder, "fs.html", """
                <html><body><pre id="outcomes"></pre>
                <script type="%s"%s>
                import json, os
                from pyscript import document, fs
                outcomes = {}
                def attempt(name, action):
                    try:
                        outcomes[name] = "ALLOWED: " + repr(action())
                    except BaseException as error:
                        outcomes[name] = type(error).__name__ + ": " + str(error)
                def read(path):
                    with open(path) as file:
                        return file.read()
                attempt("before: by its path", lambda: read("CHOSEN/mine.txt"))
                attempt("before: at the mount point", lambda: read("/mnt/mine.txt"))
                await fs.mount("/mnt")
                attempt("mounted: at the mount point", lambda: read("/mnt/mine.txt"))
                attempt("mounted: by its path", lambda: read("CHOSEN/mine.txt"))
                attempt("mounted: a link to a file outside", lambda: read("/mnt/escape.txt"))
                attempt("mounted: a link to a folder outside", lambda: os.listdir("/mnt/escape-dir"))
                attempt("mounted: a link's file", lambda: read("/mnt/escape-dir/secret.txt"))
                attempt("mounted: above it", lambda: read("/mnt/../secret.txt"))
                attempt("mounted: write a link out", lambda: open("/mnt/escape.txt", "w").write("x"))
                await fs.unmount("/mnt")
                attempt("unmounted: at the mount point", lambda: read("/mnt/mine.txt"))
                document.getElementById("outcomes").textContent = json.dumps(outcomes)
                </script>
                </body></html>""".formatted(type, variant.endsWith("worker") ? " worker" : "")
                .replace("CHOSEN", chosen.toString()));
        page.waitUntil("the probe", java.time.Duration.ofSeconds(60), () -> !page.text("#outcomes").isEmpty());
        Map<String, String> outcomes = JSON.readValue(page.text("#outcomes"), new TypeReference<>() {});
        assertEquals("ALLOWED: 'chosen by the user'", outcomes.remove("mounted: at the mount point"), outcomes.toString());
        List<String> problems = new ArrayList<>();
        outcomes.forEach((attempt, outcome) -> {
            if (!outcome.startsWith("PermissionError: ")) problems.add(attempt + ": " + outcome);
        });
        assertEquals(List.of(), problems, "page Python reached past its mount:\n" + String.join("\n", problems));
        assertEquals(9, outcomes.size(), outcomes.toString());
        assertFalse(page.text("#outcomes").contains(SECRET), "the secret leaked into the page");
        assertEquals(SECRET, Files.readString(dir.resolve("secret.txt")));
        try (Stream<Path> files = Files.list(chosen)) {
            assertEquals(List.of("escape-dir", "escape.txt", "mine.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * The Elements tab's script and observer, and the fetch/XHR wrappers, are PyDesk's alone: page JavaScript that
     * replaced eval, MutationObserver or JSON.stringify before PyDesk attached never sees the inspector's code, its
     * callback or its answers; nothing new appears on window; $0 exists only while the REPL's input runs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"py"})
    void pageJavaScriptCannotReachTheInspectorsHooks(String type) throws Exception {
        page.open(folder, "p.html", """
                <html><body><div id="status"></div><p id="target">x</p>
                <script>
                window.seen = [];
                const note = (what, values) => { for (const v of values) window.seen.push(what + ": " + typeof v); };
                const realEval = window.eval, RealObserver = window.MutationObserver, realStringify = JSON.stringify;
                window.eval = function (...args) { note("eval", args); return realEval(...args); };
                window.MutationObserver = function (...args) { note("MutationObserver", args); return new RealObserver(...args); };
                JSON.stringify = function (...args) { note("stringify", args); return realStringify(...args); };
                window.before = Object.getOwnPropertyNames(window).length + 1; // + before itself
                </script>
                <script type="%s">
                from pyscript import document
                document.getElementById("status").textContent = "ready"
                </script>
                </body></html>""".formatted(type));
        assertEquals("ready", page.text("#status"), page.consoleText());
        page.js("window.seen = []");
        dev.pydesk.bridge.DomInspection dom = FxThread.call(() -> page.loader().session().orElseThrow().realm().dom());
        String answer = FxThread.call(() -> {
            dom.watch(true);
            List<dev.pydesk.bridge.DomInspection.Node> roots = dom.roots();
            int target = dom.find("#target", 0).path().getLast();
            dom.select(target);
            dom.details(target);
            return roots.size() + " " + dom.evaluate("$0.id").text() + " " + dom.evaluate("typeof JSON").text();
        });
        assertEquals("1 target object", answer, "the document's one root, $0 and JSON as the page sees them");
        page.js("document.getElementById('target').textContent = 'changed'");
        page.waitUntil("the observer's note", java.time.Duration.ofSeconds(30), () -> FxThread.call(dom::hasChanges));
        FxThread.run(dom::changes);
        assertEquals("", page.js("window.seen.join('\\n')"), "page JavaScript saw the inspector's work");
        assertEquals("undefined", page.js("typeof window.$0"));
        assertEquals(Boolean.TRUE, page.js("Object.getOwnPropertyNames(window).length === window.before"));
        JavaObjectProbe.install(page);
        assertEquals(List.of(), walk("window", 3).findings(), "page JavaScript reaches Java from window");
        FxThread.run(() -> dom.watch(false));
        assertFalse(FxThread.call(dom::watching));
    }
}
