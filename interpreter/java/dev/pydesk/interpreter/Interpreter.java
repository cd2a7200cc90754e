package dev.pydesk.interpreter;

import dev.pydesk.bridge.JsAccess;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.PythonHost;
import dev.pydesk.bridge.Timing;
import dev.pydesk.interpreter.config.PageConfig;
import dev.pydesk.bridge.FxThread;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One GraalPy interpreter of a page: all main-thread {@code py} scripts share one, all {@code mpy} scripts another
 * (separate namespaces, as in PyScript), each worker has its own. Used by one thread at a time: main-thread
 * interpreters only on the FX thread. Every entry into Python is guarded by the watchdog and reports its errors.
 */
public final class Interpreter implements PythonHost, AutoCloseable {
    private final String type;
    private final boolean worker;
    private final Executor owner;
    private final Context context;
    private final ConsoleRouting routing;
    private final Watchdog watchdog;
    private final ErrorSink errors;
    private final Value runner;
    private final Value caller;
    private final HostServices services;
    private final ScopedFileSystem fileSystem;
    private final Map<Integer, CompletableFuture<Boolean>> awaiting = new ConcurrentHashMap<>();
    private final Map<String, Value> functions = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Runnable> closing = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String currentTarget;
    private volatile boolean closed;
    private int depth;

    private Interpreter(String type, boolean worker, Executor owner, PythonRuntime.PreparedContext prepared,
                        Watchdog watchdog, ErrorSink errors, Value runner, Value caller, HostServices services) {
        this.type = type;
        this.worker = worker;
        this.owner = owner;
        this.services = services;
        this.context = prepared.context();
        this.routing = prepared.routing();
        this.fileSystem = prepared.fileSystem();
        this.watchdog = watchdog;
        this.errors = errors;
        this.runner = runner;
        this.caller = caller;
    }

    /** Binds a prepared context to a page as one of its main-thread interpreters. FX thread. */
    static Interpreter bind(PythonRuntime.PreparedContext prepared, String type, PageConfig config,
                            PageEnvironment page, PageWorkers workers) {
        return bind(prepared, type, config, page, FxThread::later, workers, null);
    }

    /**
     * Binds a prepared context to a page. Runs on the thread that will own the interpreter; {@code owner} runs work
     * on that thread. {@code self} is the worker this interpreter runs, null for the page's main thread.
     */
    static Interpreter bind(PythonRuntime.PreparedContext prepared, String type, PageConfig config,
                            PageEnvironment page, Executor owner, PageWorkers workers, PageWorker self) {
        JsRealm realm = page.realm();
        Path pageFolder = page.pageFolder();
        prepared.fileSystem().setRoot(page.siteRoot(), pageFolder);
        prepared.fileSystem().onRefused(page.resources()::refuseFile);
        prepared.routing().bind(page.console());
        if (self == null && !errorPluginOff(config)) prepared.routing().stderrBanner(page.errors());
        prepared.routing().source(self == null ? type : self.label());
        Context context = prepared.context();
        WorkerAccess workerAccess = new WorkerAccess(workers, self);
        HostServices services = new HostServices(owner, new Fetcher(page.resources()), workerAccess,
                page.network());
        Interpreter[] made = new Interpreter[1];
        Supplier<String> target = () -> made[0] == null ? null : made[0].currentTarget;
        InterpreterHost host = new InterpreterHost(type, self != null, PythonLiteral.of(config.asMap()), target,
                services);
        // an inline config names URLs as the page does: they stay as written (a link's href too)
        host.paths(page.siteRoot(), config.configUrl().isPresent() ? page.resources().forConfig(config) : null);
        PackageAccess packages = new PackageAccess(config, page, prepared.fileSystem()); // py_import
        host.packages(packages);
        StorageAccess storage = new StorageAccess(page.siteRoot());
        host.storage(storage);
        MountAccess mounts = new MountAccess(page.siteRoot(), page.resources().pageName(), prepared.fileSystem(),
                page.chooser());
        host.mounts(mounts);
        PythonHost forwarding = (callable, args) -> made[0].callFromJs(callable, args);
        Value pydesk = context.eval("python", "import _pydesk\n_pydesk");
        pydesk.getMember("bind").execute(host, new JsAccess(realm, forwarding));
        Value runnerModule = context.eval("python", "import _pydesk.runner\n_pydesk.runner");
        // the page's folder is the working folder and on sys.path, as /home/pyodide is in PyScript
        context.eval("python", "import os, sys\nos.chdir(" + PythonLiteral.string(pageFolder.toString())
                + ")\nsys.path.insert(0, os.getcwd())\ndel os, sys");
        Timing.mark(type + " interpreter: bound to the page" + (self == null ? "" : " (" + self.label() + ")"));
        made[0] = new Interpreter(type, self != null, owner, prepared, page.watchdog(), page.errors(),
                runnerModule.getMember("run"), runnerModule.getMember("call"), services);
        services.attach(made[0]);
        packages.attach(made[0]);
        storage.attach(made[0]);
        mounts.attach(made[0]);
        made[0].onClose(storage::close);
        workerAccess.attach(made[0]);
        return made[0];
    }

