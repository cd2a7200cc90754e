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
    private final Watchdog watchdog;
    private final CopyOnWriteArrayList<Consumer<PageSession>> sessionListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<String>> statusListeners = new CopyOnWriteArrayList<>();
    private PageServer server;
    private PageSession session;
    private Object sessionDocument;
    private Path page;

    public PageLoader(WebEngine engine, PythonRuntime runtime, ConsoleBus console, Duration scriptTimeout) {
        this.engine = engine;
        this.runtime = runtime;
        this.console = console;
        this.watchdog = new Watchdog(scriptTimeout);
        engine.getLoadWorker().stateProperty().addListener((obs, old, state) -> onState(state));
        // A session belongs to one document: it ends when the document goes, not on every load state change
        // (a page's own module scripts make WebKit report SCHEDULED/RUNNING again after SUCCEEDED).
        engine.documentProperty().addListener((obs, old, document) -> {
            if (session != null && document != sessionDocument) endSession();
        });
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

    public Optional<Path> page() {
        return Optional.ofNullable(page);
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
        }
        page = absolute;
        status("loading " + absolute.getFileName() + "...");
        engine.load(server.uriOf(absolute).toString());
    }

    /** Loads the page again: the document and all its interpreters start fresh. */
    public void reload() {
        endSession();
        engine.reload();
    }

    private void onState(Worker.State state) {
        switch (state) {
            case SUCCEEDED -> {
                if (session == null || engine.getDocument() != sessionDocument) startSession();
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

    private void startSession() {
        endSession();
        if (server == null || engine.getLocation() == null) return;
        URI location = URI.create(engine.getLocation());
        Optional<Path> file = server.fileOf(location);
        if (file.isEmpty()) return; // not one of our pages: nothing of PyDesk runs there
        page = file.get();
        sessionDocument = engine.getDocument();
        Timing.mark("page: loaded");
        JsRealm realm = JsRealm.attach(engine, console);
        session = new PageSession(realm, runtime, console, watchdog, server.root(), page.getFileName().toString(),
                new PageResources(location, server), this::status);
        PageSession started = session;
        sessionListeners.forEach(listener -> listener.accept(started));
        started.start();
    }

    private void endSession() {
        if (session != null) {
            session.close();
            session = null;
            sessionDocument = null;
        }
    }

    private void status(String text) {
        statusListeners.forEach(listener -> listener.accept(text));
    }

    @Override
    public void close() {
        endSession();
        watchdog.close();
        if (server != null) server.close();
    }
}
