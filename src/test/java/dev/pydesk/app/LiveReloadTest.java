package dev.pydesk.app;

import static dev.pydesk.testing.FxWait.waitUntil;
import static dev.pydesk.testing.FxWait.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.FxThread;
import dev.pydesk.interpreter.session.PageSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Live reload in the window: View > Live Reload (clicked with TestFX's robot) watches the page's folder; editing the
 * page's {@code src} script or a file in a subfolder loads the page again with fresh interpreters, the status line
 * says what changed, and the console keeps its preserved log. Files that are not content (an editor's swap file)
 * change nothing. Every wait is bounded and on a condition.
 */
class LiveReloadTest {
    @TempDir
    Path temp;
    Path dir; // the page's folder (the state folder, where recent files are written, lies outside it)
    ShellWindow window;
    Shell shell;
    Stage stage;
    final FxRobot robot = new FxRobot();
    final List<PageSession> sessions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws java.io.IOException {
        dir = Files.createDirectories(temp.resolve("site"));
        window = ShellWindow.open(temp.resolve("state"), 900, 600);
        shell = window.shell;
        stage = window.stage;
        FxThread.run(() -> shell.view().loader.onSession(sessions::add));
    }

    @AfterEach
    void close() {
        window.close();
    }

    private String shown() {
        return String.valueOf(shell.view().webView.getEngine().executeScript(
                "(document.querySelector('#out') || {}).textContent"));
    }

    @Test
    void editingAWatchedFileReloadsThePageWithFreshPython() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/word.txt"), "one");
        Files.writeString(dir.resolve("main.py"), """
                from pyscript import document, fetch
                word = await fetch("./data/word.txt").text()
                document.getElementById("out").textContent = "first " + word
                print("ran", word)
                """);
        Path page = dir.resolve("live.html");
        Files.writeString(page, "<!doctype html><html><head><title>live</title></head><body><p id=\"out\"></p>"
                + "<script type=\"py\" src=\"./main.py\"></script></body></html>");
        CompletableFuture<PageSession> first = new CompletableFuture<>();
        FxThread.run(() -> {
            shell.view().loader.onSession(first::complete);
            shell.inspector().console().preserveLog(true);
            shell.showInspector(true);
            shell.open(page);
        });
        first.get(60, TimeUnit.SECONDS).scriptsDone().get(90, TimeUnit.SECONDS);
        assertEquals("first one", FxThread.call(this::shown));

        // View > Live Reload, through the menus, clicked in this window: a lookup by text alone searches every
        // window, and one another test left showing (with menus of its own) took the clicks in CI.
        MenuBar bar = FxThread.call(() -> (MenuBar) ((javafx.scene.layout.VBox) shell.root().getTop())
                .getChildren().getFirst());
        Menu view = FxThread.call(() -> bar.getMenus().stream().filter(m -> m.getText().equals("View"))
                .findFirst().orElseThrow());
        MenuItem toggle = FxThread.call(() -> view.getItems().stream()
                .filter(i -> "Live Reload".equals(i.getText())).findFirst().orElseThrow());
        // the menu's popup shows a pulse or two after the click; under load a click is now and then lost while the
        // window lays out the inspector: click again until it shows
        boolean open = false;
        for (int attempt = 0; attempt < 5 && !open; attempt++) {
            FxThread.run(stage::toFront);
            robot.clickOn(robot.from(bar).lookup("View").queryLabeled());
            open = within(Duration.ofSeconds(10), () -> view.isShowing() && popupItem(toggle).isPresent());
            if (!open) FxThread.run(view::hide);
        }
        assertTrue(open, "the View menu did not open after 5 clicks");
        robot.clickOn(FxThread.call(() -> popupItem(toggle).orElseThrow()));
        waitUntil("live reload to watch the folder", shell::liveReloading);
        assertTrue(((CheckMenuItem) toggle).isSelected());

        int before = sessions.size();
        Files.writeString(dir.resolve("main.py"), """
                from pyscript import document, fetch
                word = await fetch("./data/word.txt").text()
                document.getElementById("out").textContent = "second " + word
                print("ran again", word)
                """);
        waitUntil("the reloaded page", () -> sessions.size() > before && "second one".equals(shown()));
        waitUntil("the status line", () -> shell.status().contains("reloaded: main.py changed"));
        PageSession second = sessions.getLast();
        assertFalse(FxThread.call(() -> sessions.get(before - 1) == second), "a new session");

        // A file the page fetched, in a subfolder: a reload too. An editor's swap file: nothing.
        int now = sessions.size();
        Files.writeString(dir.resolve(".live.html.swp"), "swap");
        Files.writeString(dir.resolve("data/word.txt"), "two");
        waitUntil("the page with the new data", () -> sessions.size() > now && "second two".equals(shown()));
        waitUntil("the status line", () -> shell.status().contains("reloaded: data/word.txt changed"));
        List<String> lines = FxThread.call(() -> shell.inspector().console().shownLines().stream()
                .map(e -> e.text()).toList());
        assertTrue(lines.contains("ran one") && lines.contains("ran again one") && lines.contains("ran again two"),
                "the preserved log keeps every run: " + lines);

        FxThread.run(() -> shell.liveReload(false));
        assertFalse(FxThread.call(shell::liveReloading));
    }

    /** The label that shows {@code item} in its menu's popup, once that popup shows (call on the FX thread). */
    private static java.util.Optional<Node> popupItem(MenuItem item) {
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w.isShowing() && w instanceof javafx.scene.control.ContextMenu menu
                        && menu.getItems().contains(item))
                .flatMap(w -> w.getScene().getRoot().lookupAll(".label").stream())
                .filter(n -> n instanceof javafx.scene.control.Labeled label && item.getText().equals(label.getText())
                        && n.isVisible())
                .findFirst();
    }

    @Test
    void editorsTemporaryFilesAndCachesAreNotContent() {
        for (String name : List.of(".main.py.swp", "main.py~", "4913", "#main.py#", "main.py___jb_tmp___", "__pycache__",
                ".git", "x.tmp")) {
            assertTrue(LiveReload.ignored(Path.of(name)), name);
        }
        for (String name : List.of("main.py", "page.html", "pyscript.toml", "data.json")) {
            assertFalse(LiveReload.ignored(Path.of(name)), name);
        }
        assertEquals("main.py changed", LiveReload.describe(List.of(Path.of("main.py"))));
        assertEquals("main.py and 2 more files changed",
                LiveReload.describe(List.of(Path.of("main.py"), Path.of("a"), Path.of("b"))));
    }
}
