package dev.pydesk.interpreter.session;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.FxWatchdog;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.NetworkBus;
import dev.pydesk.bridge.Timing;
import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.events.NetworkEvent;
import dev.pydesk.bridge.events.PageEvent;
import dev.pydesk.bridge.events.PageEvents;
import dev.pydesk.interpreter.files.FolderChooser;
import dev.pydesk.interpreter.net.PageResources;
import dev.pydesk.interpreter.page.PageServer;
import dev.pydesk.interpreter.page.SiteRoot;
import dev.pydesk.interpreter.python.Services;
import dev.pydesk.interpreter.python.Watchdog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.concurrent.Worker;
import javafx.scene.web.WebEngine;


/**
 * Opens local PyScript pages in one WebEngine: serves the page's site root (its folder, or the folder above it that
 * {@code --root} or {@code pydesk.toml} names; PyScript's own loader is neutralised and PyDesk's boot script comes
 * first), and gives every loaded document a fresh {@link PageSession}. What happens to the page goes to its one
 * {@link PageEvents} stream (the console's): {@link PageEvent.Loading}, {@link PageEvent.LoadFailed},
 * {@link PageEvent.SessionStarted}, and the session's events. FX thread only.
 */
public final class PageLoader implements AutoCloseable {
    private final WebEngine engine;
    private final Services services;
    private final ConsoleBus console;
    private final PageEvents events;
    private final NetworkBus network;
    private final Watchdog watchdog;
    private final FxWatchdog jsWatchdog;
    private final java.util.concurrent.atomic.AtomicInteger userWaits = new java.util.concurrent.atomic.AtomicInteger();
    private final CopyOnWriteArrayList<Consumer<String>> stallListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<PageSession>> sessionListeners = new CopyOnWriteArrayList<>();
    private PageServer server;
    private volatile FolderChooser chooser = FolderChooser.NONE;
    private PageSession session;
    private boolean watching;
    private boolean closed;
    private Path page;
    private Path requestedRoot;
    private volatile SiteRoot site;
    private final java.util.Set<Path> refusedShown = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param services the process's runtime, threads and HTTP client, which the loader's pages use and never close */
    public PageLoader(WebEngine engine, Services services, ConsoleBus console, Duration scriptTimeout) {
        this.engine = engine;
        this.services = services;
        this.console = console;
        this.events = console.events();
        this.network = new NetworkBus(events);
        this.watchdog = new Watchdog(scriptTimeout, services);
        this.jsWatchdog = new FxWatchdog(scriptTimeout, () -> userWaits.get() > 0, this::stalled, services.watchdogs());
        engine.getLoadWorker().stateProperty().addListener((obs, old, state) -> onState(state));
        // A new document replaced the session's (navigation, reload): its handles are stale from now on, so the old
        // session ends here, not when the new page is ready (its queued work would meet stale handles meanwhile).
        engine.documentProperty().addListener((obs, old, document) -> {
            if (session != null && !session.realm().alive()) endSession();
        });
    }

    /** The page's network log: resources served, fetches, WebSockets (the inspector's Network tab). */
    public NetworkBus network() {
        return network;
    }

    /** The page's event stream: everything that happens to the pages this loader shows (docs/page-events.md). */
    public PageEvents events() {
        return events;
    }

    /** Who pages ask for a folder to mount ({@code pyscript.fs.mount}): the window's dialog, {@code --mount}. */
    public void folderChooser(FolderChooser chooser) {
        this.chooser = chooser == null ? FolderChooser.NONE : chooser;
    }

    /** Called with each new session, once its scripts start (tests, headless mode, the inspector). */
    public void onSession(Consumer<PageSession> listener) {
        sessionListeners.add(listener);
    }

    /**
     * Called (on a watchdog thread, the FX thread being stuck) when the page's JavaScript has not returned for
     * longer than the script timeout, with the message that says so. WebKit cannot interrupt JavaScript: the
     * listener must end the page (headless mode exits, the window restarts PyDesk).
     */
    public void onStall(Consumer<String> listener) {
        stallListeners.add(listener);
    }

