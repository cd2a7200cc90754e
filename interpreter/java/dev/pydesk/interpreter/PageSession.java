package dev.pydesk.interpreter;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.ConsoleEvent;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.Timing;
import dev.pydesk.interpreter.config.ConfigElement;
import dev.pydesk.interpreter.config.ConfigException;
import dev.pydesk.interpreter.config.ConfigResolver;
import dev.pydesk.interpreter.config.PageConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import netscape.javascript.JSObject;

/**
 * Everything PyDesk does for one loaded document, PyScript's way: finds the script tags in document order, resolves
 * each interpreter's config, gives every script its output element and id ({@code py-0}, {@code mpy-0}, ...), runs
 * it in its interpreter, fires the lifecycle events and shows errors in the console and the page's banner.
 * Lives on the FX thread; dies (with its interpreters) when the page goes away.
 */
public final class PageSession implements AutoCloseable {
    static final String SCRIPT_SELECTOR = "script[type=\"py\"],script[type=\"mpy\"],py-script,mpy-script";
    private static final String[] TYPES = {"py", "mpy"};

    private final JsRealm realm;
    private final PythonRuntime runtime;
    private final ConsoleBus console;
    private final String pageName;
    private final PageResources resources;
    private final Map<String, CompletableFuture<Interpreter>> interpreters = new HashMap<>();
    private final Map<String, PageConfig> configs = new HashMap<>();
    private final Map<String, String> configErrors = new HashMap<>();
    private final Map<String, AtomicInteger> ids = new HashMap<>();
    private final CompletableFuture<Void> scriptsDone = new CompletableFuture<>();
    private final AtomicInteger errorCount = new AtomicInteger();
    private final Runnable unsubscribe;
    private final PageEnvironment environment;
    private final Consumer<String> status;
    private final PageWorkers workers;
    private final Map<ScriptTag, String> plannedIds = new java.util.IdentityHashMap<>();
    private List<ScriptTag> scripts = List.of();
    private int next;
    private boolean allDone = true;
    private volatile boolean closed;

    PageSession(JsRealm realm, PythonRuntime runtime, ConsoleBus console, dev.pydesk.bridge.NetworkBus network,
                Watchdog watchdog, Path pageFolder,
                String pageName, PageResources resources, Consumer<String> status, FolderChooser chooser) {
        this.realm = realm;
        this.runtime = runtime;
        this.console = console;
        this.pageName = pageName;
        this.resources = resources;
        this.status = status;
        this.unsubscribe = console.subscribe(event -> {
            if (event.source().equals("js-uncaught")) errorCount.incrementAndGet();
        });
        for (String type : TYPES) ids.put(type, new AtomicInteger());
        this.environment = new PageEnvironment(realm, pageFolder, resources, console, network, watchdog,
                this::pageError, chooser);
        this.workers = new PageWorkers(runtime, environment);
    }

    /** The page's workers (script tags with {@code worker}, and PyWorkers): inspector, tests. */
    public PageWorkers workers() {
        return workers;
    }

    /** Completes when every script of the page has run (or failed). */
    public CompletableFuture<Void> scriptsDone() {
        return scriptsDone;
    }

    /** Uncaught Python and JavaScript errors, config and loading errors seen so far. */
    public int errorCount() {
        return errorCount.get();
    }

    /** The page's main-thread interpreter of a type, once it exists (REPL, tests). */
    public CompletableFuture<Interpreter> interpreter(String type) {
        return interpreterFor(type);
    }

    public JsRealm realm() {
        return realm;
    }

