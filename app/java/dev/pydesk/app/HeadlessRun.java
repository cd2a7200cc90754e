package dev.pydesk.app;

import dev.pydesk.bridge.Timing;
import dev.pydesk.interpreter.PageSession;
import dev.pydesk.interpreter.PythonRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import netscape.javascript.JSObject;

/**
 * {@code --headless}: the page loads and runs exactly as in the window, under Monocle. Done when {@code --wait-for}
 * matches, or else when every main-thread script has finished; then the dump goes to stdout and PyDesk exits with
 * 0 (no page error), 1 (a page error), 3 (timeout).
 */
final class HeadlessRun {
    private static final double POLL_SECONDS = 0.05;

    private final Options options;
    private final Path page;
    private final PythonRuntime runtime;
    private final AtomicBoolean finished = new AtomicBoolean();
    private PageView view;

    HeadlessRun(Options options, Path page, PythonRuntime runtime) {
        this.options = options;
        this.page = page;
        this.runtime = runtime;
    }

    void start() {
        view = new PageView(runtime, options.scriptTimeout);
        view.loader.folderChooser(FolderChoosers.given(FolderChoosers.parse(options.mounts), FolderChoosers.headless()));
        view.console.subscribe(event -> System.err.println(ConsoleFormat.line(event)));
        PageDialogs.headless(view.webView.getEngine(),
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)), System.err);
        Stage stage = new Stage();
        stage.setScene(new Scene(view.webView, options.width(), options.height()));
        stage.show();
        Timing.mark("toolkit: stage shown");
        view.loader.onSession(session -> session.scriptsDone().thenRun(() -> Platform.runLater(() -> {
            if (options.waitFor == null) finishWhenIdle(session);
        })));
        if (options.waitFor != null) pollWaitFor();
        PauseTransition timeout = new PauseTransition(Duration.seconds(options.timeout));
        timeout.setOnFinished(event -> {
            String what = options.waitFor != null ? "for '" + options.waitFor + "' to match" : "for the page's scripts";
            System.err.println("pydesk: timed out after " + options.timeout + " s waiting " + what);
            finish(view.loader.session().orElse(null), Launcher.TIMEOUT);
        });
        timeout.play();
        try {
            view.loader.open(page);
        } catch (IOException e) {
            System.err.println("pydesk: " + e.getMessage());
            exit(Launcher.USAGE);
        }
    }

    /** Done once no timer or awaiting script is left (an await on an event that never comes is not "busy"). */
    private void finishWhenIdle(PageSession session) {
        if (session.pendingWork() == 0) {
            finish(session, Launcher.OK);
            return;
        }
        PauseTransition poll = new PauseTransition(Duration.seconds(POLL_SECONDS));
        poll.setOnFinished(event -> finishWhenIdle(session));
        poll.play();
    }

    private void pollWaitFor() {
        PauseTransition poll = new PauseTransition(Duration.seconds(POLL_SECONDS));
        poll.setOnFinished(event -> {
            if (finished.get()) return;
            PageSession session = view.loader.session().orElse(null);
            if (session != null && matches(options.waitFor)) {
                finish(session, Launcher.OK);
            } else {
                poll.playFromStart();
            }
        });
        poll.play();
    }

    private boolean matches(String selector) {
        try {
            JSObject document = (JSObject) view.webView.getEngine().executeScript("document");
            return document.call("querySelector", selector) instanceof JSObject;
        } catch (RuntimeException invalid) {
            System.err.println("pydesk: --wait-for: invalid CSS selector '" + selector + "'");
            exit(Launcher.USAGE);
            return false;
        }
    }

    private void finish(PageSession session, int status) {
        if (!finished.compareAndSet(false, true)) return;
        int code = status;
        if (code == Launcher.OK && session != null && session.errorCount() > 0) code = Launcher.PAGE_ERROR;
        switch (options.dump) {
            case dom -> System.out.println(view.webView.getEngine().executeScript("document.documentElement.outerHTML"));
            case text -> System.out.println(view.webView.getEngine().executeScript(
                    "document.body ? document.body.innerText : ''"));
            case none -> { }
        }
        System.out.flush();
        if (options.screenshot != null) {
            try {
                WritableImage image = view.webView.snapshot(null, null);
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", options.screenshot.toFile());
            } catch (IOException | RuntimeException e) {
                System.err.println("pydesk: could not write the screenshot " + options.screenshot + ": " + e.getMessage());
            }
        }
        exit(code);
    }

    private void exit(int code) {
        System.err.flush();
        Runtime.getRuntime().halt(shutdown(code));
    }

    private int shutdown(int code) {
        try {
            view.loader.close();
        } catch (RuntimeException ignored) {
            // exiting anyway
        }
        return code;
    }
}