    /** The page's JavaScript watchdog: how long the FX thread has not answered, whether it is in JavaScript. */
    public FxWatchdog javaScriptWatchdog() {
        return jsWatchdog;
    }

    /**
     * Runs a wait for the user (a dialog, a prompt on standard input) that holds the FX thread: neither watchdog
     * counts its time.
     */
    public <T> T whileWaitingForUser(java.util.function.Supplier<T> wait) {
        userWaits.incrementAndGet();
        watchdog.pause();
        try {
            return wait.get();
        } finally {
            watchdog.resume();
            userWaits.decrementAndGet();
        }
    }

    private void stalled(FxWatchdog.Stall stall) {
        String name = page == null ? "the page" : page.getFileName().toString();
        String python = watchdog.runningSource();
        String message = name + " stopped responding: its JavaScript has run for more than "
                + jsWatchdog.limit().toSeconds() + " s without returning (an endless loop in a <script>, a timer or"
                + " an event handler?)" + (stall.calledFromPython() && python != null
                ? "; " + python + " called it" : stall.calledFromPython() ? "; page Python called it" : "")
                + ". WebKit cannot interrupt JavaScript, so PyDesk ends the page.";
        if (stallListeners.isEmpty()) {
            console.publish(ConsoleEvent.Level.ERROR, "js", message);
        }
        stallListeners.forEach(listener -> listener.accept(message));
    }

    public Optional<PageSession> session() {
        return Optional.ofNullable(session);
    }

    /** True when {@code location} is a page of the folder being shown (kiosk mode keeps navigation there). */
    public boolean servesLocation(String location) {
        if (server == null || location == null) return false;
        try {
            return server.fileOf(URI.create(location)).isPresent();
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    public Optional<Path> page() {
        return Optional.ofNullable(page);
    }

    /**
     * The site root asked for on the command line ({@code --root}): pages under it are served from it, others from
     * their own {@code pydesk.toml} root or folder ({@link SiteRoot}). Null: each page's own.
     */
    public void siteRoot(Path root) {
        this.requestedRoot = root;
    }

    /** The site root of the page being shown (what it is served from and its Python may read). */
    public Optional<SiteRoot> site() {
        return Optional.ofNullable(site);
    }

    /** The page's site root: the folder served to the WebView (what live reload watches). */
    public Optional<Path> root() {
        return Optional.ofNullable(site).map(SiteRoot::folder);
    }

    /** Opens a local HTML file. Throws when it cannot be read, or its pydesk.toml names a bad root. */
    public void open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new IOException("cannot read the page " + file + ": no such file");
        }
        SiteRoot chosen = SiteRoot.of(absolute, requestedRoot);
        if (server == null || !server.root().equals(chosen.folder())) {
            if (server != null) server.close();
            server = PageServer.start(chosen.folder(), services.pageServerThreads());
            // Page JavaScript's fetch/XHR are logged by the page itself (boot.js), with other sites' requests.
            server.onRequest(request -> {
                if (!request.fromScript()) network.publish(NetworkEvent.of("page", request.method(),
                        request.path(), request.status(), request.bytes(), request.durationMillis(), ""));
            });
            server.onRefused(refused -> {
                Path shown = page;
                // advice, once per file and document: the refusal itself is the page's error (a 403, a PermissionError)
                if (refusedShown.add(refused.file())) {
                    console.publish(ConsoleEvent.Level.WARN, "pydesk", site.refusal(refused.file(),
                            shown == null ? site.folder() : shown.getParent()));
                }
            });
        }
        site = chosen;
        // the page shown now goes away: its interpreters stop at once, so that nothing of theirs (a WebSocket's close,
        // a timer) runs against the next page before that page's session starts (WebKit's load states cannot tell)
        endSession();
        page = absolute;
        engine.load(server.uriOf(absolute).toString());
    }

    /** Loads the page again: the document and all its interpreters start fresh. */
    public void reload() {
        if (closed) return;
        endSession();
        engine.reload();
    }

