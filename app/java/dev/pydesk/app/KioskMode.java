package dev.pydesk.app;

import dev.pydesk.bridge.events.PageEvent;
import dev.pydesk.interpreter.python.Services;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.util.Duration;

/**
 * {@code --kiosk}: the page alone, full screen and undecorated; no menus, inspector or context menu; the full-screen
 * exit key does nothing unless {@code --kiosk-exit} names one (which then quits); navigation stays in the page's
 * folder and new windows never open; a page error (an uncaught exception, a script stopped by the watchdog) reloads
 * the page after a delay. Every such event is logged with its time to {@code kiosk.log} in the state folder.
 */
final class KioskMode {
    private final PageView view;
    private final Stage stage;
    private final Path log;
    private final double reloadDelaySeconds;
    private final AtomicReference<PauseTransition> pendingReload = new AtomicReference<>();
    private boolean closed;
    private String lastAllowed;

    KioskMode(Stage stage, Services services, double scriptTimeout, KeyCombination exit, boolean hideCursor,
              double reloadDelaySeconds, Path log) {
        this.stage = stage;
        this.log = log;
        this.reloadDelaySeconds = reloadDelaySeconds;
        this.view = new PageView(services, scriptTimeout);
        Scene scene = new Scene(view.webView);
        if (hideCursor) scene.setCursor(Cursor.NONE);
        stage.initStyle(StageStyle.UNDECORATED);
        stage.setScene(scene);
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreen(true);
        if (exit != null) {
            scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
                if (exit.match(event)) {
                    record("exit key " + exit.getDisplayText() + ": quitting");
                    stage.close();
                }
            });
        }
        var engine = view.webView.getEngine();
        engine.setCreatePopupHandler(features -> {
            record("blocked a new window (window.open or a link with a target)");
            return null;
        });
        PageDialogs.inWindow(engine, view.loader);
        engine.locationProperty().addListener((obs, old, location) -> {
            if (location == null || location.isEmpty() || view.loader.servesLocation(location)) {
                lastAllowed = location;
                return;
            }
            record("blocked navigation to " + location);
            String back = lastAllowed;
            Platform.runLater(() -> {
                engine.getLoadWorker().cancel();
                if (back != null) engine.load(back);
            });
        });
        // a page error (and a page that could not load) reloads; a console.error or a stderr line alone does not
        view.events.subscribe(event -> {
            switch (event) {
                case PageEvent.PageError error -> Platform.runLater(() -> recover(error.source(), error.message()));
                case PageEvent.LoadFailed failed -> Platform.runLater(() -> recover("pydesk", failed.reason()));
                default -> { }
            }
        });
    }

    PageView view() {
        return view;
    }

    void open(Path page) throws IOException {
        record("kiosk started on " + page);
        view.loader.open(page);
    }

    /** After a restart for a page whose JavaScript did not return: say so, then open it again after the delay. */
    void showStopped(StoppedPage stopped) {
        record("restarted: " + stopped.reason() + " Opening it again in " + reloadDelaySeconds + " s");
        view.webView.getEngine().loadContent(stopped.html());
        PauseTransition wait = new PauseTransition(Duration.seconds(reloadDelaySeconds));
        wait.setOnFinished(event -> {
            try {
                open(stopped.page());
            } catch (IOException e) {
                record("could not open " + stopped.page() + ": " + e.getMessage());
            }
        });
        pendingReload.set(wait);
        wait.play();
    }

    /** The page's JavaScript does not return: logged, then PyDesk restarts (see {@link StoppedPage}). Any thread. */
    void stalled(String message) {
        record("page stopped responding: " + message);
        StoppedPage.restartWith(view.loader.page().orElse(Path.of("index.html")), message, System.err);
    }

    /** A page error: reload after the delay (once, however many errors come meanwhile). FX thread. */
    private void recover(String source, String message) {
        if (closed || pendingReload.get() != null) return;
        String first = message.lines().reduce((a, b) -> b).orElse("").strip();
        record("page error in " + source + " (" + first + "): reloading in " + reloadDelaySeconds + " s");
        PauseTransition wait = new PauseTransition(Duration.seconds(reloadDelaySeconds));
        wait.setOnFinished(event -> {
            pendingReload.set(null);
            record("reloading");
            view.loader.reload();
        });
        pendingReload.set(wait);
        wait.play();
    }

    private void record(String what) {
        if (closed) return; // an error that came in as the kiosk closed: no reload, no log (its folder may be gone)
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, Instant.now() + " " + what + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("pydesk: kiosk log " + log + ": " + e.getMessage() + " (" + what + ")");
        }
    }

    /** {@code $XDG_STATE_HOME/pydesk/kiosk.log} (or ~/.local/state/...); {@code -Dpydesk.state} overrides. */
    static Path defaultLog() {
        return RecentFiles.stateFolder().resolve("kiosk.log");
    }

    void close() {
        closed = true;
        PauseTransition pending = pendingReload.getAndSet(null);
        if (pending != null) pending.stop();
        view.loader.close();
    }

    Stage stage() {
        return stage;
    }
}
