package dev.pydesk.interpreter.workers;

import dev.pydesk.interpreter.python.Failures;
import dev.pydesk.interpreter.python.Interpreter;
import dev.pydesk.interpreter.python.SyncAnswer;
import dev.pydesk.interpreter.python.WorkerFailure;
import dev.pydesk.interpreter.python.WorkerLink;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * What one interpreter's Python may do with the page's workers ({@code _pydesk.workers}): start a PyWorker, find a
 * named worker, call what a worker exports, give a worker {@code sync} handlers; and, inside a worker, call those
 * handlers. Values cross as marshalled text only. A call that cannot be made raises a Python exception; a failure
 * of the called interpreter comes back as a {@link WorkerFailure}.
 */
public final class WorkerAccess implements WorkerLink {
    private final PageWorkers workers;
    private final PageWorker self;
    private Interpreter interpreter;

    public WorkerAccess(PageWorkers workers, PageWorker self) {
        this.workers = workers;
        this.self = self;
    }

    @Override
    public void attach(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** {@code PyWorker(url, type=..., config=..., name=...)}: the new worker's id; a bad one raises ValueError. */
    @Export
    public int create(String url, String type, String config, String name) {
        if (self != null) throw raise("RuntimeError", "PyWorker works only on the main thread, not in a worker");
        try {
            return workers.create(url, type, config, name).id();
        } catch (PageWorkers.BadWorker e) {
            throw raise(e.type(), e.getMessage());
        }
    }

    private RuntimeException raise(String type, String message) {
        interpreter.python().raiseError(type, message);
        return new IllegalStateException("Python did not raise " + type + ": " + message);
    }

    /** The id of the worker called {@code name}, or -1 when the page has none. */
    @Export
    public int named(String name) {
        PageWorker worker = workers.named(name);
        return worker == null ? -1 : worker.id();
    }

    /** {@code callback(failure_or_None)} on this interpreter's thread once the worker is ready (or cannot be). */
    @Export
    public void ready(int id, Value callback) {
        PageWorker worker = workers.get(id);
        if (worker == null) {
            interpreter.execute(() -> interpreter.callPython(callback, WorkerFailure.of("WorkerError", "no worker " + id)));
            return;
        }
        interpreter.started();
        worker.ready().whenComplete((exports, failure) -> interpreter.execute(() -> {
            interpreter.ended();
            interpreter.callPython(callback, failure == null ? null
                    : WorkerFailure.of("WorkerError", Failures.rootMessage(failure)));
        }));
    }

    /** Calls {@code function} of the worker; {@code callback(payload, failure)} on this interpreter's thread. */
    @Export
    public void call(int id, String function, String arguments, Value callback) {
        PageWorker worker = workers.get(id);
        if (worker == null || worker == self) {
            WorkerFailure failure = WorkerFailure.of("RuntimeError", worker == null ? "no worker " + id
                    : "a worker cannot call itself through pyscript.workers");
            interpreter.execute(() -> interpreter.callPython(callback, null, failure));
            return;
        }
        worker.call(interpreter, function, arguments, callback);
    }

    /** {@code worker.sync.name = handler} on the main thread. */
    @Export
    public boolean setSync(int id, String name, Value handler) {
        PageWorker worker = workers.get(id);
        if (worker == null || worker == self) return false;
        worker.setSync(interpreter, name, handler);
        return true;
    }

    @Export
    public void terminate(int id) {
        PageWorker worker = workers.get(id);
        if (worker != null && worker != self) worker.terminate();
    }

    /** In a worker: {@code sync.name(args)}, answered by the main thread (this worker's thread waits). */
    @Export
    public SyncAnswer syncCall(String name, String arguments) {
        if (self == null) return SyncAnswer.failed("RuntimeError", "pyscript.sync works only in a worker");
        return self.syncCall(name, arguments);
    }

}
