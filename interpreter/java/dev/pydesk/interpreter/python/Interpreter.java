package dev.pydesk.interpreter.python;

import dev.pydesk.bridge.FxThread;
import dev.pydesk.bridge.JsAccess;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.JsRef;
import dev.pydesk.bridge.PageGoneException;
import dev.pydesk.bridge.PythonHost;
import dev.pydesk.bridge.PythonSide;
import dev.pydesk.bridge.Timing;
import dev.pydesk.interpreter.config.PageConfig;
import dev.pydesk.interpreter.files.ScopedFileSystem;
import dev.pydesk.interpreter.net.Fetcher;
import dev.pydesk.interpreter.net.PageSocketGuard;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * One GraalPy interpreter of a page: all main-thread {@code py} scripts share one, all {@code mpy} scripts another
 * (separate namespaces, as in PyScript), each worker has its own. Used by one thread at a time: main-thread
 * interpreters only on the FX thread. Every entry into Python is guarded by the watchdog and reports its errors.
 * Java reaches its Python through typed views of PyDesk's modules ({@link RunnerModule}, {@link ReplModule}, ...).
 */
public final class Interpreter implements PythonHost, AutoCloseable {
    private final String type;
    private final boolean worker;
    private final Executor owner;
    private final Context context;
    private final ConsoleRouting routing;
    private final Watchdog watchdog;
    private final ErrorSink errors;
    private final RunnerModule runner;
    private final Value caller;
    private final Value jsCaller;
    private final PythonSide python;
    private final JsAccess js;
    private final HostServices services;
    private final ScopedFileSystem fileSystem;
    private final boolean listeningSockets;
    private final PythonModules modules;
    private final Set<ScriptOutcome> awaiting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Runnable> closing = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String currentTarget;
    private volatile boolean closed;
    private ReplModule repl;
    private WorkerCallsModule workerCalls;
    private int depth;

    private Interpreter(String type, boolean worker, Executor owner, PythonRuntime.PreparedContext prepared,
                        Watchdog watchdog, ErrorSink errors, PythonSide python, JsAccess js, HostServices services,
                        boolean listeningSockets) {
        this.listeningSockets = listeningSockets;
        this.type = type;
        this.worker = worker;
        this.owner = owner;
        this.services = services;
        this.context = prepared.context();
        this.routing = prepared.routing();
        this.fileSystem = prepared.fileSystem();
        this.modules = prepared.modules();
        this.watchdog = watchdog;
        this.errors = errors;
        this.python = python;
        this.js = js;
        this.runner = modules.load("_pydesk.runner", RunnerModule.class);
        this.caller = runner.caller();
        this.jsCaller = runner.jsCaller();
    }

    /** Binds a prepared context to a page as one of its main-thread interpreters. FX thread. */
    public static Interpreter bind(PythonRuntime.PreparedContext prepared, String type, PageConfig config,
                            PageEnvironment page, WorkerLink workers) {
        return bind(prepared, type, config, page, FxThread::later, workers, null);
    }

