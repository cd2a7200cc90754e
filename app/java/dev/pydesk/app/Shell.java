package dev.pydesk.app;

import dev.pydesk.inspector.Inspector;
import dev.pydesk.interpreter.python.Services;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The browser around the page: menus, back/forward/reload, an address field for paths, drag and drop of HTML files,
 * recent files, zoom, the page title as window title, a status line with start-up progress, and the inspector
 * docked below the page (F12 or Ctrl+Shift+I).
 */
final class Shell {
    private final PageView view;
    private final Inspector inspector;
    private final Stage stage;
    private final SplitPane split = new SplitPane();
    private final TextField address = new TextField();
    private final Label status = new Label("starting...");
    private final Menu recentMenu = new Menu("Open Recent");
    private final CheckMenuItem inspectorItem = new CheckMenuItem("Inspector");
    private final CheckMenuItem liveReloadItem = new CheckMenuItem("Live Reload");
    private final LiveReload live = new LiveReload(this::filesChanged);
    private String reloadNote;
    private final RecentFiles recent;
    private final List<Path> history = new ArrayList<>();
    private final BorderPane root = new BorderPane();
    private int position = -1;
    private boolean travelling;

    Shell(Stage stage, Services services, double scriptTimeout, RecentFiles recent) {
        this.stage = stage;
        this.recent = recent;
        this.view = new PageView(services, scriptTimeout);
        this.inspector = new Inspector(view.events, new PageInspection(view.loader), view.webView);
        PageDialogs.inWindow(view.webView.getEngine(), view.loader);
        split.setOrientation(Orientation.VERTICAL);
        split.getItems().add(new StackPane(view.webView, inspector.highlight().node()));
        status.setStyle("-fx-padding: 2 8 2 8; -fx-font-size: 11px;");
        root.setTop(new VBox(menus(), toolbar()));
        root.setCenter(split);
        root.setBottom(status);
        stage.setTitle("PyDesk");
        view.webView.getEngine().titleProperty().addListener((obs, old, title) ->
                stage.setTitle(title == null || title.isBlank() ? "PyDesk" : title + " - PyDesk"));
        StatusLine.follow(view.events, text -> Platform.runLater(() -> status.setText(reloadNote == null ? text
                : text + "   \u2014   " + reloadNote)));
        view.loader.onSession(session -> {
            view.loader.page().ifPresent(this::arrived);
            if (liveReloadItem.isSelected()) watchRoot(); // the page may live in another folder now
        });
        root.setOnDragOver(event -> {
            if (htmlFile(event.getDragboard().getFiles()) != null) event.acceptTransferModes(TransferMode.COPY);
            event.consume();
        });
        root.setOnDragDropped(event -> {
            File file = htmlFile(event.getDragboard().getFiles());
            if (file != null) open(file.toPath());
            event.setDropCompleted(file != null);
            event.consume();
        });
        refreshRecent();
    }

    BorderPane root() {
        return root;
    }

    PageView view() {
        return view;
    }

    Inspector inspector() {
        return inspector;
    }

    String status() {
        return status.getText();
    }

    TextField address() {
        return address;
    }

    private MenuBar menus() {
        MenuItem open = item("Open...", "Shortcut+O", this::chooseFile);
        MenuItem reload = item("Reload", "F5", this::reload);
        MenuItem quit = item("Quit", "Shortcut+Q", stage::close);
        Menu file = new Menu("File", null, open, recentMenu, new SeparatorMenuItem(), reload, new SeparatorMenuItem(), quit);
        inspectorItem.setAccelerator(KeyCombination.keyCombination("F12"));
        inspectorItem.setOnAction(event -> showInspector(inspectorItem.isSelected()));
        MenuItem inspectorAlt = item("Inspector (Ctrl+Shift+I)", "Shortcut+Shift+I", this::toggleInspector);
        liveReloadItem.setOnAction(event -> liveReload(liveReloadItem.isSelected()));
        Menu viewMenu = new Menu("View", null, inspectorItem, inspectorAlt, liveReloadItem, new SeparatorMenuItem(),
                item("Zoom In", "Shortcut+Equals", () -> zoom(1.1)), item("Zoom Out", "Shortcut+Minus", () -> zoom(1 / 1.1)),
                item("Actual Size", "Shortcut+0", () -> view.webView.setZoom(1)));
        Menu go = new Menu("Go", null, item("Back", "Alt+Left", this::back), item("Forward", "Alt+Right", this::forward));
        return new MenuBar(file, viewMenu, go);
    }

    private HBox toolbar() {
        Button back = new Button("\u2190");
        back.setTooltip(new Tooltip("Back (Alt+Left)"));
        back.setOnAction(event -> back());
        Button forward = new Button("\u2192");
        forward.setTooltip(new Tooltip("Forward (Alt+Right)"));
        forward.setOnAction(event -> forward());
        Button reload = new Button("\u21bb");
        reload.setTooltip(new Tooltip("Reload (F5): the page and all its interpreters start fresh"));
        reload.setOnAction(event -> reload());
        address.setPromptText("Path of an HTML file, or a file: URL");
        address.setOnAction(event -> go(address.getText()));
        HBox.setHgrow(address, Priority.ALWAYS);
        HBox bar = new HBox(4, back, forward, reload, address);
        bar.setPadding(new Insets(4));
        return bar;
    }

