package dev.pydesk.interpreter.workers;

import dev.pydesk.bridge.Timing;
import dev.pydesk.interpreter.config.PageConfig;
import dev.pydesk.interpreter.python.ErrorSink;
import dev.pydesk.interpreter.python.Failures;
import dev.pydesk.interpreter.python.Interpreter;
import dev.pydesk.interpreter.python.Packages;
import dev.pydesk.interpreter.python.PageEnvironment;
import dev.pydesk.interpreter.python.PythonRuntime;
import dev.pydesk.interpreter.python.Reply;
import dev.pydesk.interpreter.python.SyncAnswer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Value;

/**
 * One worker of a page: a GraalPy interpreter of its own on a {@link WorkerThread}. Its {@code window} and
 * {@code document} reach the page through the same bridge as main-thread Python (each access runs on the FX thread
 * and waits); other interpreters call the functions it exports and it calls their {@code sync} handlers, with only
 * marshalled plain values crossing (contexts never share objects).
 */
public final class PageWorker {
    /** What the inspector shows of a worker. */
    public enum State { STARTING, RUNNING, READY, FAILED, STOPPED }

    private final int id;
    private final String type;
    private final String name;
    private final String label;
    private final String scriptId;
    private final WorkerThread thread;
    private final ErrorSink errors;
    private final CompletableFuture<List<String>> ready = new CompletableFuture<>();
    private final Map<String, SyncHandler> syncHandlers = new ConcurrentHashMap<>();
    private final Set<Runnable> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Interpreter interpreter;
    private volatile Lifecycle lifecycle = Lifecycle.NONE;
    private volatile State state = State.STARTING;
    private volatile Runnable stateChanged = () -> { };

    private record SyncHandler(Interpreter owner, Value handler) {}

    /**
     * Told (on the worker's thread) when the worker's interpreter is ready to run its script, right before and after
     * it runs (PyScript's worker hooks; the worker waits for them), and when it ran it.
     */
    public interface Lifecycle {
        Lifecycle NONE = new Lifecycle() {};

        default void ready() {}

        /** Returns the Python to run before and after the script ({@code codeBeforeRun}, {@code codeAfterRun}). */
        default HookCode beforeRun() {
            return HookCode.NONE;
        }

        default void afterRun() {}

        default void done() {}
    }

    /** Python that plugins run around a worker's script; "" for none. */
    public record HookCode(String before, String after) {
        public static final HookCode NONE = new HookCode("", "");
    }

    void lifecycle(Lifecycle listener) {
        this.lifecycle = listener;
    }

    /** Told (on whichever thread changed it) after each change of {@link #state()}. */
    void onStateChange(Runnable listener) {
        this.stateChanged = listener;
    }

    private void state(State next) {
        if (state == next) return;
        state = next;
        stateChanged.run();
    }

    PageWorker(int id, String type, String name, String label, String scriptId, ErrorSink errors) {
        this.id = id;
        this.type = type;
        this.name = name;
        this.label = label;
        this.scriptId = scriptId;
        this.errors = errors;
        this.thread = new WorkerThread(label, errors);
    }

    public int id() {
        return id;
    }

    /** {@code py} or {@code mpy}. */
    public String type() {
        return type;
    }

    /** The {@code name} of a named worker, or null. */
    public String name() {
        return name;
    }

    /** How the console and errors name the worker: {@code worker w.py}, {@code worker calc}. */
    public String label() {
        return label;
    }

    public State state() {
        return state;
    }

    /** The id PyScript gives the worker's script ({@code current_target()} in the worker), or null. */
    String scriptId() {
        return scriptId;
    }

    Interpreter interpreter() {
        return interpreter;
    }

