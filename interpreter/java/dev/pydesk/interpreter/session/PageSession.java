package dev.pydesk.interpreter.session;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.PageGoneException;
import dev.pydesk.bridge.Timing;
import dev.pydesk.bridge.events.PageEvent;
import dev.pydesk.bridge.events.PageEvents;
import dev.pydesk.interpreter.config.ConfigElement;
import dev.pydesk.interpreter.config.ConfigException;
import dev.pydesk.interpreter.config.ConfigResolver;
import dev.pydesk.interpreter.config.PageConfig;
import dev.pydesk.interpreter.files.FolderChooser;
import dev.pydesk.interpreter.net.PageResources;
import dev.pydesk.interpreter.python.ErrorSink;
import dev.pydesk.interpreter.python.Failures;
import dev.pydesk.interpreter.python.Interpreter;
import dev.pydesk.interpreter.python.Packages;
import dev.pydesk.interpreter.python.PageEnvironment;
import dev.pydesk.interpreter.python.PythonRuntime;
import dev.pydesk.interpreter.python.Services;
import dev.pydesk.interpreter.python.StopMessages;
import dev.pydesk.interpreter.python.Watchdog;
import dev.pydesk.interpreter.workers.PageWorker;
import dev.pydesk.interpreter.workers.PageWorkers;
import dev.pydesk.interpreter.workers.WorkerAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import netscape.javascript.JSException;
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
    private final CompletableFuture<Void> scriptsDone = new CompletableFuture<>();
    private final AtomicInteger errorCount = new AtomicInteger();
    private final PageEnvironment environment;
    private final PageEvents events;
    /** A check for {@link PageEvent.Idle} is queued on the FX thread (many ends of work make one check). */
    private final AtomicBoolean idleCheckQueued = new AtomicBoolean();
    /** Contents loaded (module scripts ran): workers wait for it on their threads before their hooks. */
    private final CompletableFuture<Void> contentLoaded = new CompletableFuture<>();
    private boolean idle;
    private final PageWorkers workers;
    private final ScriptHooks hooks;
    private final AtomicInteger failedScripts = new AtomicInteger();
    private List<ScriptTag> scripts = List.of();
    private ScriptPlan plan = ScriptPlan.of(List.of());
    private int next;
    private boolean allDone = true;
    private boolean mainFinished;
    private boolean allDoneFired;
    private int workersRunning;
    private volatile boolean closed;

    PageSession(JsRealm realm, Services services, ConsoleBus console, dev.pydesk.bridge.NetworkBus network,
                Watchdog watchdog, Path pageFolder,
                String pageName, PageResources resources, FolderChooser chooser, boolean listeningSockets) {
        this.realm = realm;
        this.runtime = services.python();
        this.console = console;
        this.pageName = pageName;
        this.resources = resources;
        this.events = console.events();
        this.environment = new PageEnvironment(realm, pageFolder, resources, console, network, watchdog, services,
                new ErrorSink() {
                    @Override
                    public void pageError(String source, String message) {
                        PageSession.this.pageError(source, message);
                    }

                    @Override
                    public void stderrLine(String source, String line) {
                        banner(line);
                    }
                }, chooser, listeningSockets, this::workEnded);
        this.workers = new PageWorkers(runtime, environment);
        this.hooks = new ScriptHooks(realm, console);
    }

    /** The page's workers (script tags with {@code worker}, and PyWorkers): inspector, tests. */
    public PageWorkers workers() {
        return workers;
    }

    /** Completes when every script of the page has run (or failed). */
    public CompletableFuture<Void> scriptsDone() {
        return scriptsDone;
    }

    /** Scripts (main-thread ones and workers) that ended with an uncaught error, or could not run at all. */
    public int failedScripts() {
        return failedScripts.get() + workers.failed();
    }

    /**
     * True once every script of the page has ended: the main-thread ones ran (or failed), and every worker is ready,
     * failed or stopped. With nothing pending either, the page can only change on user input.
     */
    public boolean allScriptsEnded() {
        return scriptsDone.isDone() && workers.allEnded();
    }

    /**
     * Uncaught Python and JavaScript errors (also those thrown before the session started, and in JavaScript
     * timers), config and loading errors seen so far.
     */
    public int errorCount() {
        return errorCount.get() + realm.uncaughtErrors();
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
            boolean used = tags.stream().anyMatch(tag -> tag.type().equals(type))
                    || ((Number) ((JSObject) document.call("querySelectorAll", type + "-config")).getMember("length"))
                            .intValue() > 0;
            if (used) resolveConfig(type, document);
        }
        publishConfigs();
        plan = ScriptPlan.of(tags);
        for (String type : TYPES) {
            if (configs.containsKey(type) && tags.stream().anyMatch(tag -> tag.type().equals(type) && !tag.worker())) {
                interpreterFor(type);
            }
        }
        for (ScriptTag tag : tags) {
            if (tag.worker()) startWorker(tag); // their hooks wait for DOMContentLoaded on the worker's thread
        }
        // the page's module scripts (plugins registering hooks on core.js) run before DOMContentLoaded: wait for it
        realm.onTimersDone(this::workEnded);
        realm.whenContentLoaded(() -> {
            contentLoaded.complete(null);
            runNext();
        });
    }

    /** The resolved configs, for PyScript's stand-in core.js ({@code config} export; importers wait for it). */
    private void publishConfigs() {
        StringBuilder json = new StringBuilder("{");
        for (String type : TYPES) {
            PageConfig config = configs.get(type);
            if (json.length() > 1) json.append(',');
            json.append('"').append(type).append("\":").append(config == null || config.isEmpty() && config.configUrl()
                    .isEmpty() ? "null" : config.toJson());
        }
        try {
            realm.pyscriptConfigure(json.append('}').toString());
        } catch (RuntimeException e) {
            console.publish(ConsoleEvent.Level.DEBUG, "pydesk", "could not hand the configs to core.js: " + e);
        }
    }

    /**
     * Starts the worker of a {@code <script type="py" worker>} tag; the page's scripts go on meanwhile. A worker
     * without a {@code config} of its own gets the page's config of its type, as in PyScript; none of a type whose
     * config is broken starts.
     */
    private void startWorker(ScriptTag tag) {
        String scriptId = plan.id(tag);
        if (plan.generatedWorkerId(tag) != null) tag.element().setMember("id", scriptId);
        if (refused(tag)) {
            failedScripts.incrementAndGet();
            return;
        }
        String name = ScriptTag.hasAttribute(tag.element(), "name") ? ScriptTag.attribute(tag.element(), "name") : null;
        String label = "worker " + (name != null && !name.isEmpty() ? name : tag.src() != null ? tag.src() : scriptId);
        PageConfig config;
        if (tag.config() == null) {
            if (configErrors.containsKey(tag.type())) {
                allDone = false; // PyScript runs nothing of a type whose config is broken (the error is shown)
                failedScripts.incrementAndGet();
                return;
            }
            config = configs.getOrDefault(tag.type(), PageConfig.empty());
        } else {
            try {
                config = ConfigResolver.resolveSingle(tag.config(), resources::read);
            } catch (ConfigException e) {
                pageError(label, e.getMessage() + "\n" + label + " does not start: fix its config and reload the page.");
                failedScripts.incrementAndGet();
                allDone = false;
                return;
            }
        }
        CompletableFuture<String> source = tag.src() == null ? CompletableFuture.completedFuture(tag.text())
                : workers.load(tag.src(), label);
        String fileName = tag.src() != null ? shownName(tag.src()) : pageName + "#" + scriptId;
        JSObject element = tag.element();
        String type = tag.type();
        boolean sync = tag.synchronous();
        workersRunning++;
        try {
            realm.pyscriptWorker(type);
        } catch (RuntimeException ignored) {
            // whenDefined of the stand-in core.js only
        }
        workers.start(type, name, label, scriptId, source, fileName, config, new PageWorker.Lifecycle() {
            // PyScript's py:ready / py:done on the worker's script element, detail {worker: true}, and its worker
            // hooks (run on the page's thread here: a PyDesk worker has no JavaScript of its own)
            @Override
            public void ready() {
                awaitContentLoaded();
                onFx(() -> {
                    realm.dispatchWorker(element, type + ":ready");
                    hooks.call("worker", "onReady", type, null);
                    return null;
                });
            }

            @Override
            public PageWorker.HookCode beforeRun() {
                PageWorker.HookCode[] code = {PageWorker.HookCode.NONE};
                onFx(() -> {
                    hooks.call("worker", ScriptHooks.name("onBeforeRun", sync), type, null);
                    code[0] = new PageWorker.HookCode(hooks.code("worker", ScriptHooks.name("codeBeforeRun", sync)),
                            hooks.code("worker", ScriptHooks.name("codeAfterRun", sync)));
                    return null;
                });
                return code[0];
            }

            @Override
            public void afterRun() {
                onFx(() -> {
                    hooks.call("worker", ScriptHooks.name("onAfterRun", sync), type, null);
                    return null;
                });
            }

            @Override
            public void done() {
                FxThread.later(() -> {
                    if (closed) return;
                    realm.dispatchWorker(element, type + ":done");
                    workersRunning--;
                    maybeAllDone();
                });
            }
        });
    }

    /** On a worker's thread: waits until the page's module scripts have run (their hooks are registered then). */
    private void awaitContentLoaded() {
        try {
            contentLoaded.get(); // completed by the boot script's call, or when the session closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException impossible) {
            // never completed exceptionally
        }
    }

    /** Runs page work for a worker on the FX thread and waits (the worker's order is the page's); "" once closed. */
    private String onFx(java.util.concurrent.Callable<String> work) {
        if (closed) return "";
        try {
            String result = FxThread.call(() -> closed ? "" : work.call());
            return result == null ? "" : result;
        } catch (RuntimeException e) {
            return "";
        }
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
            // PyScript's message, then what it means and what to do
            String message = e.getMessage() + "\nNone of this page's " + type + " scripts run: fix the " + type
                    + " config and reload the page.";
            configErrors.put(type, message);
            pageError(type, message);
        }
    }

    private CompletableFuture<Interpreter> interpreterFor(String type) {
        return interpreters.computeIfAbsent(type, key -> {
            events.publish(new PageEvent.InterpreterStarting(key));
            PageConfig config = configs.getOrDefault(key, PageConfig.empty());
            return runtime.take().thenApplyAsync(prepared -> {
                if (closed || realm.over()) {
                    // reloaded or left while the context was being made: it was never bound, the next page takes it
                    runtime.giveBack(prepared);
                    throw new java.util.concurrent.CancellationException("the page was left before " + key + " started");
                }
                Interpreter interpreter = Interpreter.bind(prepared, key, config, environment,
                        new WorkerAccess(workers, null));
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
        later(() -> interpreter.loadJsModules().whenComplete((ok, error) -> loaded.complete(interpreter)));
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
            later(this::runNext);
            return;
        }
        if (configErrors.containsKey(tag.type())) {
            allDone = false; // PyScript does not run any script of a type whose config is broken
            failedScripts.incrementAndGet();
            later(this::runNext);
            return;
        }
        CompletableFuture<String> source = loadSource(tag);
        interpreterFor(tag.type()).thenCombine(source, Prepared::new).whenComplete((prepared, failure) ->
                later(() -> {
                    if (failure != null && Failures.root(failure) instanceof Packages.SetupFailed setup) {
                        // PyScript runs none of an interpreter's scripts when its config cannot be honoured
                        String message = "None of this page's " + tag.type() + " scripts run: " + setup.getMessage()
                                + ". Fix the config and reload the page.";
                        configErrors.put(tag.type(), message);
                        pageError(tag.type(), message);
                        allDone = false;
                        failedScripts.incrementAndGet();
                        later(this::runNext);
                    } else if (failure != null) {
                        pageError(tag.type(), "PyDesk could not start the " + tag.type() + " interpreter: "
                                + StopMessages.withoutJavaNames(Failures.rootMessage(failure)));
                        allDone = false;
                        failedScripts.incrementAndGet();
                        later(this::runNext);
                    } else {
                        executeSafely(tag, prepared.interpreter(), prepared.code()).whenComplete((ok, error) -> {
                            if (!Boolean.TRUE.equals(ok)) failedScripts.incrementAndGet();
                            later(this::runNext);
                        });
                    }
                }));
    }

    /**
     * Runs session work on the FX thread unless the session has ended. A page load that ended under the session
     * (the window navigated or reloaded before PyDesk closed it) stops it quietly: its handles are stale, and there
     * is no page left to report to.
     */
    private void later(Runnable work) {
        FxThread.later(() -> {
            if (closed) return;
            try {
                work.run();
            } catch (PageGoneException gone) {
                pageLeft();
            } catch (JSException e) {
                if (!PageGoneException.isStaleHandle(e)) throw e;
                pageLeft();
            }
        });
    }

    /** The document went away before the session was closed: nothing more of it runs. */
    private void pageLeft() {
        closed = true;
        contentLoaded.complete(null);
        scriptsDone.complete(null);
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
        }, environment.services().io());
    }

    /** {@link #execute}, but a failure of PyDesk itself is a page error, never a page that stops half-way. */
    private CompletableFuture<Boolean> executeSafely(ScriptTag tag, Interpreter interpreter, String code) {
        try {
            return execute(tag, interpreter, code);
        } catch (PageGoneException gone) {
            throw gone;
        } catch (JSException e) {
            if (PageGoneException.isStaleHandle(e) || !realm.alive()) throw e; // later(): the page load is over
            return failedToRun(tag, e);
        } catch (RuntimeException e) {
            return failedToRun(tag, e);
        }
    }

    /** A failure of PyDesk itself: the stack trace goes to the console at debug level, the page gets a sentence. */
    private CompletableFuture<Boolean> failedToRun(ScriptTag tag, RuntimeException e) {
        allDone = false;
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        console.publish(ConsoleEvent.Level.DEBUG, "pydesk", trace.toString());
        pageError(tag.type(), "PyDesk could not run " + tag.describe() + " (an error of PyDesk itself, not of the"
                + " page: the inspector's console has the details at debug level). The page's other scripts go on.");
        return CompletableFuture.completedFuture(false);
    }

    /** Reports a script PyScript refuses before running it ({@link ScriptPlan#refusal}); true when refused. */
    private boolean refused(ScriptTag tag) {
        String refusal = ScriptPlan.refusal(tag);
        if (refusal == null) return false;
        pageError(tag.type(), "(PY0409) Invalid content for " + tag.describe() + ": " + refusal);
        allDone = false;
        return true;
    }

    /** Runs one script; completes when it (and, with top-level await, its task) has finished. */
    private CompletableFuture<Boolean> execute(ScriptTag tag, Interpreter interpreter, String code) {
        CompletableFuture<Boolean> skipped = CompletableFuture.completedFuture(false);
        if (refused(tag)) return skipped;
        JSObject element = tag.element();
        JSObject show = outputElement(tag);
        if (show == null) {
            allDone = false;
            return skipped;
        }
        String id = String.valueOf(show.getMember("id"));
        if (id.isEmpty()) {
            String planned = plan.id(tag);
            id = planned != null ? planned : plan.nextId(tag.type());
            show.setMember("id", id);
        }
        if (tag.isScriptElement()) {
            element.setMember("target", show);
        } else {
            element.call("replaceChildren");
            ((JSObject) element.getMember("style")).setMember("display", "block");
        }
        String fileName = tag.src() != null ? shownName(tag.src()) : pageName + "#" + id;
        if (tag.markup()) {
            console.publish(ConsoleEvent.Level.WARN, id, "Deprecated: use <script type=\"" + tag.type()
                    + "\"> for an always safe content parsing: the HTML inside " + tag.describe() + " was run as code.");
        }
        String scriptId = id;
        CompletableFuture<Boolean> finished = new CompletableFuture<>();
        Runnable ready = () -> {
            if (closed) return;
            realm.dispatch(element, tag.type() + ":ready", null);
            events.publish(new PageEvent.ScriptStarted(scriptId, tag.type()));
            Timing.mark(scriptId + ": running");
        };
        hooks.aroundMain(tag, interpreter, id, ready, () -> {
            if (closed) return CompletableFuture.completedFuture(false);
            if (tag.isScriptElement()) realm.currentScript(element);
            CompletableFuture<Boolean> run = interpreter.run(code, fileName, scriptId, scriptId, !tag.synchronous());
            if (tag.isScriptElement()) realm.currentScript(null);
            CompletableFuture<Boolean> onFx = new CompletableFuture<>();
            run.whenComplete((ok, error) -> FxThread.later(() -> onFx.complete(Boolean.TRUE.equals(ok))));
            return onFx;
        }).whenComplete((ok, error) -> FxThread.later(() -> {
            Timing.mark(scriptId + ": done");
            events.publish(new PageEvent.ScriptDone(scriptId, tag.type(), Boolean.TRUE.equals(ok)
                    ? PageEvent.ScriptDone.Outcome.OK : PageEvent.ScriptDone.Outcome.FAILED));
            try {
                if (!closed) realm.dispatch(element, tag.type() + ":done", null);
            } finally {
                finished.complete(Boolean.TRUE.equals(ok)); // the next script runs, whatever happened to this one
            }
        }));
        return finished;
    }

    /**
     * How tracebacks name a script's {@code src}: relative to the site root when it is a file under it
     * ({@code app/main.py}), as written otherwise (a URL).
     */
    private String shownName(String src) {
        try {
            return resources.localFile(resources.resolve(src))
                    .map(file -> resources.siteRoot().relativize(file).toString().replace('\\', '/')).orElse(src);
        } catch (IllegalArgumentException e) {
            return src;
        }
    }

    /** Work still pending in the page's interpreters (timers, awaiting scripts); 0 when the page is idle. */
    public int pendingWork() {
        int pending = 0;
        for (CompletableFuture<Interpreter> interpreter : interpreters.values()) {
            Interpreter ready = interpreter.isCompletedExceptionally() ? null : interpreter.getNow(null);
            if (ready != null) pending += ready.pendingWork();
        }
        return pending + workers.pendingWork() + (closed ? 0 : realm.pendingTimers());
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
        mainFinished = true;
        maybeAllDone();
        events.publish(new PageEvent.ScriptsDone(errorCount()));
        scriptsDone.complete(null);
        workEnded(); // the page may be idle at once
        // Once the page is idle (its workers too: a worker binding its context while the spare builds beside it
        // gets half the CPU of a 2-core machine), get the next interpreter ready for a reload or the next page. A
        // worker whose script never ends (a long computation) holds the spare back for 10 s at most.
        workers.settled().completeOnTimeout(null, 10, java.util.concurrent.TimeUnit.SECONDS)
                .thenRun(runtime::prewarm);
    }

    /** PyScript's {@code py:all-done}: once, when every script of the page, workers included, is done. */
    private void maybeAllDone() {
        if (allDoneFired || closed || !mainFinished || workersRunning > 0 || !allDone || scripts.isEmpty()) return;
        allDoneFired = true;
        realm.dispatchPlain(realm.window(), "py:all-done");
    }

    /** Reports a page error: the console stream and PyScript's red banner at the end of the body. */
    void pageError(String source, String message) {
        if (closed || realm.over()) {
            // An error of a page load that is over (a timer or a start-up of the old page, just after a reload or a
            // navigation): it is not the shown page's, and its banner has nowhere to go.
            console.publish(ConsoleEvent.Level.DEBUG, "pydesk", "after " + pageName + " was left or reloaded, "
                    + source + ": " + message);
            return;
        }
        errorCount.incrementAndGet();
        console.publish(ConsoleEvent.Level.ERROR, source, message);
        events.publish(new PageEvent.PageError(source, message));
        banner(message);
    }

    /**
     * Some pending work ended (any thread): once the FX thread gets to it, and every main-thread script has run,
     * {@link PageEvent.Idle} is published if nothing is pending any more and the page was not idle already.
     */
    private void workEnded() {
        if (!closed && idleCheckQueued.compareAndSet(false, true)) FxThread.later(this::checkIdle);
    }

    private void checkIdle() {
        idleCheckQueued.set(false);
        if (closed || !scriptsDone.isDone()) return;
        if (pendingWork() > 0) {
            idle = false;
        } else if (!idle) {
            idle = true;
            events.publish(new PageEvent.Idle());
        }
    }

    /** PyScript's red banner at the end of the body (also for what main-thread Python writes to stderr). */
    private void banner(String message) {
        FxThread.later(() -> {
            if (closed || !realm.alive()) return; // the page is gone: its console line is all there is
            try {
                realm.banner(message);
            } catch (PageGoneException gone) {
                // the page was left while the banner was being made
            } catch (RuntimeException e) {
                if (e instanceof JSException js && PageGoneException.isStaleHandle(js)) return;
                console.publish(ConsoleEvent.Level.ERROR, "pydesk", "could not show the error banner: " + e.getMessage());
            }
        });
    }


    @Override
    public void close() {
        closed = true;
        contentLoaded.complete(null);
        hooks.close();
        workers.close();
        realm.close();
        for (CompletableFuture<Interpreter> interpreter : interpreters.values()) {
            interpreter.thenAccept(Interpreter::close);
        }
        scriptsDone.complete(null);
    }
}
