package dev.pydesk.interpreter;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.ConsoleEvent;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.Timing;
import dev.pydesk.interpreter.page.PageServer;
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
 * Opens local PyScript pages in one WebEngine: serves the page's folder (so PyScript's own loader is neutralised and
 * PyDesk's boot script comes first), and gives every loaded document a fresh {@link PageSession}. FX thread only.
 */
public final class PageLoader implements AutoCloseable {
    private final WebEngine engine;
    private final PythonRuntime runtime;
    private final ConsoleBus console;
    private final dev.pydesk.bridge.NetworkBus network;
    private final Watchdog watchdog;
    private final CopyOnWriteArrayList<Consumer<PageSession>> sessionListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<String>> statusListeners = new CopyOnWriteArrayList<>();
    private PageServer server;
    private volatile FolderChooser chooser = FolderChooser.NONE;
    private PageSession session;
    private boolean watching;
    private boolean closed;
    private Path page;

    public PageLoader(WebEngine engine, PythonRuntime runtime, ConsoleBus console, Duration scriptTimeout) {
        this.engine = engine;
        this.runtime = runtime;
        this.console = console;
        this.network = new dev.pydesk.bridge.NetworkBus();
        this.watchdog = new Watchdog(scriptTimeout);
        engine.getLoadWorker().stateProperty().addListener((obs, old, state) -> onState(state));
    }

    /** The page's network log: resources served, fetches, WebSockets (the inspector's Network tab). */
    public dev.pydesk.bridge.NetworkBus network() {
        return network;
    }

    /** Who pages ask for a folder to mount ({@code pyscript.fs.mount}): the window's dialog, {@code --mount}. */
    public void folderChooser(FolderChooser chooser) {
        this.chooser = chooser == null ? FolderChooser.NONE : chooser;
    }

    /** Called with each new session, once its scripts start (tests, headless mode, the inspector). */
    public void onSession(Consumer<PageSession> listener) {
        sessionListeners.add(listener);
    }

    /** Human-readable progress: "loading...", "starting Python (py)...", "done". */
    public void onStatus(Consumer<String> listener) {
        statusListeners.add(listener);
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

    /** The page's site root: the folder served to the WebView (what live reload watches). */
    public Optional<Path> root() {
        return Optional.ofNullable(server).map(PageServer::root);
    }

    /** Opens a local HTML file. Throws when it cannot be read. */
    public void open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new IOException("cannot read the page " + file + ": no such file");
        }
        Path folder = absolute.getParent();
        if (server == null || !server.root().equals(folder)) {
            if (server != null) server.close();
            server = PageServer.start(folder);
            // Page JavaScript's fetch/XHR are logged by the page itself (boot.js), with other sites' requests.
            server.onRequest(request -> {
                if (!request.fromScript()) network.publish(dev.pydesk.bridge.NetworkEvent.of("page", request.method(),
                        request.path(), request.status(), request.bytes(), request.durationMillis(), ""));
            });
        }
        page = absolute;
        status("loading " + absolute.getFileName() + "...");
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
            case SCHEDULED, RUNNING -> watchForDocument();
            case SUCCEEDED -> {
                if (documentReady()) startSession();
            }
            case FAILED -> {
                Throwable failure = engine.getLoadWorker().getException();
                console.publish(ConsoleEvent.Level.ERROR, "pydesk", "could not load " + engine.getLocation()
                        + (failure == null ? "" : ": " + failure.getMessage()));
                status("failed to load the page");
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
        if (server == null || engine.getLocation() == null) return;
        URI location = URI.create(engine.getLocation());
        Optional<Path> file = server.fileOf(location);
        if (file.isEmpty()) return; // not one of our pages: nothing of PyDesk runs there
        page = file.get();
        Timing.mark("page: loaded");
        JsRealm realm;
        try {
            realm = JsRealm.attach(engine, console, network);
        } catch (IllegalStateException e) {
            console.publish(ConsoleEvent.Level.ERROR, "pydesk", e.getMessage());
            status(e.getMessage());
            return;
        }
        session = new PageSession(realm, runtime, console, network, watchdog, server.root(), page.getFileName().toString(),
                new PageResources(location, server), this::status, chooser);
        PageSession started = session;
        sessionListeners.forEach(listener -> listener.accept(started));
        started.start();
    }

    private void endSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private void status(String text) {
        statusListeners.forEach(listener -> listener.accept(text));
    }

    @Override
    public void close() {
        closed = true;
        endSession();
        watchdog.close();
        if (server != null) server.close();
    }
}
