package dev.pydesk.interpreter;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.JsAccess;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.PythonHost;
import dev.pydesk.bridge.Timing;
import dev.pydesk.interpreter.config.PageConfig;
import java.nio.file.Path;
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
    private volatile String currentTarget;
    private int depth;

    private Interpreter(String type, PythonRuntime.PreparedContext prepared, Watchdog watchdog, ErrorSink errors,
                       Value runner, Value caller) {
        this.type = type;
        this.context = prepared.context();
        this.routing = prepared.routing();
        this.watchdog = watchdog;
        this.errors = errors;
        this.runner = runner;
        this.caller = caller;
    }

    /** Binds a prepared context to a page. Runs on the thread that will own the interpreter. */
    static Interpreter bind(PythonRuntime.PreparedContext prepared, String type, boolean worker, JsRealm realm,
                            PageConfig config, Path pageFolder, ConsoleBus bus, Watchdog watchdog, ErrorSink errors) {
        prepared.fileSystem().setRoot(pageFolder);
        prepared.routing().bind(bus);
        prepared.routing().source(type);
        Context context = prepared.context();
        Interpreter[] self = new Interpreter[1];
        Supplier<String> target = () -> self[0] == null ? null : self[0].currentTarget;
        InterpreterHost host = new InterpreterHost(type, worker, PythonLiteral.of(config.asMap()), target);
        PythonHost forwarding = (callable, args) -> self[0].callFromJs(callable, args);
        Value pydesk = context.eval("python", "import _pydesk\n_pydesk");
        pydesk.getMember("bind").execute(host, new JsAccess(realm, forwarding));
        Value runnerModule = context.eval("python", "import _pydesk.runner\n_pydesk.runner");
        context.eval("python", "import os\nos.chdir(" + PythonLiteral.string(pageFolder.toString()) + ")\ndel os");
        Timing.mark(type + " interpreter: bound to the page");
        self[0] = new Interpreter(type, prepared, watchdog, errors, runnerModule.getMember("run"),
                runnerModule.getMember("call"));
        return self[0];
    }

    public String type() {
        return type;
    }

    /**
     * Runs one script in the interpreter's global namespace. Returns true when it finished without an uncaught
     * exception; an error has been reported (console and banner) otherwise.
     */
    public boolean run(String code, String fileName, String scriptId, String targetId) {
        routing.source(scriptId);
        currentTarget = targetId;
        String dedented = Dedent.of(code);
        Value traceback = guarded(scriptId, () -> runner.execute(dedented, fileName, targetId));
        if (traceback == null) return false;
        if (!traceback.isNull()) {
            errors.pageError(scriptId, traceback.asString());
            return false;
        }
        return true;
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
        context.close(true);
    }
}