    /**
     * Binds a prepared context to a page. Runs on the thread that will own the interpreter; {@code owner} runs work
     * on that thread. {@code workers} is the interpreter's way to the page's workers; {@code workerLabel} names the
     * worker this interpreter runs ({@code worker calc}), null for the page's main thread.
     */
    public static Interpreter bind(PythonRuntime.PreparedContext prepared, String type, PageConfig config,
                            PageEnvironment page, Executor owner, WorkerLink workers, String workerLabel) {
        boolean inWorker = workerLabel != null;
        JsRealm realm = page.realm();
        Path pageFolder = page.pageFolder();
        prepared.fileSystem().setRoot(page.siteRoot(), pageFolder);
        prepared.fileSystem().onRefused(page.resources()::refuseFile);
        prepared.routing().bind(page.console());
        if (!inWorker && !errorPluginOff(config)) prepared.routing().stderrBanner(page.errors());
        prepared.routing().source(inWorker ? workerLabel : type);
        Context context = prepared.context();
        HostServices services = new HostServices(owner, new Fetcher(page.resources()), workers,
                page.network(), page.services(), page.workEnded());
        Interpreter[] made = new Interpreter[1];
        Supplier<String> target = () -> made[0] == null ? null : made[0].currentTarget;
        InterpreterHost host = new InterpreterHost(type, inWorker, config.asMap(), target, services);
        // an inline config names URLs as the page does: they stay as written (a link's href too)
        host.paths(page.siteRoot(), config.configUrl().isPresent() ? page.resources().forConfig(config) : null);
        PackageAccess packages = new PackageAccess(config, page, prepared.fileSystem()); // py_import
        host.packages(packages);
        host.routing(prepared.routing());
        StorageAccess storage = new StorageAccess(page.siteRoot(), page.services().storage());
        host.storage(storage);
        MountAccess mounts = new MountAccess(page.siteRoot(), page.resources().pageName(), prepared.fileSystem(),
                page.chooser());
        host.mounts(mounts);
        PythonHost forwarding = (callable, args) -> made[0].callFromJs(callable, args);
        JsAccess js = new JsAccess(realm, forwarding, type, config.asMap());
        PythonSide python = prepared.modules().load("_pydesk", PyDeskModule.class).bind(host, js,
                context.asValue(JsAccess.objectClass()), context.asValue(JsAccess.callbackClass()),
                pageFolder.toString());
        js.attach(python);
        Timing.mark(type + " interpreter: bound to the page" + (inWorker ? " (" + workerLabel + ")" : ""));
        made[0] = new Interpreter(type, inWorker, owner, prepared, page.watchdog(), page.errors(), python, js,
                services, page.listeningSockets());
        services.attach(made[0]);
        packages.attach(made[0]);
        storage.attach(made[0]);
        mounts.attach(made[0]);
        made[0].onClose(storage::close);
        workers.attach(made[0]);
        return made[0];
    }

    /** {@code plugins = ["!error"]}: PyScript then shows no banner for what Python writes to stderr. */
    private static boolean errorPluginOff(PageConfig config) {
        return config.get("plugins").orElse(null) instanceof List<?> plugins && plugins.contains("!error");
    }

    /** Makes the page's {@code py-*} (or {@code mpy-*}) attributes call functions of this interpreter. */
    public void wireEventAttributes(JsRealm realm) {
        Value dispatcher = guarded(type, () ->
                modules.load("_pydesk.event_attributes", EventAttributesModule.class).dispatcher());
        if (dispatcher != null) realm.wireEventAttributes(type, dispatcher);
    }

    public String type() {
        return type;
    }

    /**
     * Runs one script in the interpreter's global namespace. Completes with true when it finished without an
     * uncaught exception (an error has been reported, console and banner, otherwise); a script with top-level
     * {@code await} completes when its task does.
     */
    public CompletableFuture<Boolean> run(String code, String fileName, String scriptId, String targetId) {
        return run(code, fileName, scriptId, targetId, true);
    }

    /** As {@link #run(String, String, String, String)}; {@code allowAwait} false for {@code async="false"}. */
    public CompletableFuture<Boolean> run(String code, String fileName, String scriptId, String targetId,
                                          boolean allowAwait) {
        if (closed) {
            errors.pageError(scriptId, StopMessages.closedInterpreter(scriptId, type));
            return CompletableFuture.completedFuture(false);
        }
        routing.source(scriptId);
        currentTarget = targetId;
        String dedented = Dedent.of(code);
        return outcome(outcome -> runner.run(dedented, fileName, allowAwait, outcome), scriptId);
    }

    /** Loads the config's {@code [js_modules]}; completes with true when they loaded (else reported). */
    public CompletableFuture<Boolean> loadJsModules() {
        return outcome(outcome -> modules.load("_pydesk.js_modules", JsModulesModule.class)
                .load(outcome), routing.source());
    }

