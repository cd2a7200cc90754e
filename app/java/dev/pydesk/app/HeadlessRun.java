package dev.pydesk.app;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.Timing;
import dev.pydesk.bridge.events.PageEvent;
import dev.pydesk.interpreter.session.PageSession;
import dev.pydesk.interpreter.python.Services;
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
 * matches, or else when the page is idle ({@link PageEvent.Idle}: every main-thread script has finished and nothing
 * is pending); then the dump goes to stdout and PyDesk exits with
 * 0 (no page error), 1 (a page error; also at once when {@code --wait-for} can no longer match because every
 * script ended, one with an error, and nothing is pending), 3 (timeout). The timeout holds even when the page's
 * JavaScript never returns (the FX thread is then stuck): a thread of its own ends the run.
 */
final class HeadlessRun {
    private static final double POLL_SECONDS = 0.05;
    /** How long the timeout waits for the FX thread to dump the page before it gives up on it. */
    private static final long DUMP_GRACE_MILLIS = 3000;

    private final Options options;
    private final Path page;
    private final Services services;
    private final HeadlessIo io;
    private final AtomicBoolean finished = new AtomicBoolean();
    private PageView view;
    private Stage stage;
    private LiveReload live;
    private volatile int run; // --watch: which load of the page this is (waits of an earlier one give up)

    HeadlessRun(Options options, Path page, Services services) {
        this(options, page, services, HeadlessIo.process());
    }

    HeadlessRun(Options options, Path page, Services services, HeadlessIo io) {
        this.options = options;
        this.page = page;
        this.services = services;
        this.io = io;
    }

    void start() {
        view = new PageView(services, options.scriptTimeout);
        view.loader.folderChooser(FolderChoosers.given(FolderChoosers.parse(options.mounts), FolderChoosers.headless()));
        view.loader.siteRoot(options.root);
        view.console.subscribe(event -> io.err().println(ConsoleFormat.line(event)));
        PageDialogs.headless(view.webView.getEngine(), view.loader, io.in(), io.err(), options.scriptTimeout);
        stage = new Stage();
        stage.setScene(new Scene(view.webView, options.width(), options.height()));
        stage.show();
        Timing.mark("toolkit: stage shown");
        if (options.waitFor == null) {
            // the session publishes Idle once its scripts ran and nothing is pending (no poll); a later task, so
            // that the dump does not run inside the publisher
            view.events.subscribe(PageEvent.Idle.class, idle -> Platform.runLater(this::finishIdle));
        }
        view.loader.onStall(this::stalled);
        arm();
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

    /** Starts waiting for this load of the page: for --wait-for to match, and for the timeout. */
    private void arm() {
        int current = ++run;
        if (options.waitFor != null) pollWaitFor(current);
        startDeadline(current);
    }

    /**
     * {@code --timeout}, from a plain thread that nothing of the page can hold up: at the deadline it asks the FX
     * thread for the dump; if the FX thread does not come (stuck in the page's JavaScript), it ends the run itself.
     * A later load ({@code --watch}) has a deadline of its own: this one then gives up.
     */
    private void startDeadline(int current) {
        long millis = (long) (options.timeout * 1000);
        Thread deadline = new Thread(() -> {
            if (!sleep(millis) || finished.get() || current != run) return;
            Platform.runLater(() -> timedOut(current));
            if (!sleep(DUMP_GRACE_MILLIS) || current != run || !finished.compareAndSet(false, true)) return;
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

    private void timedOut(int current) {
        if (finished.get() || current != run) return;
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
    private void finishIdle() {
        if (finished.get()) return;
        finish(view.loader.session().orElse(null), Launcher.OK);
    }

    private void pollWaitFor(int current) {
        int[] hopeless = {0};
        PauseTransition poll = new PauseTransition(Duration.seconds(POLL_SECONDS));
        poll.setOnFinished(event -> {
            if (finished.get() || current != run) return;
            PageSession session = view.loader.session().orElse(null);
            if (session != null && matches(options.waitFor)) {
                finish(session, Launcher.OK);
            } else if (session != null && cannotMatch(session) && ++hopeless[0] >= 2) {
                io.err().println("pydesk: gave up waiting for '" + options.waitFor + "': every script has ended, "
                        + session.failedScripts() + " with an error (see above), and nothing is pending");
                finish(session, Launcher.PAGE_ERROR);
            } else {
                if (session == null || !cannotMatch(session)) hopeless[0] = 0;
                poll.playFromStart();
            }
        });
        poll.play();
    }

    /**
     * Fail fast: once every script has ended, one at least with an error, and no timer, task or request is left,
     * nothing can make {@code --wait-for} match (headless, there is no user), so waiting out {@code --timeout} helps
     * nobody. Checked on two polls in a row.
     */
    private static boolean cannotMatch(PageSession session) {
        return session.allScriptsEnded() && session.failedScripts() > 0 && session.pendingWork() == 0;
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
        if (options.watch) {
            watchForChanges();
        } else {
            exit(code);
        }
    }

    /** {@code --watch}: after each run, the page loads again when a file under its root changes, and prints again. */
    private void watchForChanges() {
        if (live == null) live = new LiveReload(this::rerun).ignoring(ownOutput());
        Path root = view.loader.root().orElse(page.toAbsolutePath().getParent());
        try {
            live.watch(root);
        } catch (IOException e) {
            io.err().println("pydesk: --watch cannot watch " + root + ": " + e.getMessage());
            exit(Launcher.USAGE);
        }
        io.err().println("pydesk: watching " + root + " for changes (Ctrl+C stops)");
    }

    /** Where stdout and stderr go when they are files (Linux tells through /proc), and the screenshot. */
    private java.util.List<Path> ownOutput() {
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (String fd : new String[] {"1", "2"}) {
            try {
                Path target = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd", fd));
                if (target.isAbsolute()) files.add(target);
            } catch (IOException | UnsupportedOperationException | SecurityException notAFile) {
                // a terminal or a pipe, or no /proc: nothing to leave out
            }
        }
        if (options.screenshot != null) files.add(options.screenshot);
        return files;
    }

    private void rerun(java.util.List<Path> files) {
        io.err().println("pydesk: " + LiveReload.describe(files) + ": reloading");
        finished.set(false);
        arm();
        view.loader.reload();
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