    /** Reads the page's scripts and starts running them. FX thread. */
    void start() {
        JSObject document = (JSObject) realm.window().getMember("document");
        JSObject found = (JSObject) document.call("querySelectorAll", SCRIPT_SELECTOR);
        int length = ((Number) found.getMember("length")).intValue();
        List<ScriptTag> tags = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            tags.add(ScriptTag.read((JSObject) found.getSlot(i)));
        }
        scripts = tags;
        for (String type : TYPES) {
            if (tags.stream().anyMatch(tag -> tag.type().equals(type) && !tag.worker())) resolveConfig(type, document);
        }
        planIds();
        for (ScriptTag tag : tags) {
            if (tag.worker()) startWorker(tag);
        }
        for (String type : TYPES) {
            if (configs.containsKey(type)) interpreterFor(type);
        }
        runNext();
    }

    /**
     * Gives every script that gets a generated id ({@code py-0}, {@code mpy-1}, ...) its id now, in document order,
     * so that workers, which all start at once (a main script may await a worker declared after it), and main
     * scripts, which run one after the other, number as the document does.
     */
    private void planIds() {
        for (ScriptTag tag : scripts) {
            boolean generates = tag.worker()
                    || (tag.isScriptElement() ? tag.target() == null : !ScriptTag.hasAttribute(tag.element(), "id"));
            if (generates) plannedIds.put(tag, tag.type() + "-" + ids.get(tag.type()).getAndIncrement());
        }
    }

    /** Starts the worker of a {@code <script type="py" worker>} tag; the page's scripts go on meanwhile. */
    private void startWorker(ScriptTag tag) {
        String scriptId = plannedIds.get(tag);
        if (tag.isScriptElement() && tag.src() != null && tag.hasInlineCode()) {
            pageError(tag.type(), "(PY0409) Invalid content for " + tag.describe()
                    + ": a script has either a src or inline code, not both.");
            return;
        }
        String name = ScriptTag.hasAttribute(tag.element(), "name") ? ScriptTag.attribute(tag.element(), "name") : null;
        String label = "worker " + (name != null && !name.isEmpty() ? name : tag.src() != null ? tag.src() : scriptId);
        PageConfig config;
        try {
            config = ConfigResolver.resolveSingle(tag.config(), resources::read);
        } catch (ConfigException e) {
            pageError(label, e.getMessage());
            return;
        }
        CompletableFuture<String> source = tag.src() == null ? CompletableFuture.completedFuture(tag.text())
                : workers.load(tag.src(), label);
        String fileName = tag.src() != null ? tag.src() : pageName + "#" + scriptId;
        JSObject element = tag.element();
        workers.start(tag.type(), name, label, scriptId, source, fileName, config, new PageWorker.Lifecycle() {
            // PyScript's py:ready / py:done on the worker's script element, detail {worker: true}
            @Override
            public void ready() {
                FxThread.later(() -> {
                    if (!closed) realm.dispatchWorker(element, tag.type() + ":ready");
                });
            }

            @Override
            public void done() {
                FxThread.later(() -> {
                    if (!closed) realm.dispatchWorker(element, tag.type() + ":done");
                });
            }
        });
    }

    private void resolveConfig(String type, JSObject document) {
        List<ConfigElement> elements = new ArrayList<>();
        JSObject tags = (JSObject) document.call("querySelectorAll", type + "-config");
        int length = ((Number) tags.getMember("length")).intValue();
        for (int i = 0; i < length; i++) {
            JSObject element = (JSObject) tags.getSlot(i);
            elements.add(new ConfigElement(
                    ScriptTag.hasAttribute(element, "src") ? ScriptTag.attribute(element, "src") : null,
                    ScriptTag.hasAttribute(element, "type") ? ScriptTag.attribute(element, "type") : null,
                    String.valueOf(element.getMember("textContent"))));
        }
        List<String> attributes = scripts.stream()
                .filter(tag -> tag.type().equals(type) && !tag.worker() && tag.config() != null)
                .map(ScriptTag::config)
                .toList();
        try {
            configs.put(type, ConfigResolver.resolveMain(type, elements, attributes, resources::read));
        } catch (ConfigException e) {
            configErrors.put(type, e.getMessage());
            pageError(type, e.getMessage());
        }
    }

    private CompletableFuture<Interpreter> interpreterFor(String type) {
        return interpreters.computeIfAbsent(type, key -> {
            status.accept("starting Python (" + key + ")...");
            PageConfig config = configs.getOrDefault(key, PageConfig.empty());
            return runtime.take().thenApplyAsync(prepared -> {
                Interpreter interpreter = Interpreter.bind(prepared, key, config, environment, workers);
                interpreter.wireEventAttributes(realm);
                return interpreter;
            }, FxThread::later).thenCompose(interpreter -> Packages.setUp(interpreter, config, environment))
                    .thenCompose(interpreter -> loadJsModules(interpreter, config));
        });
    }

    /** Imports the config's [js_modules.main] before the first script of the interpreter runs. */
    private CompletableFuture<Interpreter> loadJsModules(Interpreter interpreter, PageConfig config) {
        if (config.get("js_modules").isEmpty()) return CompletableFuture.completedFuture(interpreter);
        CompletableFuture<Interpreter> loaded = new CompletableFuture<>();
        FxThread.later(() -> interpreter.run("try:\n    import _pydesk.js_modules\n    await _pydesk.js_modules.load()\n"
                        + "finally:\n    del _pydesk\n", "js_modules", interpreter.type(), null)
                .whenComplete((ok, error) -> loaded.complete(interpreter)));
        return loaded;
    }

    private void runNext() {
        if (closed) return;
        if (next >= scripts.size()) {
            finish();
            return;
        }
        ScriptTag tag = scripts.get(next++);
        if (tag.worker()) { // started with the page (startWorker)
            FxThread.later(this::runNext);
            return;
        }
        if (configErrors.containsKey(tag.type())) {
            allDone = false; // PyScript does not run any script of a type whose config is broken
            FxThread.later(this::runNext);
            return;
        }
        CompletableFuture<String> source = loadSource(tag);
        interpreterFor(tag.type()).thenCombine(source, Prepared::new).whenComplete((prepared, failure) ->
                FxThread.later(() -> {
                    if (closed) return;
                    if (failure != null) {
                        pageError(tag.type(), "PyDesk could not start the " + tag.type() + " interpreter: "
                                + Failures.rootMessage(failure));
                        allDone = false;
                        FxThread.later(this::runNext);
                    } else {
                        executeSafely(tag, prepared.interpreter(), prepared.code())
                                .whenComplete((ok, error) -> FxThread.later(this::runNext));
                    }
                }));
    }

    private record Prepared(Interpreter interpreter, String code) {}

    private CompletableFuture<String> loadSource(ScriptTag tag) {
        if (tag.src() == null) return CompletableFuture.completedFuture(tag.text());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return resources.read(tag.src());
            } catch (IOException e) {
                pageError(tag.type(), PageResources.message(e));
                return tag.text(); // PyScript falls back to the element's own content
            }
        });
    }

    /** {@link #execute}, but a failure of PyDesk itself is a page error, never a page that stops half-way. */
    private CompletableFuture<Boolean> executeSafely(ScriptTag tag, Interpreter interpreter, String code) {
        try {
            return execute(tag, interpreter, code);
        } catch (RuntimeException e) {
            allDone = false;
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            console.publish(ConsoleEvent.Level.DEBUG, "pydesk", trace.toString());
            pageError(tag.type(), "PyDesk could not run " + tag.describe() + ": " + e);
            return CompletableFuture.completedFuture(false);
        }
    }

    /** Runs one script; completes when it (and, with top-level await, its task) has finished. */
    private CompletableFuture<Boolean> execute(ScriptTag tag, Interpreter interpreter, String code) {
        CompletableFuture<Boolean> skipped = CompletableFuture.completedFuture(false);
        if (tag.isScriptElement() && tag.src() != null && tag.hasInlineCode()) {
            pageError(tag.type(), "(PY0409) Invalid content for " + tag.describe()
                    + ": a script has either a src or inline code, not both.");
            allDone = false;
            return skipped;
        }
        JSObject element = tag.element();
        JSObject show = outputElement(tag);
        if (show == null) {
            allDone = false;
            return skipped;
        }
        String id = String.valueOf(show.getMember("id"));
        if (id.isEmpty()) {
            String planned = plannedIds.remove(tag);
            id = planned != null ? planned : tag.type() + "-" + ids.get(tag.type()).getAndIncrement();
            show.setMember("id", id);
        }
        if (tag.isScriptElement()) {
            element.setMember("target", show);
        } else {
            element.call("replaceChildren");
            ((JSObject) element.getMember("style")).setMember("display", "block");
        }
        String fileName = tag.src() != null ? tag.src() : pageName + "#" + id;
        if (tag.markup()) {
            console.publish(ConsoleEvent.Level.WARN, id, "Deprecated: use <script type=\"" + tag.type()
                    + "\"> for an always safe content parsing: the HTML inside " + tag.describe() + " was run as code.");
        }
        realm.dispatch(element, tag.type() + ":ready", null);
        status.accept("running " + id);
        Timing.mark(id + ": running");
        String scriptId = id;
        CompletableFuture<Boolean> finished = new CompletableFuture<>();
        if (tag.isScriptElement()) realm.currentScript(element);
        CompletableFuture<Boolean> run = interpreter.run(code, fileName, id, id, !tag.synchronous());
        if (tag.isScriptElement()) realm.currentScript(null);
        run.whenComplete((ok, error) -> FxThread.later(() -> {
            Timing.mark(scriptId + ": done");
            if (!closed) realm.dispatch(element, tag.type() + ":done", null);
            finished.complete(Boolean.TRUE.equals(ok));
        }));
        return finished;
    }

    /** Work still pending in the page's interpreters (timers, awaiting scripts); 0 when the page is idle. */
    public int pendingWork() {
        int pending = 0;
        for (CompletableFuture<Interpreter> interpreter : interpreters.values()) {
            Interpreter ready = interpreter.getNow(null);
            if (ready != null) pending += ready.pendingWork();
        }
        return pending + workers.pendingWork();
    }

    private JSObject outputElement(ScriptTag tag) {
        JSObject element = tag.element();
        if (!tag.isScriptElement()) return element;
        JSObject document = (JSObject) realm.window().getMember("document");
        if (tag.target() != null) {
            Object found = document.call("getElementById", tag.target());
            if (!(found instanceof JSObject)) {
                try {
                    found = document.call("querySelector", tag.target());
                } catch (RuntimeException invalidSelector) {
                    found = null;
                }
            }
            if (found instanceof JSObject target) return target;
            pageError(tag.type(), "Cannot find the target \"" + tag.target() + "\" of " + tag.describe()
                    + ": no element has that id or matches that selector.");
            return null;
        }
        JSObject show = (JSObject) document.call("createElement", "script-py");
        realm.markMade(show, "output");
        JSObject head = (JSObject) document.getMember("head");
        if (head != null && Boolean.TRUE.equals(head.call("contains", element))) {
            ((JSObject) document.getMember("body")).call("append", show);
        } else {
            element.call("after", show);
        }
        return show;
    }

    private void finish() {
        if (allDone && !scripts.isEmpty()) realm.dispatchPlain(realm.window(), "py:all-done");
        status.accept(errorCount.get() == 0 ? "done" : "done, " + errorCount.get() + " error(s)");
        scriptsDone.complete(null);
        runtime.prewarm(); // the page is idle now: get the next interpreter ready for a reload or the next page
    }

    /** Reports a page error: the console stream and PyScript's red banner at the end of the body. */
    void pageError(String source, String message) {
        errorCount.incrementAndGet();
        console.publish(ConsoleEvent.Level.ERROR, source, message);
        FxThread.later(() -> {
            if (closed) return;
            try {
                JSObject document = (JSObject) realm.window().getMember("document");
                JSObject banner = (JSObject) document.call("createElement", "div");
                banner.setMember("className", "py-error");
                realm.markMade(banner, "error banner");
                banner.setMember("textContent", message);
                ((JSObject) banner.getMember("style")).setMember("cssText", "border: 1px solid red; background: #ffdddd;"
                        + " color: black; font-family: courier, monospace; white-space: pre; overflow-x: auto;"
                        + " padding: 8px; margin-top: 8px;");
                Object body = document.getMember("body");
                ((JSObject) (body instanceof JSObject ? body : document.getMember("documentElement"))).call("append", banner);
            } catch (RuntimeException e) {
                console.publish(ConsoleEvent.Level.ERROR, "pydesk", "could not show the error banner: " + e.getMessage());
            }
        });
    }


    @Override
    public void close() {
        closed = true;
        unsubscribe.run();
        workers.close();
        realm.close();
        for (CompletableFuture<Interpreter> interpreter : interpreters.values()) {
            interpreter.thenAccept(Interpreter::close);
        }
        scriptsDone.complete(null);
    }
}