    /** Starts Python work that tells a ScriptOutcome how it ended; its failure is the page's error. */
    private CompletableFuture<Boolean> outcome(Consumer<ScriptOutcome> start, String source) {
        ScriptOutcome outcome = new ScriptOutcome();
        awaiting.add(outcome);
        CompletableFuture<Boolean> done = outcome.ended().handle((ok, failure) -> {
            awaiting.remove(outcome);
            if (failure instanceof PythonException error && !closed) errors.pageError(routing.source(), error.traceback());
            services.workEnded();
            return failure == null;
        });
        Boolean started = guarded(source, () -> {
            start.accept(outcome);
            return Boolean.TRUE;
        });
        if (started == null) outcome.abandon(); // PyDesk's own failure (reported) or a stopped interpreter
        return done;
    }

    /** An error outside any script run (a task, a handler): console and banner. */
    void reportError(String text) {
        if (!closed) errors.pageError(routing.source(), text);
    }

    /** Work that keeps the interpreter busy (a request, a call into a worker) started / ended. */
    public void started() {
        inFlight.incrementAndGet();
    }

    public void ended() {
        inFlight.decrementAndGet();
        services.workEnded();
    }

    /** Runs work on the interpreter's own thread. */
    public void execute(Runnable work) {
        if (!closed) owner.execute(work);
    }

    boolean isWorker() {
        return worker;
    }

    public boolean isClosed() {
        return closed;
    }

    String source() {
        return routing.source();
    }

    /** What the bridge asks of this interpreter's Python: here, raising Python exceptions for Java's answers. */
    public PythonSide python() {
        return python;
    }

    /** The interpreter's file system: the page's folder, its scratch folder, installed packages. */
    ScopedFileSystem fileSystem() {
        return fileSystem;
    }

    /** Timers, awaiting scripts: work this interpreter still has to do (headless mode waits for it). */
    public int pendingWork() {
        return services.scheduler().pending() + awaiting.size() + inFlight.get();
    }

    /** Calls a Python callable (timers, answers to fetch, WebSockets, workers), guarded; its errors are reported. */
    public void callPython(Value callable, Object... args) {
        if (closed) return;
        guarded(routing.source(), () -> caller.execute(prepend(callable, args)));
    }

    /** Puts installed package folders on {@code sys.path}. Interpreter's thread. */
    void addPackagePaths(List<String> folders) {
        guarded(routing.source(), () -> {
            modules.load("_pydesk.packages", PackagesModule.class)
                    .add(ProxyArray.fromList(List.copyOf(folders)));
            return null;
        });
    }

    /** {@code _pydesk.workers} of this interpreter. Interpreter's thread. */
    public WorkerCallsModule workerCalls() {
        if (workerCalls == null) workerCalls = modules.load("_pydesk.workers", WorkerCallsModule.class);
        return workerCalls;
    }

    /**
     * Runs guarded work on workers' plumbing ({@link #workerCalls()}); false when it failed (reported as PyDesk's
     * own error, as for any entry into Python).
     */
    public boolean guardedCall(Runnable work) {
        return guarded(routing.source(), () -> {
            work.run();
            return Boolean.TRUE;
        }) != null;
    }

    /** What the inspector's REPL shows for one input: the value's repr ("" for a statement), or a traceback. */
    public record ReplAnswer(boolean ok, String text) {}

    /**
     * Runs REPL input in the interpreter's global namespace; its prints go to the console stream as
     * {@code TYPE repl}. Never reports to the page's error banner. Main-thread interpreters: FX thread.
     * {@code selection} is what {@code $0} reads: the element selected in the inspector, or null.
     */
    public ReplAnswer repl(String code, JsRef selection) {
        String before = routing.source();
        routing.source(type + " repl");
        try {
            ReplAnswer answer = guarded(type + " repl", () -> {
                ReplModule.Answer a = repl().run(code, js.wrap(selection));
                return new ReplAnswer(a.ok(), a.text());
            });
            return answer == null ? new ReplAnswer(false, "PyDesk could not run this input") : answer;
        } finally {
            routing.source(before);
        }
    }