    /** Binds a context on the worker's thread and runs the worker's code there. */
    void start(CompletableFuture<PythonRuntime.PreparedContext> context, CompletableFuture<String> source,
               String fileName, PageConfig config, PageEnvironment page, PageWorkers workers) {
        context.thenCombine(source, (prepared, code) -> {
            if (!thread.offer(() -> run(prepared, code, fileName, config, page, workers))) {
                prepared.context().close(true); // stopped before it started
            }
            return null;
        }).exceptionally(failure -> {
            context.thenAccept(unused -> unused.context().close(true));
            fail("could not start: " + Failures.rootMessage(failure));
            return null;
        });
    }

    private void run(PythonRuntime.PreparedContext prepared, String code, String fileName, PageConfig config,
                     PageEnvironment page, PageWorkers workers) {
        if (state == State.STOPPED) {
            prepared.context().close(true);
            return;
        }
        Interpreter bound = Interpreter.bind(prepared, type, config, page, thread, new WorkerAccess(workers, this),
                label());
        interpreter = bound;
        if (state == State.STOPPED) { // stopped while binding
            bound.close();
            return;
        }
        state(State.RUNNING);
        Timing.mark(label + ": running");
        lifecycle.ready();
        // the worker's own config: files and packages first (Packages), then [js_modules]
        CompletableFuture<Boolean> modules = Packages.setUp(bound, config, page).thenCompose(ready ->
                config.get("js_modules").isEmpty() ? CompletableFuture.completedFuture(true) : bound.loadJsModules());
        HookCode[] hooks = {HookCode.NONE};
        modules.thenCompose(loaded -> {
            CompletableFuture<Boolean> script = new CompletableFuture<>();
            thread.execute(() -> {
                hooks[0] = lifecycle.beforeRun(); // outside Python: it waits for the page's thread
                String before = hooks[0].before();
                CompletableFuture<Boolean> hooked = before.isBlank() ? CompletableFuture.completedFuture(true)
                        : bound.run(before, "pyscript-hook", label, scriptId);
                hooked.whenComplete((ready, failure) -> thread.execute(() -> {
                    if (!Boolean.TRUE.equals(ready)) {
                        script.complete(false);
                        return;
                    }
                    bound.run(code, fileName, label, scriptId).whenComplete((ok, error) ->
                            script.complete(Boolean.TRUE.equals(ok)));
                }));
            });
            return script;
        }).thenCompose(ok -> {
            String after = ok ? hooks[0].after() : "";
            if (after.isBlank()) return CompletableFuture.completedFuture(ok);
            CompletableFuture<Boolean> ran = new CompletableFuture<>();
            thread.execute(() -> bound.run(after, "pyscript-hook", label, scriptId).whenComplete((fine, error) ->
                    ran.complete(Boolean.TRUE.equals(fine))));
            return ran;
        }).whenComplete((ok, error) -> thread.execute(() -> {
            if (Boolean.TRUE.equals(ok)) lifecycle.afterRun();
            lifecycle.done();
            if (error != null && Failures.root(error) instanceof Packages.SetupFailed) {
                // as on the main thread (PyScript): the script of a worker whose config cannot be honoured never runs
                fail("its config's packages or files could not be had, so its script did not run (see the errors"
                        + " above): fix the config and reload the page");
                return;
            }
            if (!Boolean.TRUE.equals(ok)) {
                fail("its script failed (see the error above)");
                return;
            }
            java.util.concurrent.atomic.AtomicReference<List<String>> names = new java.util.concurrent.atomic.AtomicReference<>();
            if (!bound.guardedCall(() -> names.set(List.copyOf(bound.workerCalls().exports())))) {
                fail("could not read its __export__ list");
                return;
            }
            Timing.mark(label + ": ready");
            ready.complete(names.get());
            state(State.READY);
        }));
    }

    private void fail(String why) {
        ready.completeExceptionally(new IllegalStateException(label + " is not available: " + why));
        if (state != State.STOPPED) state(State.FAILED);
    }

    /** Completes with the names the worker exports once its script has run; fails when it failed or stopped. */
    CompletableFuture<List<String>> ready() {
        return ready;
    }

