package dev.pydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad input and faults, one data row each: bad HTML, bad configs, bad {@code src}, targets and
 * attributes, and faults of page Python and JavaScript. Every row runs through the headless command line within a
 * time bound, and is checked for its exit status, the words its message must have (the script it names, what to
 * do) and must not have, and that no Java class name reaches the user. Rows run in this JVM one after the other,
 * except usage errors and pages whose JavaScript never returns, which get a PyDesk process of their own.
 */
class HeadlessCorpusTest {
    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** One case: files (the first is the page), extra arguments, standard input, and what must come out. */
    record Case(String name, boolean ownProcess, Map<String, String> files, List<String> args, String stdin,
                int status, List<String> expected, List<String> absent) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final class Rows {
        final List<Case> cases = new ArrayList<>();
        private String name;
        private boolean ownProcess;
        private Map<String, String> files;
        private List<String> args = List.of();
        private String stdin;

        Rows row(String name, String body) {
            flushCheck();
            this.name = name;
            this.ownProcess = false;
            this.files = new LinkedHashMap<>(Map.of());
            this.files.put("p.html", Cli.html(body));
            this.args = List.of();
            this.stdin = null;
            return this;
        }

        Rows rawPage(String content) {
            files.put("p.html", content);
            return this;
        }

        Rows file(String name, String content) {
            files.put(name, content);
            return this;
        }

        /** The page goes into a folder of its own (its site root), so that its other files are outside it. */
        Rows pageIn(String folder) {
            Map<String, String> moved = new LinkedHashMap<>();
            moved.put(folder + "/p.html", files.remove("p.html"));
            moved.putAll(files);
            files = moved;
            return this;
        }

        Rows args(String... args) {
            this.args = List.of(args);
            return this;
        }

        Rows stdin(String stdin) {
            this.stdin = stdin;
            return this;
        }

        Rows ownProcess() {
            this.ownProcess = true;
            return this;
        }

        /** Ends the row: its exit status, the texts stderr (or stdout) must have, and then "!text" ones it must not. */
        Rows expect(int status, String... texts) {
            List<String> expected = new ArrayList<>();
            List<String> absent = new ArrayList<>();
            for (String text : texts) {
                if (text.startsWith("!")) absent.add(text.substring(1));
                else expected.add(text);
            }
            cases.add(new Case(name, ownProcess, files, args, stdin, status, expected, absent));
            name = null;
            return this;
        }

        private void flushCheck() {
            if (name != null) throw new IllegalStateException("row " + name + " has no expect()");
        }
    }