    /** Completions of a name or dotted path for the REPL's Tab key. */
    public List<String> complete(String text) {
        List<String> answer = guarded(type + " repl", () -> List.copyOf(repl().complete(text)));
        return answer == null ? List.of() : answer;
    }

    private ReplModule repl() {
        if (repl == null) repl = modules.load("_pydesk.repl", ReplModule.class);
        return repl;
    }

    /**
     * JavaScript calls a Python callable (an event handler, a proxy). On the page's main thread it runs now and its
     * result goes back to JavaScript; a worker's callable is queued on the worker's thread and JavaScript gets
     * {@code undefined} (the FX thread never waits for a worker, so the two can never deadlock).
     */
    @Override
    public Value callFromJs(Value callable, Object[] args) {
        if (worker) {
            // through callFromJs as on the main thread: an `async def` handler's coroutine runs as a task
            execute(() -> {
                if (!closed) guarded(routing.source(), () -> jsCaller.execute(prepend(callable, args)));
            });
            return null;
        }
        if (closed) return null;
        return guarded(routing.source(), () -> jsCaller.execute(prepend(callable, args)));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private <T> T guarded(String source, Supplier<T> work) {
        if (closed) return null;
        boolean outermost = depth++ == 0;
        boolean sockets = PageSocketGuard.enter(listeningSockets);
        if (outermost) watchdog.started(context, source);
        try {
            return work.get();
        } catch (PolyglotException e) {
            // the page load this interpreter belongs to is over (reloaded, left): nobody is left to tell
            if (e.isHostException() && e.asHostException() instanceof PageGoneException) return null;
            if (!closed) failed(source, e);
            return null;
        } catch (PageGoneException gone) {
            return null;
        } catch (IllegalStateException e) {
            // The watchdog cancelled and closed the context under this run: reported by the frame that saw it.
            if (!closed && watchdog.stopOf(context) == null) errors.pageError(source, StopMessages.hostFailure(source, e.getMessage()));
            if (watchdog.stopOf(context) == Watchdog.Stop.CANCELLED) contextGone();
            return null;
        } finally {
            depth--;
            if (outermost) {
                watchdog.finished(context);
                routing.endLines();
            }
            PageSocketGuard.leave(sockets);
        }
    }

    /** Python did not end the ordinary way (the runner reports Python's own exceptions as tracebacks). */
    private void failed(String source, PolyglotException e) {
        Watchdog.Stop stop = watchdog.stopOf(context);
        if (stop != null || e.isInterrupted() || e.isCancelled()) {
            if (e.isCancelled()) stop = Watchdog.Stop.CANCELLED;
            if (watchdog.claimReport(context)) {
                errors.pageError(source, StopMessages.stopped(source, watchdog.limit(), stop, type));
            }
            if (stop == Watchdog.Stop.CANCELLED) contextGone();
        } else if (e.isExit()) {
            errors.pageError(source, StopMessages.exited(source, type));
            contextGone();
        } else {
            errors.pageError(source, StopMessages.hostFailure(source, e.getMessage()));
        }
    }

    /** The context is gone (cancelled, exited): the interpreter refuses further work, and lets go of the page. */
    private void contextGone() {
        if (closed) return;
        closed = true;
        releaseAll();
        services.close();
        awaiting.forEach(ScriptOutcome::abandon);
        fileSystem.discard();
    }

    /** Runs {@code release} when the interpreter closes (stores it opened, folders it mounted). */
    void onClose(Runnable release) {
        closing.add(release);
    }

    private void releaseAll() {
        List<Runnable> releases = List.copyOf(closing);
        closing.clear(); // once: a context that is gone is closed later too
        for (Runnable release : releases) {
            try {
                release.run();
            } catch (RuntimeException e) {
                errors.pageError(routing.source(), "PyDesk could not release a resource of " + routing.source()
                        + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        releaseAll();
        services.close();
        awaiting.forEach(ScriptOutcome::abandon);
        try {
            context.close(true);
        } catch (IllegalStateException alreadyClosed) {
            // the watchdog cancelled it, or Python exited it
        }
        fileSystem.discard(); // the scratch folder dies with the interpreter
    }
}