    /**
     * Calls an exported function (or a function the worker put on its {@code sync}) with marshalled arguments; the
     * reply reaches {@code caller} on the caller's own thread.
     */
    void call(Interpreter caller, String function, String arguments, Value callback) {
        caller.started();
        calls.incrementAndGet();
        Runnable[] pending = new Runnable[1];
        Reply reply = new Reply(outcome -> {
            unanswered.remove(pending[0]);
            calls.decrementAndGet();
            caller.execute(() -> {
                caller.ended();
                caller.callPython(callback, outcome.payload(), outcome.failure());
            });
        });
        pending[0] = () -> reply.refuse("WorkerError", label + " was stopped before it answered " + function + "()");
        unanswered.add(pending[0]);
        ready.whenComplete((exports, failure) -> {
            if (failure != null) {
                reply.refuse("WorkerError", Failures.rootMessage(failure));
            } else {
                thread.execute(() -> {
                    Interpreter worker = interpreter;
                    if (!worker.guardedCall(() -> worker.workerCalls().callExport(function, arguments, reply))) {
                        reply.refuse("WorkerError", function + "() failed in " + label + " (see the error above)");
                    }
                });
            }
        });
    }

    /** Registers a function of {@code owner} (a main-thread interpreter) that the worker calls with {@code sync}. */
    void setSync(Interpreter owner, String name, Value handler) {
        syncHandlers.put(name, new SyncHandler(owner, handler));
    }

    /**
     * The worker calls a {@code sync} handler: runs it on its owner's thread and waits for the answer. Worker
     * thread only.
     */
    SyncAnswer syncCall(String function, String arguments) {
        SyncHandler handler = syncHandlers.get(function);
        if (handler == null) {
            return SyncAnswer.failed("AttributeError", "the main thread gave " + label + " no sync function "
                    + function + "(): set it with worker.sync." + function + " = a_function");
        }
        Interpreter owner = handler.owner();
        if (owner.isClosed()) return SyncAnswer.failed("RuntimeError", "the page that owned sync." + function + " is gone");
        CompletableFuture<Reply.Outcome> answer = new CompletableFuture<>();
        Runnable cancel = () -> answer.complete(Reply.Outcome.failed("RuntimeError", label + " was stopped"));
        unanswered.add(cancel);
        Reply reply = new Reply(answer::complete);
        owner.execute(() -> {
            if (!owner.guardedCall(() -> owner.workerCalls().runSync(handler.handler(), arguments, reply))) {
                reply.refuse("RuntimeError", "sync." + function + "() failed on the main thread");
            }
        });
        try {
            Reply.Outcome outcome = answer.get();
            return new SyncAnswer(outcome.payload(), outcome.failure());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SyncAnswer.failed("RuntimeError", label + " was stopped");
        } catch (ExecutionException e) {
            return SyncAnswer.failed("RuntimeError", String.valueOf(e.getCause()));
        } finally {
            unanswered.remove(cancel);
        }
    }

    /** Timers, requests and calls still under way in the worker, plus 1 until its script has finished. */
    int pendingWork() {
        if (state == State.STOPPED || state == State.FAILED) return 0;
        Interpreter running = interpreter;
        return (ready.isDone() ? 0 : 1) + calls.get() + (running == null ? 0 : running.pendingWork());
    }

    /** Ends the worker: cancels its Python, ends its thread, answers every call still waiting with an error. */
    public void terminate() {
        if (state == State.STOPPED) return;
        state = State.STOPPED; // at once: what runs meanwhile sees it (listeners are told below)
        ready.completeExceptionally(new IllegalStateException(label + " was stopped"));
        thread.close();
        Interpreter running = interpreter;
        if (running != null) running.close();
        List.copyOf(unanswered).forEach(Runnable::run);
        unanswered.clear();
        stateChanged.run();
    }

    boolean threadAlive() {
        return thread.isAlive();
    }

}
