package dev.pydesk.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.interpreter.python.Services;
import dev.pydesk.interpreter.session.PageLoader;
import dev.pydesk.interpreter.session.PageSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.web.WebView;
import javafx.stage.Stage;

/**
 * Opens pages in a real WebView (Monocle, no display) with real GraalPy interpreters, as PyDesk does, and gives
 * tests the console stream, the DOM and the session. One toolkit and one {@link Services} (Python runtime, threads,
 * HTTP client) per test JVM, as in PyDesk's process.
 */
public final class PageHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Services services;

    private final ConsoleBus console = new ConsoleBus();
    private final List<ConsoleEvent> events = new CopyOnWriteArrayList<>();
    private WebView webView;
    private PageLoader loader;
    private Stage stage;

    public PageHarness() {
        this(Duration.ofSeconds(30));
    }

    public PageHarness(Duration scriptTimeout) {
        this(scriptTimeout, services());
    }

    /** A harness whose pages use {@code services} instead of the test JVM's (the caller closes them). */
    public PageHarness(Duration scriptTimeout, Services services) {
        startToolkit();
        console.subscribe(events::add);
        FxThread.run(() -> {
            webView = new WebView();
            stage = new Stage();
            stage.setScene(new Scene(webView, 800, 600));
            stage.show();
            loader = new PageLoader(webView.getEngine(), services, console, scriptTimeout);
        });
    }

    /** The test JVM's services (never closed: the JVM's end ends their daemon threads); its runtime prewarmed. */
    public static synchronized Services services() {
        if (services == null) {
            services = new Services();
            services.python().prewarm();
        }
        return services;
    }


    public static synchronized void startToolkit() {
        // Surefire runs the tests with assertions on, and that switches on JavaFX's own scene-graph debug checks
        // (com.sun.javafx.util.Utils.assertionEnabled()). One of them, Scene's pgAccessCount, is a static int that
        // the FX thread (WebView's pulse) and the render thread (drawing a page's buttons and inputs) count up and
        // down without a lock, so now and then the FX thread throws "*** pgAccessCount underflow" (CI hit it in
        // NavigationTest). PyDesk itself runs without -ea, where JavaFX skips the check; our own assertions stay on.
        // Must happen before JavaFX initializes that class, which the toolkit's start does.
        Platform.class.getClassLoader().setClassAssertionStatus("com.sun.javafx.util.Utils", false);
        try {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            Platform.setImplicitExit(false);
            started.get(30, TimeUnit.SECONDS);
        } catch (IllegalStateException alreadyStarted) {
            // one toolkit per JVM
        } catch (Exception e) {
            throw new IllegalStateException("the JavaFX toolkit did not start", e);
        }
    }

    /** Writes {@code html} as {@code name} into {@code folder} and opens it; waits until its scripts are done. */
    public PageSession open(Path folder, String name, String html) throws IOException {
        Path page = folder.resolve(name);
        Files.writeString(page, html);
        return open(page);
    }

    /** Opens a page and waits until every main-thread script has run. */
    public PageSession open(Path page) {
        events.clear(); // the console of the page before is not this page's
        CompletableFuture<PageSession> session = new CompletableFuture<>();
        FxThread.run(() -> {
            loader.onSession(session::complete);
            try {
                loader.open(page);
            } catch (IOException e) {
                session.completeExceptionally(e);
            }
        });
        try {
            PageSession opened = session.get(60, TimeUnit.SECONDS);
            opened.scriptsDone().get(90, TimeUnit.SECONDS);
            return opened;
        } catch (Exception e) {
            throw new AssertionError("the page " + page + " did not finish: " + consoleText(), e);
        }
    }

    public void reload() {
        FxThread.run(loader::reload);
    }

    public PageLoader loader() {
        return loader;
    }

    public WebView webView() {
        return webView;
    }

    /** Evaluates JavaScript in the page, on the FX thread. */
    public Object js(String script) {
        return FxThread.call(() -> webView.getEngine().executeScript(script));
    }

    public String text(String selector) {
        Object value = js("(function(){const e=document.querySelector(" + quote(selector) + ");return e?e.textContent:null})()");
        return value == null ? null : String.valueOf(value);
    }

    public String html(String selector) {
        Object value = js("(function(){const e=document.querySelector(" + quote(selector) + ");return e?e.innerHTML:null})()");
        return value == null ? null : String.valueOf(value);
    }

    /** The text content of every element matching {@code selector}, in document order. */
    public List<String> texts(String selector) {
        return jsonList("Array.from(document.querySelectorAll(" + quote(selector) + ")).map(e => e.textContent)");
    }

    /** Evaluates a JavaScript expression that yields an array of strings (sent over as JSON). */
    public List<String> jsonList(String expression) {
        String json = String.valueOf(js("JSON.stringify(" + expression + ")"));
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON array of strings: " + json, e);
        }
    }

    /**
     * What a script displayed in {@code selector} as {@code name=value} lines (a {@code show(name, value)} helper
     * that displays {@code f"{name}={value!r}"}), by name, in order.
     */
    public Map<String, String> shown(String selector) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String line : texts(selector)) {
            int eq = line.indexOf('=');
            shown.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return shown;
    }

    /** The text of PyScript's error banners ({@code div.py-error}), one per line; empty when there are none. */
    public String bannerText() {
        return String.join("\n", texts("div.py-error"));
    }

    /** The texts the console stream got from one source ({@code py-0}, {@code js}, ...), in order. */
    public List<String> consoleFrom(String source) {
        return events.stream().filter(e -> e.source().equals(source)).map(ConsoleEvent::text).toList();
    }

    /** All error-level console texts, joined by newlines. */
    public String errorText() {
        return errors().stream().map(ConsoleEvent::text).collect(Collectors.joining("\n"));
    }

    public int count(String selector) {
        return ((Number) js("document.querySelectorAll(" + quote(selector) + ").length")).intValue();
    }

    public List<ConsoleEvent> console() {
        return List.copyOf(events);
    }

    public String consoleText() {
        return events.stream().map(e -> "[" + e.source() + "] " + e.level() + " " + e.text())
                .collect(Collectors.joining("\n"));
    }

    public List<ConsoleEvent> errors() {
        return events.stream().filter(ConsoleEvent::isError).toList();
    }

    /** Asserts that the page logged no console error and shows no PyScript error banner. */
    public void assertNoErrors() {
        assertTrue(errors().isEmpty(), consoleText());
        assertEquals(0, count("div.py-error"), bannerText());
    }

    public void clearConsole() {
        events.clear();
    }

    /** Waits (pumping nothing: the FX thread runs on its own) until the condition holds, or fails. */
    public void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
        try {
            if (FxWait.polled(timeout, condition)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        throw new AssertionError("timed out waiting for " + what + "\nconsole:\n" + consoleText());
    }

    public static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    @Override
    public void close() {
        FxThread.run(() -> {
            loader.close();
            stage.close();
        });
    }
}
