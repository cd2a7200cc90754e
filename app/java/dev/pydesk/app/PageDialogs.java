package dev.pydesk.app;

import dev.pydesk.interpreter.session.PageLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.scene.web.PromptData;
import javafx.scene.web.WebEngine;

/**
 * The page's {@code alert}, {@code confirm} and {@code prompt} (WebView shows nothing for them by default), which is
 * also how {@code input()} asks, on the main thread and in a worker alike, as in PyScript. In a window they are
 * dialogs; headless, {@code prompt} reads a line of standard input (none, or none within the script timeout: the
 * page gets null, {@code input()} an EOFError), {@code confirm} is dismissed and {@code alert} goes to standard
 * error. The user's time does not count against the script timeout.
 */
final class PageDialogs {
    private PageDialogs() {}

    static void inWindow(WebEngine engine, PageLoader loader) {
        engine.setOnAlert(event -> loader.whileWaitingForUser(() -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION, event.getData(), ButtonType.OK);
            alert.setHeaderText(null);
            alert.setTitle(title(engine));
            return alert.showAndWait();
        }));
        engine.setConfirmHandler(message -> loader.whileWaitingForUser(() -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
            confirm.setHeaderText(null);
            confirm.setTitle(title(engine));
            return confirm.showAndWait().filter(ButtonType.OK::equals).isPresent();
        }));
        engine.setPromptHandler((PromptData prompt) -> loader.whileWaitingForUser(() -> {
            TextInputDialog dialog = new TextInputDialog(prompt.getDefaultValue());
            dialog.setHeaderText(prompt.getMessage());
            dialog.setTitle(title(engine));
            Optional<String> answer = dialog.showAndWait();
            return answer.orElse(null);
        }));
    }

    static void headless(WebEngine engine, PageLoader loader, InputStream stdin, PrintStream err,
                         double waitSeconds) {
        StandardInput lines = new StandardInput(stdin);
        long waitMillis = (long) (waitSeconds * 1000);
        engine.setOnAlert(event -> err.println("[alert] " + event.getData()));
        engine.setConfirmHandler(message -> {
            err.println("[confirm] " + message + " (dismissed, as headless browsers do)");
            return false;
        });
        engine.setPromptHandler(prompt -> {
            err.println("[prompt] " + prompt.getMessage());
            String answer = loader.whileWaitingForUser(() -> lines.next(waitMillis));
            if (answer == StandardInput.TIMED_OUT) {
                err.println("[prompt] no answer on standard input within " + Math.round(waitSeconds)
                        + " s (the script timeout): dismissed");
                return null;
            }
            return answer; // null at the end of input
        });
    }

    private static String title(WebEngine engine) {
        String title = engine.getTitle();
        return title == null || title.isBlank() ? "PyDesk" : title;
    }

    /** Lines of standard input, read by a thread of their own so that waiting for one can time out. */
    private static final class StandardInput {
        static final String TIMED_OUT = new String("timed out");
        private static final String END = new String("end of input");
        private final InputStream in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private Thread reader;
        private boolean ended;

        StandardInput(InputStream in) {
            this.in = in;
        }

        /** The next line; null at the end of input; {@link #TIMED_OUT} when none came in time. */
        synchronized String next(long waitMillis) {
            if (ended) return null;
            if (reader == null) startReading();
            try {
                String line = lines.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (line == null) return TIMED_OUT;
                if (line == END) {
                    ended = true;
                    return null;
                }
                return line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TIMED_OUT;
            }
        }

        private void startReading() {
            reader = new Thread(() -> {
                try (BufferedReader input = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = input.readLine(); line != null; line = input.readLine()) lines.add(line);
                } catch (IOException e) {
                    // unreadable input ends like an empty one
                }
                lines.add(END);
            }, "pydesk-stdin");
            reader.setDaemon(true);
            reader.start();
        }
    }
}
