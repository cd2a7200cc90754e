package dev.pydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, the points that a headless run shows, one test each, for py and mpy where it applies, on the main thread
 * and in a worker where it applies: the exit status, the message (it names the script and says what to do), that
 * the page goes on where it should, and that no Java class name reaches the user. Point 1 is
 * {@link JavaScriptWatchdogTest}, 9 {@code NavigationTest}, 10 {@code ReloadTest}; {@link HeadlessCorpusTest} runs
 * a larger corpus of bad input.
 */
class FaultsTest {
    private static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    /** The page's folder: what is outside it is refused to the page. */
    private Path site() throws Exception {
        return Files.createDirectories(dir.resolve("site"));
    }

    private Cli.Result run(String stdin, String body, String... args) throws Exception {
        Path page = Files.writeString(site().resolve("p.html"), Cli.html(body));
        List<String> all = new ArrayList<>(List.of("--headless", "--dump", "none"));
        all.addAll(List.of(args));
        all.add(page.toString());
        Cli.Result result = Cli.inProcess(stdin, BOUND, all.toArray(String[]::new));
        assertFalse(Cli.JAVA_NAME.matcher(result.stderr()).find(), "a Java class name reached the user:\n" + result.all());
        return result;
    }

    private static void assertHas(Cli.Result result, String... parts) {
        for (String part : parts) assertTrue(result.stderr().contains(part), "missing: " + part + "\n" + result.all());
    }

    private static void assertLacks(Cli.Result result, String... parts) {
        for (String part : parts) assertFalse(result.stderr().contains(part), "unexpected: " + part + "\n" + result.all());
    }

    /** Point 2: an uncaught JavaScript error, also in a timer callback or as a rejection, is status 1. */
    @Test
    void uncaughtJavaScriptErrorsEndTheRunWithStatusOne() throws Exception {
        for (String script : List.of("throw new TypeError('early boom')",
                "setTimeout(() => { throw new TypeError('late boom') }, 200)",
                "setTimeout(() => Promise.reject(new TypeError('rejected boom')), 100)")) {
            Cli.Result result = run(null, "<script>" + script + "</script><script type=\"py\">print('py ran')</script>");
            assertEquals(1, result.status(), result.all());
            // the page's own error, where it was thrown; the page's Python still ran
            assertHas(result, "[js] error: ", "TypeError: ", "boom", "p.html", "[py-0] py ran");
        }
        Cli.Result handled = run(null, "<script>try { throw new Error('x') } catch (e) {}"
                + " setTimeout(() => console.log('timer ran'), 100)</script>");
        assertEquals(0, handled.status(), handled.all());
        assertHas(handled, "[js] timer ran");
    }

    /** Point 3: a stop Python cannot catch; the page's next script runs. */
    @BothInterpreters
    void theScriptTimeoutCannotBeSwallowed(String type) throws Exception {
        Cli.Result result = run(null, ("<script type=\"%1$s\">\nwhile True:\n    try:\n        try:\n"
                + "            sum(range(1000))\n        finally:\n            pass\n    except BaseException:\n"
                + "        pass\n</script><script type=\"%1$s\">print('next ran')</script>").formatted(type),
                "--script-timeout", "2");
        assertEquals(1, result.status(), result.all());
        assertHas(result, "[" + type + "-0] error: RuntimeError: " + type + "-0 ran longer than 2 s and was stopped.",
                "Raise the limit with --script-timeout, or move long work into a worker.", "[" + type + "-1] next ran");
        assertEquals(1, count(result.stderr(), "ran longer than"), result.all());
    }

