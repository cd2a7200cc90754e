package dev.pydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --headless} without {@code --wait-for} ends on the page's {@link dev.pydesk.bridge.events.PageEvent.Idle}:
 * at once when nothing is pending, and not before a 2 s timer (JavaScript's, Python's) has run.
 */
class HeadlessIdleTest {
    private static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Cli.Result run(String name, String body) throws Exception {
        Path page = Files.writeString(dir.resolve(name), Cli.html(body));
        return Cli.inProcess(null, BOUND, "--headless", "--dump", "text", "--timeout", "30", page.toString());
    }

    @Test
    void aPageWithNothingPendingEndsAtOnceAndOneWithATimerWhenItRan() throws Exception {
        // the same work but the timers (asyncio's import alone takes seconds); the first page pays start-up
        String quickPage = "<div id=\"out\">waiting</div><script type=\"py\">import asyncio\nprint('quick')</script>";
        Cli.Result warm = run("warm.html", quickPage);
        assertEquals(0, warm.status(), warm.all());
        Cli.Result quick = run("quick.html", quickPage);
        assertEquals(0, quick.status(), quick.all());
        assertTrue(quick.stderr().contains("[py-0] quick"), quick.all());
        Cli.Result timers = run("timers.html", """
                <div id="out">waiting</div>
                <script>setTimeout(() => console.log("js late"), 2000)</script>
                <script type="py">
                import asyncio
                from pyscript import document
                async def later():
                    await asyncio.sleep(2)
                    document.getElementById("out").textContent = "py late"
                asyncio.create_task(later())
                </script>""");
        assertEquals(0, timers.status(), timers.all());
        assertTrue(timers.stderr().contains("[js] js late"), timers.all());
        assertTrue(timers.stdout().contains("py late"), timers.all()); // the dump came after the timer
        assertTrue(timers.took().toMillis() >= 2000, timers.all());
        // Idle, not a timeout and not a poll that lags: the timer page ends within seconds of its timers
        assertTrue(timers.took().minus(quick.took()).toMillis() < 2000 + 6000, "quick " + quick.took().toMillis()
                + " ms, timers " + timers.took().toMillis() + " ms");
        System.out.println("[HeadlessIdleTest] quick page " + quick.took().toMillis() + " ms, 2 s timers page "
                + timers.took().toMillis() + " ms");
    }
}