    static Stream<Case> corpus() {
        Rows rows = new Rows();
        // ---------------------------------------------------------------------------------------- bad HTML
        rows.row("unclosed tags and stray markup still run their script", "<div><p><b>bold<i>text</p></div></span>"
                + "<script type=\"py\">print('RAN despite the markup')</script><table><tr><td>")
                .expect(0, "[py-0] RAN despite the markup");
        rows.row("an empty file is an empty page", "").rawPage("").expect(0, "!error");
        rows.row("binary junk as a page", "").rawPage("\u0000\u0001\u00ff\ufffd garbage \u0007<<<>>>")
                .expect(0, "!error");
        rows.row("a Python syntax error names the script and line", "<script type=\"py\">x = (1,\nprint('unreached'</script>")
                .expect(1, "[py-0] error:", "SyntaxError", "p.html#py-0", "line 2");
        rows.row("an mpy syntax error names the mpy script", "<script type=\"mpy\">def f(:\n  pass</script>")
                .expect(1, "[mpy-0] error:", "SyntaxError");
        rows.row("a script in a template is not run", "<template><script type=\"py\">print('RAN in template')</script>"
                + "</template>").expect(0, "!RAN in template");
        rows.row("<py-script> whose code the parser made markup runs it as written, with a warning",
                "<py-script>print(\"<b>RAN markup</b>\")</py-script>").expect(0, "Deprecated", "<b>RAN markup</b>");
        rows.row("a page with a byte order mark and non-ASCII text", "\ufeff<p>héllo wörld ✓</p>"
                + "<script type=\"py\">print('RAN ünïcode ✓')</script>").expect(0, "[py-0] RAN ünïcode ✓");
        rows.row("a huge inline script runs", "<script type=\"py\">" + "x = 1\n".repeat(20_000) + "print('RAN big')</script>")
                .expect(0, "[py-0] RAN big");
        // ------------------------------------------------------------------------------------------- src
        rows.row("a src that does not exist falls back to the tag's text, with a 404",
                "<script type=\"py\" src=\"nope.py\"></script>")
                .expect(1, "[py] error: (PY0404): Fetching from URL nope.py failed with error 404 (Not Found)",
                        "Are your filename and path correct?");
        rows.row("a src outside the page's folder is refused (403)", "<script type=\"py\" src=\"../outside.py\"></script>")
                .pageIn("site").file("outside.py", "print('RAN')")
                .expect(1, "(PY0403)", "../outside.py is outside the site root", "!RAN");
        rows.row("a src and inline code both: PY0409", "<script type=\"py\" src=\"a.py\">print('inline RAN')</script>")
                .file("a.py", "print('src RAN')").expect(1, "(PY0409)", "either a src or inline code", "!RAN");
        rows.row("a src that is a folder", "<script type=\"py\" src=\"lib\"></script>").file("lib/x.py", "")
                .expect(1, "[py] error: (PY0404): Fetching from URL lib failed: it is a folder, not a file");
        rows.row("a src on an unreachable server is an error, not a hang",
                "<script type=\"py\" src=\"http://127.0.0.1:9/x.py\"></script>")
                .expect(1, "Fetching from URL http://127.0.0.1:9/x.py failed: 127.0.0.1 cannot be reached");
        rows.row("a worker's missing src names the worker", "<script type=\"py\" worker src=\"gone.py\"></script>")
                .expect(1, "worker gone.py", "(PY0404)");
        rows.row("a src with a syntax error names the file", "<script type=\"py\" src=\"bad.py\"></script>")
                .file("bad.py", "print('no'\n").expect(1, "bad.py", "SyntaxError");
        // --------------------------------------------------------------------------------------- targets
        rows.row("a target that matches nothing", "<script type=\"py\" target=\"nowhere\">print('RAN')</script>")
                .expect(1, "Cannot find the target \"nowhere\"", "no element has that id or matches that selector", "!RAN");
        rows.row("a target that is not a selector at all", "<script type=\"py\" target=\"[[\">print('RAN')</script>")
                .expect(1, "Cannot find the target \"[[\"", "!RAN");
        rows.row("display() to a missing target", "<script type=\"py\">from pyscript import display\n"
                + "display('x', target='missing')</script>").expect(1, "[py-0] error:", "missing");
        // ------------------------------------------------------------------------------------ attributes
        rows.row("py-click naming a function that does not exist", "<button id=\"b\" py-click=\"nothing_here\">b</button>"
                + "<script type=\"py\">print('defined nothing')</script>"
                + "<script type=\"py\">from pyscript import document\ndocument.getElementById('b').click()</script>")
                .expect(1, "nothing_here");
        rows.row("async=\"false\" with a top-level await", "<script type=\"py\" async=\"false\">import asyncio\n"
                + "await asyncio.sleep(0)</script>").expect(1, "[py-0] error:", "SyntaxError");
        rows.row("config attribute naming a missing file", "<script type=\"py\" config=\"nope.json\">print('RAN')</script>")
                .expect(1, "(PY0404)", "nope.json", "!RAN");
        rows.row("two workers with the same name", "<script type=\"py\" worker name=\"w\">x = 1</script>"
                + "<script type=\"py\">from pyscript import PyWorker\nPyWorker('w.py', type='pyodide', name='w')</script>")
                .file("w.py", "x = 2").expect(1, "a worker named \"w\" exists already");
        // --------------------------------------------------------------------------------------- configs
        rows.row("invalid TOML: none of the interpreter's scripts run", "<py-config>packages = [</py-config>"
                + "<script type=\"py\">print('RAN py')</script><script type=\"mpy\">print('RAN mpy')</script>")
                .expect(1, "[py] error: (PY1000): Invalid TOML", "[mpy-0] RAN mpy", "!RAN py");
        rows.row("invalid JSON in a config attribute", "<script type=\"py\" config='{\"a\": }'>print('RAN')</script>")
                .expect(1, "(PY1000): Invalid JSON", "!RAN");
        rows.row("a missing config file", "<py-config src=\"nope.toml\"></py-config><script type=\"py\">print('RAN')</script>")
                .expect(1, "(PY0404): Fetching from URL nope.toml failed", "!RAN");
        rows.row("a config element and a config attribute: ambiguous (PY0409)", "<py-config>a = 1</py-config>"
                + "<script type=\"py\" config='{\"b\": 2}'>print('RAN')</script>")
                .expect(1, "(PY0409): Ambiguous py-config VS config attribute", "!RAN");
        rows.row("two py-config elements (PY0409)", "<py-config>a = 1</py-config><py-config>b = 2</py-config>"
                + "<script type=\"py\">print('RAN')</script>").expect(1, "(PY0409): Too many py-config", "!RAN");
        rows.row("different configs on main (PY0409)", "<script type=\"py\" config='{\"a\": 1}'>print('RAN')</script>"
                + "<script type=\"py\" config='{\"a\": 2}'>print('RAN 2')</script>")
                .expect(1, "(PY0409): Unable to use different configs on main", "!RAN");
        rows.row("a config outside the page's folder is refused (403)", "<py-config src=\"../c.toml\"></py-config>"
                + "<script type=\"py\">print('RAN')</script>").pageIn("site").file("c.toml", "a = 1").expect(1, "(PY0403)", "!RAN");
        rows.row("a config of 50,000 keys is refused at once", "<py-config src=\"big.toml\"></py-config>"
                + "<script type=\"py\">print('RAN')</script>")
                .file("big.toml", IntStream.range(0, 50_000).mapToObj(i -> "key" + i + " = " + i).collect(Collectors.joining("\n")))
                .expect(1, "Invalid TOML @ big.toml", "more than 10000 values", "belongs in a file it fetches", "!RAN");
        rows.row("a config nested 5,000 deep", "<py-config src=\"deep.json\"></py-config><script type=\"py\">print('RAN')</script>")
                .file("deep.json", "{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}")
                .expect(1, "Invalid JSON @ deep.json", "nested more than 64 levels", "!RAN", "!StreamReadConstraints");
        rows.row("a config longer than a million characters", "<py-config src=\"long.toml\"></py-config>"
                + "<script type=\"py\">print('RAN')</script>").file("long.toml", "x = \"" + "a".repeat(1_100_000) + "\"")
                .expect(1, "longer than 1000000 characters", "!RAN");
        rows.row("config files outside the folder: no script runs", "<py-config>[files]\n\"../secret.txt\" = \"s.txt\""
                + "</py-config><script type=\"py\">print('RAN')</script>")
                .expect(1, "files: cannot copy \"../secret.txt\"", "None of this page's py scripts run", "reload the page", "!RAN");
        rows.row("a package that is not there: no script runs", "<py-config>packages = [\"./gone-1.0-py3-none-any.whl\"]"
                + "</py-config><script type=\"py\">print('RAN')</script>")
                .expect(1, "cannot install \"./gone-1.0-py3-none-any.whl\"", "None of this page's py scripts run", "!RAN");
        rows.row("a broken mpy-config stops mpy, not py", "<mpy-config>x = {</mpy-config><script type=\"mpy\">print('RAN mpy')"
                + "</script><script type=\"py\">print('RAN py')</script>")
                .expect(1, "[mpy] error: (PY1000)", "[py-0] RAN py", "!RAN mpy");
        rows.row("a config whose root is a list configures nothing", "<py-config type=\"json\">[1, 2]</py-config>"
                + "<script type=\"py\">print('RAN')</script>").expect(0, "[py-0] RAN", "!error");
        rows.row("an invalid pydesk.toml is a usage error", "<script type=\"py\">print('RAN')</script>")
                .file("pydesk.toml", "kiosk = = true").ownProcess().expect(2, "pydesk.toml is not valid TOML", "!RAN");
        // --------------------------------------------------------------------------------- usage errors
        rows.row("--script-timeout -5", "").ownProcess().args("--script-timeout", "-5")
                .expect(2, "--script-timeout must be a number of seconds greater than 0", "not -5");
        rows.row("--timeout 0", "").ownProcess().args("--timeout", "0")
                .expect(2, "--timeout must be a number of seconds greater than 0", "not 0");
        rows.row("--timeout NaN", "").ownProcess().args("--timeout", "NaN").expect(2, "not NaN");
        rows.row("--kiosk-reload-delay -1", "").ownProcess().args("--kiosk-reload-delay", "-1")
                .expect(2, "--kiosk-reload-delay must be a number of seconds of 0 or more");
        rows.row("--size 0x0", "").ownProcess().args("--size", "0x0").expect(2, "--size must be between 1x1");
        rows.row("--wait-for with an invalid selector", "<p>x</p>").args("--wait-for", "[[")
                .expect(2, "--wait-for: invalid CSS selector '[['");
        // ---------------------------------------------------------------------------------------- faults
        rows.row("an uncaught Python exception", "<script type=\"py\">raise ValueError('boom')</script>"
                + "<script type=\"py\">print('RAN after')</script>")
                .expect(1, "[py-0] error: Traceback", "ValueError: boom", "[py-1] RAN after");
        rows.row("an uncaught JavaScript error while the page parses", "<script>throw new Error('early boom')</script>")
                .expect(1, "[js] error: Error: early boom");
        rows.row("an uncaught error in a JavaScript timer", "<script>setTimeout(() => { throw new Error('late boom') }, 300)"
                + "</script>").expect(1, "[js] error: Error: late boom");
        rows.row("an unhandled promise rejection", "<script>Promise.reject(new Error('rejected'))</script>")
                .expect(1, "Unhandled promise rejection", "rejected");
        rows.row("Python calling JavaScript that throws", "<script>window.fail = () => { throw new TypeError('js says no') }"
                + "</script><script type=\"py\">import js\njs.fail()</script>").expect(1, "[py-0] error:", "js says no");
        rows.row("a runaway Python loop is stopped and the next script runs", "<script type=\"py\">while True:\n    pass"
                + "</script><script type=\"py\">print('RAN next')</script>").args("--script-timeout", "2")
                .expect(1, "py-0 ran longer than 2 s and was stopped", "--script-timeout", "[py-1] RAN next");
        rows.row("a runaway loop that swallows BaseException is stopped all the same", "<script type=\"mpy\">"
                + "while True:\n    try:\n        sum(range(100))\n    except BaseException:\n        pass</script>"
                + "<script type=\"mpy\">print('RAN next')</script>").args("--script-timeout", "2")
                .expect(1, "mpy-0 ran longer than 2 s and was stopped", "[mpy-1] RAN next");
        rows.row("os._exit() is refused in Python's terms", "<script type=\"py\">import os\nos._exit(3)</script>"
                + "<script type=\"py\">print('RAN after')</script>")
                .expect(1, "RuntimeError: os._exit() is not allowed in a PyDesk page", "[py-1] RAN after", "!ThreadDeath");
        rows.row("starting a thread is refused in Python's terms", "<script type=\"mpy\">import threading\n"
                + "threading.Thread(target=print).start()</script>")
                .expect(1, "RuntimeError: PyDesk pages cannot start threads", "asyncio", "!IllegalState");
        rows.row("unbounded recursion", "<script type=\"py\">import sys\nsys.setrecursionlimit(200)\n"
                + "def f(): return f()\nf()</script>").expect(1, "RecursionError: maximum recursion depth exceeded");
        rows.row("input() on the main thread with silent standard input", "<script type=\"py\">input('name? ')</script>")
                .args("--script-timeout", "8").stdin(Cli.SILENT) // the prompt's wait never counts; a cold import does
                .expect(1, "[prompt] name?", "no answer on standard input within 8 s", "EOFError", "!ran longer");
        rows.row("input() on the main thread reads a line", "<script type=\"mpy\">print('hello', input('name? '))</script>")
                .stdin("Ada\n").expect(0, "[mpy-0] hello Ada");
        rows.row("a worker's uncaught error names the worker", "<script type=\"py\" worker name=\"calc\">raise KeyError('k')"
                + "</script>").expect(1, "Error in worker calc", "KeyError");
        rows.row("a worker that never ends runs into --timeout", "<script type=\"py\" worker>while True:\n    pass</script>")
                .args("--timeout", "4").expect(3, "timed out after 4 s waiting for the page's scripts");
        rows.row("--wait-for that never matches", "<p>x</p>").args("--wait-for", "#never", "--timeout", "3")
                .expect(3, "timed out after 3 s waiting for '#never' to match");
        rows.row("listening on a socket is a PermissionError the page can catch", "<script type=\"py\">import socket\n"
                + "try:\n    socket.create_server(('127.0.0.1', 0))\nexcept PermissionError as e:\n    print('refused:', e)"
                + "</script>").expect(0, "refused: [Errno 13] PyDesk pages cannot listen", "pydesk.toml");
        rows.row("alert, confirm and prompt headless", "<script>alert('hi'); console.log(confirm('ok?'), prompt('q?'))"
                + "</script>").expect(0, "[alert] hi", "[confirm] ok?", "[js] false null");
        // ------------------------------------------------------- page JavaScript that never returns
        rows.row("an endless loop in a script", "<script>while (true) {}</script>").ownProcess()
                .args("--script-timeout", "2").expect(1, "[js] error: p.html stopped responding",
                        "more than 2 s without returning", "WebKit cannot interrupt JavaScript");
        rows.row("an endless loop in a timer", "<script>setTimeout(() => { for (;;) {} }, 100)</script>"
                + "<script type=\"py\">import asyncio\nawait asyncio.sleep(1)</script>").ownProcess()
                .args("--script-timeout", "2").expect(1, "p.html stopped responding", "a timer or an event handler");
        rows.row("Python calling JavaScript that never returns", "<script>window.spin = () => { while (true) {} }</script>"
                + "<script type=\"mpy\">import js\njs.spin()</script>").ownProcess().args("--script-timeout", "2")
                .expect(1, "p.html stopped responding", "mpy-0 called it");
        rows.row("--timeout holds while JavaScript never returns", "<script>while (true) {}</script>").ownProcess()
                .args("--timeout", "10").expect(3, "timed out after 10 s", "its JavaScript is running and does not return");
        return rows.cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCaseEndsWithItsStatusAndAClearMessage(Case row) throws Exception {
        Path page = null;
        for (Map.Entry<String, String> file : row.files().entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
            if (page == null) page = path;
        }
        List<String> args = new ArrayList<>(List.of("--headless", "--dump", "text"));
        args.addAll(row.args());
        args.add(page.toString());
        Cli.Result result = row.ownProcess()
                ? Cli.process(dir, row.stdin(), BOUND, args.toArray(String[]::new))
                : Cli.inProcess(row.stdin(), BOUND, args.toArray(String[]::new));
        String output = result.stderr() + "\n" + result.stdout();
        assertEquals(row.status(), result.status(), result.all());
        for (String expected : row.expected()) assertTrue(output.contains(expected), "missing: " + expected + "\n" + result.all());
        for (String absent : row.absent()) assertFalse(output.contains(absent), "unexpected: " + absent + "\n" + result.all());
        assertFalse(Cli.JAVA_NAME.matcher(result.stderr()).find(), "a Java class name reached the user:\n" + result.all());
    }
}