    /** Point 4: input() is window.prompt on the main thread and in a worker; silent standard input is bounded. */
    @BothInterpreters
    void inputIsThePromptEverywhereAndBounded(String type) throws Exception {
        Cli.Result answered = run("Ada\nGrace\n", ("<script type=\"%1$s\">print('main', input('name? '))</script>"
                + "<script type=\"%1$s\" worker>print('worker', input('again? '))</script>").formatted(type));
        assertEquals(0, answered.status(), answered.all());
        assertHas(answered, "[prompt] name?", "[prompt] again?", "main Ada", "worker ");
        assertTrue(answered.stderr().contains("worker Grace") || answered.stderr().contains("worker Ada"), answered.all());

        Cli.Result silent = run(Cli.SILENT, ("<script type=\"%1$s\">\ntry:\n    input('name? ')\nexcept EOFError as e:\n"
                + "    print('no answer:', e)\n</script><script type=\"%1$s\">input('again? ')</script>").formatted(type),
                "--script-timeout", "6");
        assertEquals(1, silent.status(), silent.all());
        assertHas(silent, "[prompt] name?", "no answer on standard input within 6 s", "[" + type + "-0] no answer:",
                "[" + type + "-1] error:", "EOFError", "the prompt was dismissed");
        assertLacks(silent, "ran longer than");
    }

    /** Point 5: a huge config is refused at once, with the limit it broke and what to do. */
    @BothInterpreters
    void aHugeConfigIsRefusedAtOnce(String type) throws Exception {
        Files.writeString(site().resolve("big.toml"), IntStream.range(0, 50_000).mapToObj(i -> "key" + i + " = " + i)
                .collect(Collectors.joining("\n")));
        Cli.Result result = run(null, ("<%1$s-config src=\"big.toml\"></%1$s-config>"
                + "<script type=\"%1$s\">print('RAN')</script>").formatted(type));
        assertEquals(1, result.status(), result.all());
        assertHas(result, "[" + type + "] error: (PY1000): Invalid TOML @ big.toml", "more than 10000 values",
                "None of this page's " + type + " scripts run: fix the " + type + " config and reload the page.");
        assertLacks(result, "RAN");
        assertTrue(result.took().compareTo(Duration.ofSeconds(60)) < 0, result.all());
    }

    /** Point 6: os._exit() and threads are refused in Python's terms, on the main thread and in a worker. */
    @BothInterpreters
    void exitAndThreadsAreRefusedInPythonTerms(String type) throws Exception {
        String code = """
                import os, threading
                for attempt in (lambda: os._exit(3), lambda: threading.Thread(target=print).start()):
                    try:
                        attempt()
                    except RuntimeError as e:
                        print("refused:", e)
                """;
        Cli.Result caught = run(null, ("<script type=\"%1$s\">\n%2$s</script><script type=\"%1$s\" worker>\n%2$s"
                + "</script>").formatted(type, code));
        assertEquals(0, caught.status(), caught.all());
        assertEquals(2, count(caught.stderr(), "refused: os._exit() is not allowed in a PyDesk page: it would end"
                + " PyDesk itself, not just this script. End the script with sys.exit() or return"), caught.all());
        assertEquals(2, count(caught.stderr(), "refused: PyDesk pages cannot start threads (threading, _thread,"
                + " concurrent.futures): page Python runs on the page's own thread. Use asyncio"), caught.all());

        Cli.Result uncaught = run(null, ("<script type=\"%1$s\">import os\nos._exit(1)</script>"
                + "<script type=\"%1$s\">print('next ran')</script>").formatted(type));
        assertEquals(1, uncaught.status(), uncaught.all());
        assertHas(uncaught, "[" + type + "-0] error:", "RuntimeError: os._exit() is not allowed", "[" + type + "-1] next ran");
        assertLacks(uncaught, "ThreadDeath", "internal error");
    }

