package dev.pydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 1: page JavaScript that never returns. WebKit cannot interrupt it and it holds the FX thread, so
 * every case runs in a PyDesk process of its own: headless, the JavaScript watchdog ends the run after the script
 * timeout with a message that says what happened (status 1), {@code --timeout} holds all the same (status 3); in a
 * window, PyDesk restarts with the page stopped and says why.
 */
class JavaScriptWatchdogTest {
    private static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Path page(String body) throws Exception {
        return Files.writeString(dir.resolve("p.html"), Cli.html(body));
    }

    private static void assertNoJavaNames(Cli.Result result) {
        assertFalse(Cli.JAVA_NAME.matcher(result.stderr()).find(), "a Java class name reached the user:\n" + result.all());
    }

    @Test
    void anEndlessLoopInAPageScriptEndsTheRunWithAClearError() throws Exception {
        Path page = page("<p>before</p><script>while (true) {}</script>");
        Cli.Result result = Cli.process(dir, null, BOUND, "--headless", "--script-timeout", "2", page.toString());
        assertEquals(1, result.status(), result.all());
        assertTrue(result.stderr().contains("[js] error: p.html stopped responding: its JavaScript has run for more than"
                + " 2 s without returning (an endless loop in a <script>, a timer or an event handler?). WebKit cannot"
                + " interrupt JavaScript, so PyDesk ends the page."), result.all());
        assertTrue(result.stderr().contains("the run ends with status 1, without a dump"), result.all());
        assertNoJavaNames(result);
    }

    @BothInterpreters
    void pythonCallingJavaScriptThatNeverReturnsIsNamed(String type) throws Exception {
        Path page = page("<script>window.spin = () => { for (;;) {} }</script><script type=\"" + type + "\">import js\n"
                + "print('calling')\njs.spin()</script>");
        Cli.Result result = Cli.process(dir, null, BOUND, "--headless", "--script-timeout", "2", page.toString());
        assertEquals(1, result.status(), result.all());
        assertTrue(result.stderr().contains("[" + type + "-0] calling"), result.all());
        assertTrue(result.stderr().contains("p.html stopped responding: its JavaScript has run for more than 2 s"
                + " without returning"), result.all());
        assertTrue(result.stderr().contains("; " + type + "-0 called it."), result.all());
        assertNoJavaNames(result);
    }

    @Test
    void theTimeoutHoldsWhileJavaScriptNeverReturns() throws Exception {
        Path page = page("<script>setTimeout(() => { while (true) {} }, 50)</script>");
        // 10 s: long enough for the page to be loaded and looping on a loaded machine
        Cli.Result result = Cli.process(dir, null, BOUND, "--headless", "--timeout", "10", page.toString());
        assertEquals(3, result.status(), result.all());
        assertTrue(result.stderr().contains("pydesk: timed out after 10 s waiting for the page's scripts; the page has"
                + " not answered for"), result.all());
        assertTrue(result.stderr().contains("(its JavaScript is running and does not return: an endless loop?)"),
                result.all());
        // the timeout itself, the dump's grace and a JVM start, not the 30 s of the default script timeout
        assertTrue(result.took().compareTo(Duration.ofSeconds(60)) < 0, result.all());
        assertNoJavaNames(result);
    }

    @Test
    void theWindowRestartsWithThePageStoppedAndSaysWhy() throws Exception {
        Path page = page("<button id=\"b\" onclick=\"for (;;) {}\">spin</button>"
                + "<script>setTimeout(() => document.getElementById('b').click(), 200)</script>");
        Map<String, String> environment = Map.of("XDG_STATE_HOME", dir.resolve("state").toString());
        Cli.Result result = Cli.process(dir, Cli.SILENT, BOUND, List.of(), environment, "--script-timeout", "2",
                page.toString());
        String message = "p.html stopped responding: its JavaScript has run for more than 2 s without returning";
        assertEquals(1, result.status(), result.all());
        Matcher restarted = Pattern.compile("pydesk: restarted as process (\\d+) with p.html stopped").matcher(result.stderr());
        assertTrue(restarted.find(), result.all());
        ProcessHandle child = ProcessHandle.of(Long.parseLong(restarted.group(1))).orElseThrow(
                () -> new AssertionError("the restarted PyDesk is not running:\n" + result.all()));
        try {
            // the restarted PyDesk shares the files of this one's output; it shows the stopped page and says why
            Path err = Files.list(dir).filter(file -> file.getFileName().toString().startsWith("err")).findFirst().orElseThrow();
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (count(Files.readString(err), message) < 2 && System.nanoTime() < deadline) Thread.sleep(200);
            String stderr = Files.readString(err);
            assertEquals(2, count(stderr, "[js] error: " + message), stderr);
            assertTrue(child.isAlive(), "the restarted window ended:\n" + stderr);
            assertFalse(Cli.JAVA_NAME.matcher(stderr).find(), stderr);
        } finally {
            child.destroyForcibly();
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
        return count;
    }
}
