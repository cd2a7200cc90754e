package dev.pydesk.app;

import dev.pydesk.bridge.ConsoleEvent;
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
 * 0 (no page error), 1 (a page error), 3 (timeout). The timeout holds even when the page's JavaScript never returns
 * (the FX thread is then stuck): a thread of its own ends the run.
 */
final class HeadlessRun {
    private static final double POLL_SECONDS = 0.05;
    /** How long the timeout waits for the FX thread to dump the page before it gives up on it. */
    private static final long DUMP_GRACE_MILLIS = 3000;

    private final Options options;
    private final Path page;
    private final PythonRuntime runtime;
    private final HeadlessIo io;
    private final AtomicBoolean finished = new AtomicBoolean();
    private PageView view;
    private Stage stage;

    HeadlessRun(Options options, Path page, PythonRuntime runtime) {
        this(options, page, runtime, HeadlessIo.process());
    }

    HeadlessRun(Options options, Path page, PythonRuntime runtime, HeadlessIo io) {
        this.options = options;
        this.page = page;
        this.runtime = runtime;
        this.io = io;
    }

    void start() {
        view = new PageView(runtime, options.scriptTimeout);
        view.console.subscribe(event -> io.err().println(ConsoleFormat.line(event)));
        PageDialogs.headless(view.webView.getEngine(), view.loader, io.in(), io.err(), options.scriptTimeout);
        stage = new Stage();
        stage.setScene(new Scene(view.webView, options.width(), options.height()));
        stage.show();
        Timing.mark("toolkit: stage shown");
        view.loader.onSession(session -> session.scriptsDone().thenRun(() -> Platform.runLater(() -> {
            if (options.waitFor == null) finishWhenIdle(session);
        })));
        view.loader.onStall(this::stalled);
        if (options.waitFor != null) pollWaitFor();
        startDeadline();
        try {
            view.loader.open(page);
        } catch (IOException e) {
            io.err().println("pydesk: " + e.getMessage());
            exit(Launcher.USAGE);
        }
    }

    /** The page's JavaScript does not return (the FX thread is stuck in it): nothing can be dumped; the run ends. */
    private void stalled(String message) {
        if (!finished.compareAndSet(false, true)) return;
        view.console.publish(ConsoleEvent.Level.ERROR, "js", message);
        io.err().println("pydesk: the run ends with status " + Launcher.PAGE_ERROR + ", without a dump (the page is"
                + " stuck in its JavaScript)");
        io.err().flush();
        io.out().flush();
        io.exit().accept(Launcher.PAGE_ERROR);
    }

    /**
     * {@code --timeout}, from a plain thread that nothing of the page can hold up: at the deadline it asks the FX
     * thread for the dump; if the FX thread does not come (stuck in the page's JavaScript), it ends the run itself.
     */
    private void startDeadline() {
        long millis = (long) (options.timeout * 1000);
        Thread deadline = new Thread(() -> {
            if (!sleep(millis) || finished.get()) return;
            Platform.runLater(this::timedOut);
            if (!sleep(DUMP_GRACE_MILLIS) || !finished.compareAndSet(false, true)) return;
            java.time.Duration stuck = view.loader.javaScriptWatchdog().unanswered();
            io.err().println("pydesk: timed out after " + seconds(options.timeout) + " s waiting " + waitingFor()
                    + "; the page has not answered for " + stuck.toSeconds() + " s"
                    + (view.loader.javaScriptWatchdog().inJavaScript()
                    ? " (its JavaScript is running and does not return: an endless loop?)" : "")
                    + ", so there is no dump");
            io.err().flush();
            io.out().flush();
            io.exit().accept(Launcher.TIMEOUT);
        }, "pydesk-headless-deadline");
        deadline.setDaemon(true);
        deadline.start();
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void timedOut() {
        if (finished.get()) return;
        io.err().println("pydesk: timed out after " + seconds(options.timeout) + " s waiting " + waitingFor());
        finish(view.loader.session().orElse(null), Launcher.TIMEOUT);
    }

    private String waitingFor() {
        return options.waitFor != null ? "for '" + options.waitFor + "' to match" : "for the page's scripts";
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Done once no timer or awaiting script is left (an await on an event that never comes is not "busy"). */
    private void finishWhenIdle(PageSession session) {
        if (finished.get()) return;
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
            io.err().println("pydesk: --wait-for: invalid CSS selector '" + selector + "'");
            finished.set(true);
            exit(Launcher.USAGE);
            return false;
        }
    }

    private void finish(PageSession session, int status) {
        if (!finished.compareAndSet(false, true)) return;
        int code = status;
        if (code == Launcher.OK && session != null && session.errorCount() > 0) code = Launcher.PAGE_ERROR;
        switch (options.dump) {
            case dom -> io.out().println(view.webView.getEngine().executeScript("document.documentElement.outerHTML"));
            case text -> io.out().println(view.webView.getEngine().executeScript(
                    "document.body ? document.body.innerText : ''"));
            case none -> { }
        }
        io.out().flush();
        if (options.screenshot != null) {
            try {
                WritableImage image = view.webView.snapshot(null, null);
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", options.screenshot.toFile());
            } catch (IOException | RuntimeException e) {
                io.err().println("pydesk: could not write the screenshot " + options.screenshot + ": " + e.getMessage());
            }
        }
        exit(code);
    }

    private void exit(int code) {
        io.err().flush();
        io.exit().accept(shutdown(code));
    }

    private int shutdown(int code) {
        try {
            view.loader.close();
            stage.close();
        } catch (RuntimeException ignored) {
            // exiting anyway
        }
        return code;
    }
}