    /**
     * A document is ready for its session once the DOM is parsed and PyDesk's boot script ran in it (its factory is
     * still there: the session consumes it). WebKit's load states alone are not enough: with a page's own module
     * scripts it reports SUCCEEDED before the document exists and then stays RUNNING.
     */
    private static final String READY_FOR_SESSION =
            "typeof window.__pydesk_boot === 'function' && window.__pydesk_boot.pending === true"
                    + " && document.readyState !== 'loading'";

    private void onState(Worker.State state) {
        if (closed) return; // a load still under way when the loader closed (its server is gone): nobody to tell
        switch (state) {
            case SCHEDULED, RUNNING -> {
                // a new document (open, link, reload): before its scripts run, so its first console lines stay
                if (state == Worker.State.SCHEDULED) events.publish(new PageEvent.Loading(engine.getLocation()));
                watchForDocument();
            }
            case SUCCEEDED -> {
                if (documentReady()) startSession();
            }
            case FAILED -> {
                Throwable failure = engine.getLoadWorker().getException();
                String reason = "could not load " + engine.getLocation()
                        + (failure == null ? "" : ": " + failure.getMessage());
                console.publish(ConsoleEvent.Level.ERROR, "pydesk", reason);
                events.publish(new PageEvent.LoadFailed(engine.getLocation(), reason, "failed to load the page"));
            }
            default -> { }
        }
    }

    private boolean documentReady() {
        try {
            return Boolean.TRUE.equals(engine.executeScript(READY_FOR_SESSION));
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Polls (on the FX thread) while a load is under way, and starts the session as soon as the document is ready. */
    private void watchForDocument() {
        if (watching) return;
        watching = true;
        PauseTransition poll = new PauseTransition(javafx.util.Duration.millis(10));
        poll.setOnFinished(event -> {
            if (closed) return;
            if (documentReady()) {
                watching = false;
                startSession();
            } else if (engine.getLoadWorker().isRunning() || engine.getLoadWorker().getState() == Worker.State.SCHEDULED) {
                poll.playFromStart();
            } else {
                watching = false;
            }
        });
        poll.play();
    }

    private void startSession() {
        endSession();
        refusedShown.clear();
        if (server == null || engine.getLocation() == null) return;
        URI location = URI.create(engine.getLocation());
        Optional<Path> file = server.fileOf(location);
        if (file.isEmpty()) return; // not one of our pages: nothing of PyDesk runs there
        page = file.get();
        Timing.mark("page: loaded");
        JsRealm realm;
        try {
            realm = JsRealm.attach(engine, console, network, services.http());
        } catch (IllegalStateException e) {
            console.publish(ConsoleEvent.Level.ERROR, "pydesk", e.getMessage());
            events.publish(new PageEvent.LoadFailed(location.toString(), e.getMessage(), e.getMessage()));
            return;
        } catch (netscape.javascript.JSException e) {
            // WebKit invalidated the document's handles before the session could start (it was replaced at once):
            // the load that replaced it starts its own session; if none does, the page says how to recover
            String reason = "The page's Python could not start: its document went away while it loaded. Reload the page"
                    + " (F5).";
            console.publish(ConsoleEvent.Level.ERROR, "pydesk", reason);
            events.publish(new PageEvent.LoadFailed(location.toString(), reason, "not started: reload the page"));
            return;
        }
        Path folder = page.getParent();
        // scripts are named relative to the site root in tracebacks (app/index.html#py-0), as modules are
        String shown = site.folder().relativize(page).toString().replace('\\', '/');
        session = new PageSession(realm, services, console, network, watchdog, folder, shown,
                new PageResources(location, server, site, folder, services.http()), chooser, site.listeningSockets());
        PageSession started = session;
        sessionListeners.forEach(listener -> listener.accept(started));
        events.publish(new PageEvent.SessionStarted(shown));
        started.start();
    }

    private void endSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        endSession();
        watchdog.close();
        jsWatchdog.close();
        if (server != null) server.close();
    }
}
