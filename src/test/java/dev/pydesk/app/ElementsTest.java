package dev.pydesk.app;

import static dev.pydesk.testing.FxWait.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.DomInspection;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.inspector.ElementsView;
import dev.pydesk.inspector.ReplView;
import dev.pydesk.interpreter.session.PageSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import netscape.javascript.JSObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The inspector's Elements tab on a real page, driven through the real UI (TestFX's robot on Monocle): the live tree
 * after Python changed the page, selection with its details and {@code $0} in the REPL, CSS selector search, the
 * highlight over the page (which the page never sees), and the observer running only while the tab is shown.
 */
class ElementsTest {
    @TempDir
    Path dir;
    ShellWindow window;
    Shell shell;
    final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() {
        window = ShellWindow.open(dir.resolve("state"), 1100, 800);
        shell = window.shell;
    }

    @AfterEach
    void close() {
        window.close();
    }

    private PageSession load(Path page) throws Exception {
        return window.load(page);
    }

    private ElementsView elements() {
        return shell.inspector().elements();
    }

    private Object js(String script) {
        return FxThread.call(() -> shell.view().webView.getEngine().executeScript(script));
    }

    /** The tree's cell showing a row that passes {@code test}, once it is on screen. */
    @SuppressWarnings("unchecked")
    private TreeCell<DomInspection.Node> cell(Predicate<String> test) {
        waitUntil("a matching row on screen", () -> robot.lookup(".dom-cell").queryAll().stream()
                .anyMatch(node -> node instanceof TreeCell<?> c && c.getItem() != null && test.test(row(c))));
        return FxThread.call(() -> (TreeCell<DomInspection.Node>) robot.lookup(".dom-cell").queryAll().stream()
                .filter(node -> node instanceof TreeCell<?> c && c.getItem() != null && test.test(row(c)))
                .findFirst().orElseThrow());
    }

    private static String row(TreeCell<?> cell) {
        return String.join("", ((javafx.scene.text.TextFlow) cell.getGraphic()).getChildren().stream()
                .map(n -> n instanceof javafx.scene.text.Text t ? t.getText()
                        : n instanceof javafx.scene.control.Label l ? l.getText() : "").toList());
    }

    /** Clicks the page where the element is (the WebView's coordinates are the page's CSS pixels at zoom 1). */
    private void clickInPage(String selector) {
        Point2D point = FxThread.call(() -> {
            JSObject rect = (JSObject) shell.view().webView.getEngine().executeScript(
                    "document.querySelector('" + selector + "').getBoundingClientRect()");
            double x = ((Number) rect.getMember("left")).doubleValue() + ((Number) rect.getMember("width")).doubleValue() / 2;
            double y = ((Number) rect.getMember("top")).doubleValue() + ((Number) rect.getMember("height")).doubleValue() / 2;
            return shell.view().webView.localToScreen(x, y);
        });
        robot.clickOn(point);
    }

