package dev.pydesk.interpreter;

import dev.pydesk.bridge.WebSockets;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import org.graalvm.polyglot.Value;

/**
 * What the event loop and the runner of one interpreter ask of Java: timers, script completion, error reports,
 * fetch and WebSockets. Every callback into Python is queued on the interpreter's own thread (the FX thread for
 * the page's main thread, the worker's thread for a worker).
 */
final class HostServices implements InterpreterHost.LoopServices {
    private final Executor owner;
    private final Scheduler scheduler;
    private final Fetcher fetcher;
    private final WebSockets sockets;
    private final WorkerAccess workers;
    private Interpreter interpreter;

    HostServices(Executor owner, Fetcher fetcher, WorkerAccess workers) {
        this.owner = owner;
        this.scheduler = new Scheduler(owner);
        this.fetcher = fetcher;
        this.sockets = new WebSockets(owner);
        this.workers = workers;
    }

    /** Set once the interpreter exists (it is built with these services). */
    void attach(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public long schedule(double delayMillis, Value callback) {
        return scheduler.schedule(delayMillis, () -> interpreter.callPython(callback));
    }

    @Override
    public void cancel(long timer) {
        scheduler.cancel(timer);
    }

    @Override
    public void scriptFinished(int token, String traceback) {
        interpreter.finished(token, traceback);
    }

    @Override
    public void reportError(String text) {
        interpreter.reportError(text);
    }

    @Override
    public void fetch(String url, String method, List<String> headers, byte[] body, Value callback) {
        interpreter.started();
        fetcher.fetch(url, method, headers, body, result -> owner.execute(() -> {
            interpreter.ended();
            interpreter.callPython(callback, result.status(), result.statusText(), result.url(),
                    String.join("\n", result.headers()), new String(result.body(), StandardCharsets.ISO_8859_1),
                    result.errorType(), result.error());
        }));
    }

    @Override
    public int openWebSocket(String url, List<String> protocols, Value callback) {
        return sockets.open(url, protocols, new WebSockets.Listener() {
            @Override
            public void onOpen(String protocol, String extensions) {
                interpreter.callPython(callback, "open", protocol, extensions, null);
            }

            @Override
            public void onMessage(String data, boolean binary) {
                interpreter.callPython(callback, "message", data, binary, null);
            }

            @Override
            public void onError(String message) {
                interpreter.callPython(callback, "error", message, null, null);
            }

            @Override
            public void onClose(int code, String reason, boolean wasClean) {
                interpreter.callPython(callback, "close", code, reason, wasClean);
            }
        });
    }

    @Override
    public WebSockets webSockets() {
        return sockets;
    }

    @Override
    public WorkerAccess workers() {
        return workers;
    }

    void close() {
        scheduler.close();
        sockets.close();
    }
}
