package dev.pydesk.interpreter;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * What one interpreter's Python may do with the page's workers ({@code _pydesk.workers}): start a PyWorker, find a
 * named worker, call what a worker exports, give a worker {@code sync} handlers; and, inside a worker, call those
 * handlers. Values cross as marshalled text only. Methods never throw into Python: failures come back as results.
 */
public final class WorkerAccess {
    private final PageWorkers workers;
    private final PageWorker self;
    private Interpreter interpreter;
    private volatile String lastError = "";

    WorkerAccess(PageWorkers workers, PageWorker self) {
        this.workers = workers;
        this.self = self;
    }

    void attach(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    @Export
    public String lastError() {
        return lastError;
    }

    /** {@code PyWorker(url, type=..., config=..., name=...)}: the new worker's id, or -1 ({@link #lastError}). */
    @Export
    public int create(String url, String type, String config, String name) {
        if (self != null) {
            lastError = "RuntimeError: PyWorker works only on the main thread, not in a worker";
            return -1;
        }
        try {
            return workers.create(url, type, config, name).id();
        } catch (IllegalArgumentException e) {
            lastError = e.getMessage();
            return -1;
        }
    }

    /** The id of the worker called {@code name}, or -1 when the page has none. */
    @Export
    public int named(String name) {
        PageWorker worker = workers.named(name);
        return worker == null ? -1 : worker.id();
    }

    /** {@code callback(error_or_None, exported_names)} on this interpreter's thread once the worker is ready. */
    @Export
    public void ready(int id, Value callback) {
        PageWorker worker = workers.get(id);
        if (worker == null) {
            interpreter.execute(() -> interpreter.callPython(callback, "no worker " + id, ""));
            return;
        }
        interpreter.started();
        worker.ready().whenComplete((exports, failure) -> interpreter.execute(() -> {
            interpreter.ended();
            interpreter.callPython(callback, failure == null ? null : Failures.rootMessage(failure),
                    failure == null ? String.join(",", exports) : "");
        }));
    }

    /** Calls {@code function} of the worker; {@code callback(ok, payload_or_error)} on this interpreter's thread. */
    @Export
    public void call(int id, String function, String arguments, Value callback) {
        PageWorker worker = workers.get(id);
        if (worker == null || worker == self) {
            String error = worker == null ? "RuntimeError: no worker " + id
                    : "RuntimeError: a worker cannot call itself through pyscript.workers";
            interpreter.execute(() -> interpreter.callPython(callback, false, error));
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

    /** In a worker: {@code sync.name(args)}, answered by the main thread; "1" + result or "0" + error text. */
    @Export
    public String syncCall(String name, String arguments) {
        if (self == null) return "0RuntimeError: pyscript.sync works only in a worker";
        return self.syncCall(name, arguments);
    }

}
