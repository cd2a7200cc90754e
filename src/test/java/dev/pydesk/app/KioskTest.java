package dev.pydesk.app;

import static dev.pydesk.testing.FxWait.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.FxThread;
import dev.pydesk.interpreter.session.PageSession;
import dev.pydesk.testing.PageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** {@code --kiosk} on a real WebView: navigation stays in the page's folder, no new windows, the exit key, recovery. */
class KioskTest {
    @TempDir
    Path dir;
    KioskMode kiosk;
    Path log;
    final FxRobot robot = new FxRobot();

    @AfterEach
    void close() {
        if (kiosk != null) FxThread.run(() -> {
            kiosk.close();
            kiosk.stage().close();
        });
    }

    private PageSession start(String body, KeyCombination exit, double reloadDelay) throws Exception {
        PageHarness.startToolkit();
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("elsewhere/other.html"), "<html><body>other folder</body></html>");
        Path page = site.resolve("index.html");
        Files.writeString(page, "<!doctype html><html><body>" + body + "</body></html>");
        log = dir.resolve("state/kiosk.log");
        CompletableFuture<PageSession> session = new CompletableFuture<>();
        FxThread.run(() -> {
            kiosk = new KioskMode(new Stage(), PageHarness.services(), 30, exit, true, reloadDelay, log);
            kiosk.view().loader.onSession(session::complete);
            kiosk.stage().show();
            try {
                kiosk.open(page);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        PageSession opened = session.get(60, TimeUnit.SECONDS);
        opened.scriptsDone().get(60, TimeUnit.SECONDS);
        return opened;
    }

    private String logText() throws Exception {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private Object js(String script) {
        return FxThread.call(() -> kiosk.view().webView.getEngine().executeScript(script));
    }

    @Test
    void aKioskPageCannotLeaveItsFolderOrOpenAWindow() throws Exception {
        start("<p id='p'>kiosk page</p>", null, 10);
        assertTrue(FxThread.call(() -> kiosk.stage().isFullScreen()));
        String home = String.valueOf(js("location.href"));
        Object opened = js("String(window.open('index.html'))");
        assertEquals("null", String.valueOf(opened));
        // Another folder of the disk is served by another server: another origin, as any other site.
        dev.pydesk.interpreter.page.PageServer other = dev.pydesk.interpreter.page.PageServer.start(dir.resolve("elsewhere"),
                PageHarness.services().pageServerThreads());
        String target = other.uriOf(dir.resolve("elsewhere/other.html")).toString();
        js("location.href = " + PageHarness.quote(target));
        waitUntil("the blocked navigation to be logged", () -> {
            try {
                return logText().contains("blocked navigation to " + target);
            } catch (Exception e) {
                return false;
            }
        });
        // the location is home as soon as the load back starts, while the old document may still be shown: wait for
        // the load to finish too
        waitUntil("the kiosk page to be back", () -> home.equals(kiosk.view().webView.getEngine().getLocation())
                && kiosk.view().webView.getEngine().getLoadWorker().getState() == javafx.concurrent.Worker.State.SUCCEEDED
                && "kiosk page".equals(String.valueOf(js("(document.getElementById('p')||{}).textContent"))));
        assertTrue(logText().contains("blocked a new window"), logText());
        assertFalse(String.valueOf(js("document.body.textContent")).contains("other folder"));
        other.close();
    }

    @Test
    void theFullScreenExitKeyDoesNothingUnlessConfigured() throws Exception {
        start("<p>kiosk</p>", KeyCombination.keyCombination("Ctrl+Shift+Q"), 10);
        robot.push(KeyCode.ESCAPE);
        Thread.sleep(300);
        assertTrue(FxThread.call(() -> kiosk.stage().isFullScreen() && kiosk.stage().isShowing()));
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Q);
        waitUntil("the configured exit key to quit", () -> !kiosk.stage().isShowing());
        assertTrue(logText().contains("exit key"), logText());
    }

    @Test
    void aPageErrorReloadsThePageAfterTheDelayAndIsLogged() throws Exception {
        PageSession first = start("""
                <script type="py">
                raise RuntimeError("the kiosk page crashed")
                </script>""", null, 0.5);
        waitUntil("a reload", () -> kiosk.view().loader.session().filter(session -> session != first).isPresent());
        String text = logText();
        assertTrue(text.contains("page error in py-0 (RuntimeError: the kiosk page crashed): reloading in 0.5 s"), text);
        assertTrue(text.contains("reloading"), text);
        assertTrue(text.lines().allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT.* .*")), text);
    }
}