    private static MenuItem item(String text, String keys, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(KeyCombination.keyCombination(keys));
        item.setOnAction(event -> action.run());
        return item;
    }

    /** Opens a local page; its folder is served to the WebView and its Python starts. FX thread. */
    void open(Path page) {
        reloadNote = null;
        try {
            view.loader.open(page);
        } catch (IOException e) {
            status.setText(e.getMessage());
        }
    }

    /** The address field: a path (absolute, or relative to the current page's folder) or a file: URL. */
    void go(String text) {
        String typed = text.strip();
        if (typed.isEmpty()) return;
        Path page;
        if (typed.toLowerCase(Locale.ROOT).startsWith("file:")) {
            page = Path.of(URI.create(typed));
        } else if (typed.matches("(?i)https?://.*")) {
            status.setText("PyDesk opens local pages: save the page and its files to a folder, then open it here.");
            return;
        } else {
            Path given = Path.of(typed.startsWith("~/") ? System.getProperty("user.home") + typed.substring(1) : typed);
            page = given.isAbsolute() ? given : view.loader.page().map(Path::getParent).orElse(Path.of(""))
                    .resolve(given);
        }
        open(page);
    }

    void reload() {
        reloadNote = null;
        if (view.loader.page().isPresent()) {
            view.loader.reload();
        } else if (!address.getText().isBlank()) {
            go(address.getText()); // the page was stopped (showStopped): this runs it again
        }
    }

    /** Shows that a page was stopped (its JavaScript did not return) instead of the page; F5 opens it. */
    void showStopped(StoppedPage stopped) {
        address.setText(stopped.page().toString());
        status.setText("stopped: its JavaScript did not return (F5 runs it again)");
        view.webView.getEngine().loadContent(stopped.html());
    }

    /**
     * Live reload (View > Live Reload, {@code --watch}): when a file under the page's root changes, the page loads
     * again with all its interpreters fresh, and the status line says what changed.
     */
    void liveReload(boolean on) {
        liveReloadItem.setSelected(on);
        if (on) watchRoot();
        else live.close();
    }

    boolean liveReloading() {
        return liveReloadItem.isSelected() && live.root() != null;
    }

    private void watchRoot() {
        view.loader.root().ifPresent(root -> {
            try {
                live.watch(root);
            } catch (IOException e) {
                status.setText("Live reload cannot watch " + root + ": " + e.getMessage());
            }
        });
    }

    private void filesChanged(List<Path> files) {
        if (!liveReloadItem.isSelected() || view.loader.page().isEmpty()) return;
        reloadNote = "reloaded: " + LiveReload.describe(files);
        status.setText(LiveReload.describe(files) + ": reloading...");
        view.loader.reload();
    }

    /** Opens the inspector's Elements tab with the first match of a CSS selector selected ({@code --inspect}). */
    void inspect(String selector) {
        showInspector(true);
        inspector.select("Elements");
        inspector.elements().findWhenShown(selector);
    }

    void back() {
        travel(-1);
    }

    void forward() {
        travel(1);
    }

    private void travel(int step) {
        int target = position + step;
        if (target < 0 || target >= history.size()) return;
        position = target;
        travelling = true;
        open(history.get(target));
    }

    /** A page's session started (opened here, by a link, a reload, back/forward). */
    private void arrived(Path page) {
        address.setText(page.toString());
        if (travelling) {
            travelling = false;
        } else if (position < 0 || !history.get(position).equals(page)) {
            while (history.size() > position + 1) history.removeLast();
            history.add(page);
            position = history.size() - 1;
        }
        recent.add(page);
        refreshRecent();
    }

    List<Path> history() {
        return List.copyOf(history);
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path page : recent.list()) {
            MenuItem item = new MenuItem(page.toString());
            item.setOnAction(event -> open(page));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a PyScript page");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML pages", "*.html", "*.htm"));
        view.loader.page().map(Path::getParent).ifPresent(folder -> chooser.setInitialDirectory(folder.toFile()));
        File file = chooser.showOpenDialog(stage);
        if (file != null) open(file.toPath());
    }

    void zoom(double factor) {
        view.webView.setZoom(Math.max(0.25, Math.min(5, view.webView.getZoom() * factor)));
    }

    void toggleInspector() {
        showInspector(!inspectorShown());
    }

    boolean inspectorShown() {
        return split.getItems().contains(inspector.node());
    }

    void showInspector(boolean show) {
        inspectorItem.setSelected(show);
        if (show == inspectorShown()) return;
        if (show) {
            split.getItems().add(inspector.node());
            split.setDividerPositions(0.6);
        } else {
            split.getItems().remove(inspector.node());
        }
    }

    private static File htmlFile(List<File> files) {
        for (File file : files) {
            String name = file.getName().toLowerCase(Locale.ROOT);
            if ((name.endsWith(".html") || name.endsWith(".htm")) && Files.isRegularFile(file.toPath())) return file;
        }
        return null;
    }

    void close() {
        live.close();
        view.loader.close();
    }
}