    @Test
    void theTreeFollowsPythonAndSelectingANodeShowsItAndMakesItDollarZero() throws Exception {
        Files.writeString(dir.resolve("elements.html"), """
                <!doctype html><html><head><title>elements</title></head><body>
                <div id="box" class="card" style="width: 120px; height: 30px; padding: 5px; margin: 10px">box</div>
                <button id="add">add</button>
                <script type="py">
                from pyscript import document, when
                @when("click", "#add")
                def add(event):
                    p = document.createElement("p")
                    p.id = "added"
                    p.className = "new"
                    p.textContent = "added by Python"
                    document.body.append(p)
                    document.getElementById("box").setAttribute("data-count", "1")
                print("ready")
                </script>
                </body></html>""");
        load(dir.resolve("elements.html"));
        FxThread.run(() -> {
            shell.showInspector(true);
            shell.inspector().select("Elements");
        });
        waitUntil("the tree", () -> elements().rows().stream().anyMatch(r -> r.startsWith("<div id=\"box\"")));
        List<String> rows = FxThread.call(elements()::rows);
        assertTrue(rows.contains("<!doctype html>"), rows.toString());
        assertTrue(rows.contains("<script-py id=\"py-0\">  PyDesk output"), "PyDesk's output element is marked: " + rows);
        assertTrue(FxThread.call(elements()::watching), "the observer runs while the tab is shown");
        int elementsBefore = ((Number) js("document.getElementsByTagName('*').length")).intValue();

        // Python changes the page (a click in the page runs its handler): the tree follows, without a reload.
        clickInPage("#add");
        waitUntil("the new row", () -> elements().rows().contains("<p id=\"added\" class=\"new\">"));
        waitUntil("the changed attribute", () -> elements().rows().stream()
                .anyMatch(r -> r.startsWith("<div id=\"box\"") && r.contains("data-count=\"1\"")));

        // Selecting the row shows the node's attributes, styles and box; it is $0 in the REPL.
        robot.clickOn(cell(r -> r.startsWith("<div id=\"box\"")));
        waitUntil("the details", () -> elements().detailAttributes().contains("id=box"));
        assertTrue(FxThread.call(elements()::detailAttributes).contains("data-count=1"));
        assertTrue(FxThread.call(elements()::detailInlineStyle).contains("width: 120px"),
                FxThread.call(elements()::detailInlineStyle).toString());
        assertEquals("block", FxThread.call(() -> elements().computedStyle("display").orElse("")));
        assertTrue(FxThread.call(elements()::boxText).startsWith("Box 130 \u00d7 40"), FxThread.call(elements()::boxText));

        FxThread.run(() -> shell.inspector().select("REPL"));
        waitUntil("the observer to stop with the tab", () -> !elements().watching());
        waitUntil("the REPL on screen", () -> shell.inspector().repl().input().getScene() != null
                && shell.inspector().repl().input().isVisible());
        robot.clickOn(FxThread.call(() -> shell.inspector().repl().input()));
        robot.write("$0.id + ':' + $0.getAttribute(\"data-count\")");
        robot.push(KeyCode.ENTER);
        waitUntil("Python's $0", () -> shell.inspector().repl().output().contains("'box:1'"));
        FxThread.run(() -> shell.inspector().repl().language(ReplView.JS));
        robot.write("$0.className");
        robot.push(KeyCode.ENTER);
        waitUntil("JavaScript's $0", () -> shell.inspector().repl().output().contains("\ncard\n"));
        assertEquals("undefined", js("typeof $0"), "$0 is the REPL's, not the page's");

        // A CSS selector finds a node: the tree opens down to it and selects it.
        FxThread.run(() -> shell.inspector().select("Elements"));
        waitUntil("the tab to watch again", elements()::watching);
        robot.clickOn(FxThread.call(elements()::search));
        robot.write("p.new");
        robot.push(KeyCode.ENTER);
        waitUntil("the match", () -> "1 of 1".equals(elements().foundText()));
        assertEquals("<p id=\"added\" class=\"new\">", FxThread.call(this::selectedRow));
        assertTrue(FxThread.call(elements()::detailAttributes).contains("id=added"));
        FxThread.run(() -> elements().search().setText("p[[["));
        robot.clickOn(FxThread.call(elements()::search));
        robot.push(KeyCode.ENTER);
        waitUntil("the selector error", () -> elements().foundText().startsWith("Not a CSS selector"));

        // Hovering a row draws the node's box over the page; leaving the tree takes it away. The page sees nothing.
        robot.moveTo(cell(r -> r.startsWith("<div id=\"box\"")));
        waitUntil("the highlight", () -> shell.inspector().highlight().showing());
        double[] drawn = FxThread.call(() -> shell.inspector().highlight().borderBox());
        JSObject rect = FxThread.call(() -> (JSObject) shell.view().webView.getEngine()
                .executeScript("document.getElementById('box').getBoundingClientRect()"));
        assertEquals(FxThread.call(() -> ((Number) rect.getMember("left")).doubleValue()), drawn[0], 0.5);
        assertEquals(FxThread.call(() -> ((Number) rect.getMember("top")).doubleValue()), drawn[1], 0.5);
        assertEquals(130, drawn[2], 0.5);
        assertEquals(40, drawn[3], 0.5);
        Bounds highlightBounds = FxThread.call(() -> shell.inspector().highlight().node().localToScreen(
                shell.inspector().highlight().node().getLayoutBounds()));
        Bounds pageBounds = FxThread.call(() -> shell.view().webView.localToScreen(shell.view().webView.getLayoutBounds()));
        assertEquals(pageBounds.getMinX(), highlightBounds.getMinX(), 0.5, "the layer lies over the page");
        assertEquals(pageBounds.getMinY(), highlightBounds.getMinY(), 0.5, "the layer lies over the page");
        robot.moveTo(FxThread.call(elements()::search));
        waitUntil("the highlight to go", () -> !shell.inspector().highlight().showing());
        assertEquals(elementsBefore + 1, ((Number) js("document.getElementsByTagName('*').length")).intValue(),
                "only Python's <p> was added to the page");
        assertEquals(List.of("[py-0] ready"), FxThread.call(() -> shell.inspector().console().shownLines().stream()
                .map(e -> "[" + e.source() + "] " + e.text()).toList()), "the inspector made no console noise");

        // Hiding the inspector stops the observer; a reload gives a fresh tree of the new document.
        FxThread.run(() -> shell.showInspector(false));
        waitUntil("the observer to stop with the inspector", () -> !elements().watching());
        DomInspection before = FxThread.call(() -> shell.view().loader.session().orElseThrow().realm().dom());
        FxThread.run(() -> shell.showInspector(true));
        waitUntil("the observer again", elements()::watching);
        CompletableFuture<PageSession> reloaded = new CompletableFuture<>();
        FxThread.run(() -> {
            shell.view().loader.onSession(reloaded::complete);
            shell.reload();
        });
        PageSession fresh = reloaded.get(60, TimeUnit.SECONDS);
        fresh.scriptsDone().get(90, TimeUnit.SECONDS);
        assertFalse(FxThread.call(before::isOpen), "the old document's inspection is closed");
        assertNotSame(before, FxThread.call(() -> fresh.realm().dom()));
        waitUntil("the new document's tree", () -> elements().watching()
                && elements().rows().stream().anyMatch(r -> r.startsWith("<div id=\"box\""))
                && !elements().rows().contains("<p id=\"added\" class=\"new\">"));
    }