    /** {@code plugins = ["!error"]}: PyScript then shows no banner for what Python writes to stderr. */
    private static boolean errorPluginOff(PageConfig config) {
        return config.get("plugins").orElse(null) instanceof List<?> plugins && plugins.contains("!error");
    }

    /** Makes the page's {@code py-*} (or {@code mpy-*}) attributes call functions of this interpreter. */
    void wireEventAttributes(JsRealm realm) {
        Value dispatcher = guarded(type, () -> context.eval("python",
                "import _pydesk.event_attributes\n_pydesk.event_attributes.dispatcher()"));
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
        routing.source(scriptId);
        currentTarget = targetId;
        String dedented = Dedent.of(code);
        int token = tokens.incrementAndGet();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        awaiting.put(token, done);
        Value result = guarded(scriptId, () -> runner.execute(dedented, fileName, token, allowAwait));
        if (result == null) {
            finished(token, null, false);
        } else if (result.isBoolean()) {
            return done; // awaiting: the runner calls scriptFinished(token, ...) when the task ends
        } else {
            finished(token, result.isNull() ? null : result.asString(), true);
        }
        return done;
    }

    void finished(int token, String traceback) {
        finished(token, traceback, true);
    }

    /** An error outside any script run (a task, a handler): console and banner. */
    void reportError(String text) {
        if (!closed) errors.pageError(routing.source(), text);
    }

    /** Work that keeps the interpreter busy (a request, a call into a worker) started / ended. */
    void started() {
        inFlight.incrementAndGet();
    }

    void ended() {
        inFlight.decrementAndGet();
    }

    /** Runs work on the interpreter's own thread. */
    void execute(Runnable work) {
        if (!closed) owner.execute(work);
    }

    boolean isWorker() {
        return worker;
    }

    boolean isClosed() {
        return closed;
    }

    String source() {
        return routing.source();
    }

    /** The interpreter's file system: the page's folder, its scratch folder, installed packages. */
    ScopedFileSystem fileSystem() {
        return fileSystem;
    }

    /** A function of PyDesk's Python package in this interpreter ("module.name"), e.g. for workers' plumbing. */
    Value function(String module, String name) {
        return functions.computeIfAbsent(module + "." + name,
                key -> context.eval("python", "import " + module + "\n" + key));
    }

    private void finished(int token, String traceback, boolean ok) {
        CompletableFuture<Boolean> done = awaiting.remove(token);
        if (traceback != null && !closed) errors.pageError(routing.source(), traceback);
        if (done != null) done.complete(ok && traceback == null);
    }

    /** Timers, awaiting scripts: work this interpreter still has to do (headless mode waits for it). */
    public int pendingWork() {
        return services.scheduler().pending() + awaiting.size() + inFlight.get();
    }

    /** Runs a Python callable from the event loop, guarded and with its errors reported. */
    void callPython(Value callable, Object... args) {
        if (closed) return;
        Object[] all = new Object[args.length + 1];
        all[0] = callable;
        System.arraycopy(args, 0, all, 1, args.length);
        Value pair = guarded(routing.source(), () -> caller.execute(all));
        if (pair != null && !pair.getArrayElement(1).isNull() && !closed) {
            errors.pageError(routing.source(), pair.getArrayElement(1).asString());
        }
    }

