package dev.pydesk.app;

import dev.pydesk.interpreter.PythonRuntime;
import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The desktop window: the page, its title as the window title, and a status line for start-up progress. */
final class BrowserWindow {
    private final Options options;
    private final PythonRuntime runtime;

    BrowserWindow(Options options, PythonRuntime runtime) {
        this.options = options;
        this.runtime = runtime;
    }

    void show(Path page) {
        PageView view = new PageView(runtime, options.scriptTimeout);
        Label status = new Label("starting...");
        status.setStyle("-fx-padding: 2 8 2 8; -fx-font-size: 11px;");
        BorderPane root = new BorderPane(view.webView);
        root.setBottom(status);
        Stage stage = new Stage();
        stage.setTitle("PyDesk");
        stage.setScene(new Scene(root, options.width(), options.height()));
        view.webView.getEngine().titleProperty().addListener((obs, old, title) ->
                stage.setTitle(title == null || title.isBlank() ? "PyDesk" : title + " - PyDesk"));
        view.loader.onStatus(text -> Platform.runLater(() -> status.setText(text)));
        view.console.subscribe(event -> System.err.println(ConsoleFormat.line(event)));
        stage.setOnHidden(event -> {
            view.loader.close();
            runtime.close();
            Platform.exit();
            System.exit(0);
        });
        stage.show();
        try {
            view.loader.open(page);
        } catch (IOException e) {
            status.setText(e.getMessage());
        }
    }
}