    /** {@code --inspect SELECTOR}: the inspector opens on the Elements tab with the first match selected. */
    @Test
    void inspectOpensTheElementsTabOnTheFirstMatch() throws Exception {
        Files.writeString(dir.resolve("inspect.html"), """
                <html><body><main><div class="card"><p>one</p>
                <script type="mpy">from pyscript import display; display("from mpy")</script>
                </div></main></body></html>""");
        load(dir.resolve("inspect.html"));
        FxThread.run(() -> shell.inspect("script-py"));
        waitUntil("the match", () -> "1 of 1".equals(elements().foundText()));
        assertTrue(FxThread.call(shell::inspectorShown));
        assertEquals("<script-py id=\"mpy-0\">", FxThread.call(this::selectedRow));
        assertTrue(FxThread.call(elements()::rows).contains("<script-py id=\"mpy-0\">  PyDesk output"));
        assertTrue(FxThread.call(elements()::detailAttributes).contains("id=mpy-0"));
        // $0 in the page's mpy interpreter too.
        FxThread.run(() -> {
            shell.inspector().select("REPL");
            shell.inspector().repl().language(ReplView.MPY);
        });
        waitUntil("the REPL on screen", () -> shell.inspector().repl().input().getScene() != null
                && shell.inspector().repl().input().isVisible());
        robot.clickOn(FxThread.call(() -> shell.inspector().repl().input()));
        robot.write("$0.textContent");
        robot.push(KeyCode.ENTER);
        waitUntil("mpy's $0", () -> shell.inspector().repl().output().contains("'from mpy'"));
    }

    private String selectedRow() {
        var item = elements().tree().getSelectionModel().getSelectedItem();
        return item == null ? "" : rowOf(item.getValue());
    }

    private static String rowOf(DomInspection.Node node) {
        StringBuilder text = new StringBuilder("<" + node.name());
        for (DomInspection.Attribute a : node.attributes()) text.append(' ').append(a.name()).append("=\"").append(a.value()).append('"');
        return text.append('>').toString();
    }
}