    /** What the inspector's REPL shows for one input: the value's repr ("" for a statement), or a traceback. */
    public record ReplAnswer(boolean ok, String text) {}

    /**
     * Runs REPL input in the interpreter's global namespace; its prints go to the console stream as
     * {@code TYPE repl}. Never reports to the page's error banner. Main-thread interpreters: FX thread.
     * {@code selection} is what {@code $0} reads: the element selected in the inspector (a {@code JsRef}), or null.
     */
    public ReplAnswer repl(String code, Object selection) {
        String before = routing.source();
        routing.source(type + " repl");
        try {
            Value answer = guarded(type + " repl", () -> function("_pydesk.repl", "run").execute(code, selection));
            if (answer == null) return new ReplAnswer(false, "PyDesk could not run this input");
            String text = answer.asString();
            return new ReplAnswer(text.startsWith("1"), text.substring(1));
        } finally {
            routing.source(before);
        }
    }

    /** Completions of a name or dotted path for the REPL's Tab key. */
    public List<String> complete(String text) {
        Value answer = guarded(type + " repl", () -> function("_pydesk.repl", "complete").execute(text));
        if (answer == null || answer.asString().isEmpty()) return List.of();
        return List.of(answer.asString().split("\n"));
    }

    /** Evaluates one expression or statement for tools (REPL, tests); returns its repr or the traceback. */
    public String evaluate(String code) {
        Value result = guarded(type, () -> context.eval("python", code));
        return result == null ? null : result.toString();
    }

    /**
     * JavaScript calls a Python callable (an event handler, a proxy). On the page's main thread it runs now and its
     * result goes back to JavaScript; a worker's callable is queued on the worker's thread and JavaScript gets
     * {@code undefined} (the FX thread never waits for a worker, so the two can never deadlock).
     */
    @Override
    public Value callFromJs(Value callable, Object[] args) {
        if (worker) {
            execute(() -> callPython(callable, args));
            return null;
        }
        return invoke(callable, args);
    }

    /** Calls a Python callable on this interpreter's thread: its result, or null when it raised (reported). */
    Value invoke(Value callable, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = callable;
        System.arraycopy(args, 0, all, 1, args.length);
        Value pair = guarded(routing.source(), () -> caller.execute(all));
        if (pair == null) return null;
        Value traceback = pair.getArrayElement(1);
        if (!traceback.isNull()) {
            if (!closed) errors.pageError(routing.source(), traceback.asString());
            return null;
        }
        return pair.getArrayElement(0);
    }

    private Value guarded(String source, Supplier<Value> work) {
        boolean outermost = depth++ == 0;
        if (outermost) watchdog.started(context);
        try {
            return work.get();
        } catch (PolyglotException e) {
            if (closed) return null;
            boolean timedOut = outermost && watchdog.finished(context);
            outermost = false;
            if (timedOut || e.isInterrupted() || e.isCancelled()) {
                errors.pageError(source, "RuntimeError: " + source + " ran longer than " + watchdog.limit().toSeconds()
                        + " s and was stopped. Raise the limit with --script-timeout, or move long work into a worker.");
            } else {
                errors.pageError(source, "PyDesk internal error while running " + source + ": " + e.getMessage());
            }
            return null;
        } finally {
            depth--;
            if (outermost) watchdog.finished(context);
        }
    }

    /** Runs {@code release} when the interpreter closes (stores it opened, folders it mounted). */
    void onClose(Runnable release) {
        closing.add(release);
    }

    @Override
    public void close() {
        closed = true;
        for (Runnable release : closing) {
            try {
                release.run();
            } catch (RuntimeException e) {
                errors.pageError(routing.source(), "PyDesk could not release a resource of " + routing.source()
                        + ": " + e.getMessage());
            }
        }
        services.close();
        awaiting.values().forEach(done -> done.complete(false));
        context.close(true);
        fileSystem.discard(); // the scratch folder dies with the interpreter
    }
}
