package dev.pydesk.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.scene.web.PromptData;
import javafx.scene.web.WebEngine;

/**
 * The page's {@code alert}, {@code confirm} and {@code prompt} (WebView shows nothing for them by default), which is
 * also how {@code input()} in a worker asks, as in PyScript. In a window they are dialogs; headless, {@code prompt}
 * reads a line of standard input (none: the page gets null, a worker's {@code input()} an EOFError),
 * {@code confirm} is dismissed and {@code alert} goes to standard error.
 */
final class PageDialogs {
    private PageDialogs() {}

    static void inWindow(WebEngine engine) {
        engine.setOnAlert(event -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION, event.getData(), ButtonType.OK);
            alert.setHeaderText(null);
            alert.setTitle(title(engine));
            alert.showAndWait();
        });
        engine.setConfirmHandler(message -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
            confirm.setHeaderText(null);
            confirm.setTitle(title(engine));
            return confirm.showAndWait().filter(ButtonType.OK::equals).isPresent();
        });
        engine.setPromptHandler((PromptData prompt) -> {
            TextInputDialog dialog = new TextInputDialog(prompt.getDefaultValue());
            dialog.setHeaderText(prompt.getMessage());
            dialog.setTitle(title(engine));
            Optional<String> answer = dialog.showAndWait();
            return answer.orElse(null);
        });
    }

    static void headless(WebEngine engine, BufferedReader stdin, PrintStream err) {
        engine.setOnAlert(event -> err.println("[alert] " + event.getData()));
        engine.setConfirmHandler(message -> {
            err.println("[confirm] " + message + " (dismissed, as headless browsers do)");
            return false;
        });
        engine.setPromptHandler(prompt -> {
            err.println("[prompt] " + prompt.getMessage());
            try {
                return stdin.readLine(); // null at the end of input
            } catch (IOException e) {
                return null;
            }
        });
    }

    private static String title(WebEngine engine) {
        String title = engine.getTitle();
        return title == null || title.isBlank() ? "PyDesk" : title;
    }
}