    /** Point 7: an invalid, missing, ambiguous or refused config runs none of that interpreter's scripts. */
    @BothInterpreters
    void aFailedConfigRunsNoneOfItsInterpretersScripts(String type) throws Exception {
        String other = type.equals("py") ? "mpy" : "py";
        Files.writeString(dir.resolve("outside.toml"), "a = 1");
        String scripts = ("<script type=\"%1$s\">print('RAN %1$s')</script><script type=\"%1$s\">print('RAN %1$s 2')"
                + "</script><script type=\"%2$s\">print('the %2$s script ran')</script>").formatted(type, other);
        List<String[]> configs = List.of(
                new String[] {"<%s-config>x = [</%s-config>", "(PY1000): Invalid TOML"},
                new String[] {"<%s-config src=\"nope.toml\"></%s-config>", "(PY0404): Fetching from URL nope.toml failed"},
                new String[] {"<%s-config>a = 1</%s-config><%s-config>b = 2</%s-config>", "(PY0409): Too many " + type + "-config"},
                new String[] {"<%s-config src=\"../outside.toml\"></%s-config>", "(PY0403)"},
                new String[] {"<%s-config>[files]\n\"./nowhere.txt\" = \"./here.txt\"</%s-config>", "files: cannot copy \"./nowhere.txt\""});
        for (String[] config : configs) {
            Cli.Result result = run(null, config[0].replace("%s", type) + scripts);
            assertEquals(1, result.status(), config[0] + "\n" + result.all());
            assertHas(result, "[" + type + "] error: " + config[1], "None of this page's " + type + " scripts run",
                    "reload the page", "[" + other + "-0] the " + other + " script ran");
            assertLacks(result, "RAN " + type);
        }
        // a worker's own config: that worker does not start, the page's scripts do
        Cli.Result worker = run(null, ("<script type=\"%1$s\" worker name=\"w\" config='{\"a\": }'>print('RAN worker')"
                + "</script><script type=\"%1$s\">print('main ran')</script>").formatted(type));
        assertEquals(1, worker.status(), worker.all());
        assertHas(worker, "[worker w] error: (PY1000): Invalid JSON", "worker w does not start: fix its config and"
                + " reload the page.", "] main ran");
        assertLacks(worker, "RAN worker");
    }

    /** Point 8: option values that make no sense are usage errors (status 2), before any page runs. */
    @Test
    void nonsenseOptionValuesAreUsageErrors() throws Exception {
        Path page = Files.writeString(dir.resolve("p.html"), Cli.html("<script type=\"py\">print('RAN')</script>"));
        List<String[]> cases = List.of(
                new String[] {"--script-timeout", "-5", "pydesk: --script-timeout must be a number of seconds greater"
                        + " than 0 (at most 1000000000), not -5: for example --script-timeout 30"},
                new String[] {"--script-timeout", "0", "not 0: for example --script-timeout 30"},
                new String[] {"--timeout", "-1", "pydesk: --timeout must be a number of seconds greater than 0"},
                new String[] {"--timeout", "Infinity", "not Infinity: for example --timeout 60"},
                new String[] {"--kiosk-reload-delay", "-3", "--kiosk-reload-delay must be a number of seconds of 0 or"
                        + " more (at most 1000000000), not -3"});
        for (String[] row : cases) {
            Cli.Result result = Cli.process(dir, null, BOUND, "--headless", row[0], row[1], page.toString());
            assertEquals(2, result.status(), result.all());
            assertTrue(result.stderr().contains(row[2]), result.all());
            assertTrue(result.stderr().contains("Usage: pydesk"), "shows the usage:\n" + result.all());
            assertFalse(result.stderr().contains("RAN"), result.all());
            assertFalse(Cli.JAVA_NAME.matcher(result.stderr()).find(), result.all());
        }
    }

    /** Point 11: listening and UDP are a PermissionError that says how a page folder opts in; connecting out works. */
    @BothInterpreters
    void listeningIsRefusedUnlessTheFolderOptsIn(String type) throws Exception {
        String body = ("<script type=\"%s\">\nimport socket\ntry:\n    socket.create_server(('127.0.0.1', 0))\n"
                + "    print('listening')\nexcept PermissionError as e:\n    print('refused:', e)\n"
                + "socket.create_server(('127.0.0.1', 0))\n</script>").formatted(type);
        Cli.Result refused = run(null, body);
        assertEquals(1, refused.status(), refused.all());
        assertHas(refused, "refused: [Errno 13] PyDesk pages cannot listen for network connections",
                "put these two lines in pydesk.toml next to the page: [sockets] and listen = true",
                "[" + type + "-0] error:", "PermissionError");
        assertLacks(refused, "listening");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
        return count;
    }
}
