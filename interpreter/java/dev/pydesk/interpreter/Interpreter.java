package dev.pydesk.interpreter;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.JsAccess;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.PythonHost;
import dev.pydesk.bridge.Timing;
import dev.pydesk.bridge.WebSockets;
import dev.pydesk.interpreter.config.PageConfig;
import dev.pydesk.bridge.FxThread;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    private final Context context;
    private final ConsoleRouting routing;
    private final Watchdog watchdog;
    private final ErrorSink errors;
    private final Value runner;
    private final Value caller;
    private final Scheduler scheduler;
    private final WebSockets sockets;
    private final Map<Integer, CompletableFuture<Boolean>> awaiting = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile String currentTarget;
    private int depth;

    private Interpreter(String type, PythonRuntime.PreparedContext prepared, Watchdog watchdog, ErrorSink errors,
                        Value runner, Value caller, Scheduler scheduler, WebSockets sockets) {
        this.type = type;
        this.sockets = sockets;
        this.scheduler = scheduler;
        this.context = prepared.context();
        this.routing = prepared.routing();
        this.watchdog = watchdog;
        this.errors = errors;
        this.runner = runner;
        this.caller = caller;
    }

    /** Binds a prepared context to a page. Runs on the thread that will own the interpreter. */
    static Interpreter bind(PythonRuntime.PreparedContext prepared, String type, boolean worker, PageConfig config,
                            PageEnvironment page) {
        JsRealm realm = page.realm();
        Path pageFolder = page.pageFolder();
        ConsoleBus bus = page.console();
        Watchdog watchdog = page.watchdog();
        ErrorSink errors = page.errors();
        Fetcher fetcher = new Fetcher(page.resources());
        WebSockets sockets = new WebSockets(FxThread::later);
        prepared.fileSystem().setRoot(pageFolder);
        prepared.routing().bind(bus);
        prepared.routing().source(type);
        Context context = prepared.context();
        Interpreter[] self = new Interpreter[1];
        Supplier<String> target = () -> self[0] == null ? null : self[0].currentTarget;
        Scheduler scheduler = new Scheduler(FxThread::later);
        InterpreterHost host = new InterpreterHost(type, worker, PythonLiteral.of(config.asMap()), target,
                new InterpreterHost.LoopServices() {
                    @Override
                    public long schedule(double delayMillis, Value callback) {
                        return scheduler.schedule(delayMillis, () -> self[0].callPython(callback));
                    }

                    @Override
                    public void cancel(long timer) {
                        scheduler.cancel(timer);
                    }

                    @Override
                    public void scriptFinished(int token, String traceback) {
                        self[0].finished(token, traceback);
                    }

                    @Override
                    public void reportError(String text) {
                        errors.pageError(self[0].routing.source(), text);
                    }

                    @Override
                    public void fetch(String url, String method, List<String> headers, byte[] body, Value callback) {
                        self[0].inFlight.incrementAndGet();
                        fetcher.fetch(url, method, headers, body, result -> FxThread.later(() -> {
                            self[0].inFlight.decrementAndGet();
                            self[0].callPython(callback, result.status(), result.statusText(), result.url(),
                                    String.join("\n", result.headers()),
                                    new String(result.body(), StandardCharsets.ISO_8859_1), result.errorType(),
                                    result.error());
                        }));
                    }

                    @Override
                    public int openWebSocket(String url, List<String> protocols, Value callback) {
                        return sockets.open(url, protocols, new WebSockets.Listener() {
                            @Override
                            public void onOpen(String protocol, String extensions) {
                                self[0].callPython(callback, "open", protocol, extensions, null);
                            }

                            @Override
                            public void onMessage(String data, boolean binary) {
                                self[0].callPython(callback, "message", data, binary, null);
                            }

                            @Override
                            public void onError(String message) {
                                self[0].callPython(callback, "error", message, null, null);
                            }

                            @Override
                            public void onClose(int code, String reason, boolean wasClean) {
                                self[0].callPython(callback, "close", code, reason, wasClean);
                            }
                        });
                    }

                    @Override
                    public WebSockets webSockets() {
                        return sockets;
                    }
                });
        PythonHost forwarding = (callable, args) -> self[0].callFromJs(callable, args);
        Value pydesk = context.eval("python", "import _pydesk\n_pydesk");
        pydesk.getMember("bind").execute(host, new JsAccess(realm, forwarding));
        Value runnerModule = context.eval("python", "import _pydesk.runner\n_pydesk.runner");
        context.eval("python", "import os\nos.chdir(" + PythonLiteral.string(pageFolder.toString()) + ")\ndel os");
        Timing.mark(type + " interpreter: bound to the page");
        self[0] = new Interpreter(type, prepared, watchdog, errors, runnerModule.getMember("run"),
                runnerModule.getMember("call"), scheduler, sockets);
        return self[0];
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

    private void finished(int token, String traceback) {
        finished(token, traceback, true);
    }

    private void finished(int token, String traceback, boolean ok) {
        CompletableFuture<Boolean> done = awaiting.remove(token);
        if (traceback != null) errors.pageError(routing.source(), traceback);
        if (done != null) done.complete(ok && traceback == null);
    }

    /** Timers, awaiting scripts: work this interpreter still has to do (headless mode waits for it). */
    public int pendingWork() {
        return scheduler.pending() + awaiting.size() + inFlight.get();
    }

    /** Runs a Python callable from the event loop, guarded and with its errors reported. */
    void callPython(Value callable, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = callable;
        System.arraycopy(args, 0, all, 1, args.length);
        Value pair = guarded(routing.source(), () -> caller.execute(all));
        if (pair != null && !pair.getArrayElement(1).isNull()) {
            errors.pageError(routing.source(), pair.getArrayElement(1).asString());
        }
    }

    /** Evaluates one expression or statement for tools (REPL, tests); returns its repr or the traceback. */
    public String evaluate(String code) {
        Value result = guarded(type, () -> context.eval("python", code));
        return result == null ? null : result.toString();
    }

    @Override
    public Value callFromJs(Value callable, Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = callable;
        System.arraycopy(args, 0, all, 1, args.length);
        Value pair = guarded(routing.source(), () -> caller.execute(all));
        if (pair == null) return null;
        Value traceback = pair.getArrayElement(1);
        if (!traceback.isNull()) {
            errors.pageError(routing.source(), traceback.asString());
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

    @Override
    public void close() {
        scheduler.close();
        sockets.close();
        awaiting.values().forEach(done -> done.complete(false));
        context.close(true);
    }
}
