package dev.pydesk.interpreter.python;

import dev.pydesk.bridge.NetworkBus;
import dev.pydesk.bridge.events.NetworkEvent;
import dev.pydesk.bridge.WebSockets;
import dev.pydesk.interpreter.net.Fetcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

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
    private final WorkerLink workers;
    private final NetworkBus network;
    private final java.util.Map<Integer, String> socketUrls = new java.util.concurrent.ConcurrentHashMap<>();
    private Interpreter interpreter;

    private final Runnable workEnded;

    HostServices(Executor owner, Fetcher fetcher, WorkerLink workers, NetworkBus network, Services services,
                 Runnable workEnded) {
        this.owner = owner;
        this.network = network;
        this.workEnded = workEnded;
        this.scheduler = new Scheduler(owner, services.timers(), workEnded);
        this.fetcher = fetcher;
        this.sockets = new WebSockets(owner, services.http());
        this.workers = workers;
    }

    /** Set once the interpreter exists (it is built with these services). */
    void attach(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** Tells the page that pending work ended (see {@link PageEnvironment}). */
    void workEnded() {
        workEnded.run();
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
    public void reportError(String text) {
        interpreter.reportError(text);
    }

    @Override
    public void fetch(String url, String method, List<String> headers, byte[] body, Value callback) {
        interpreter.started();
        long started = System.nanoTime();
        fetcher.fetch(url, method, headers, body, result -> owner.execute(() -> {
            published(url, method, result, started);
            interpreter.ended();
            interpreter.callPython(callback, result.status(), result.statusText(), result.url(),
                    ProxyArray.fromList(List.copyOf(result.headers())),
                    new String(result.body(), StandardCharsets.ISO_8859_1),
                    result.errorType(), result.error());
        }));
    }

    /**
     * Waits for the answer on the interpreter's thread, as a synchronous XMLHttpRequest does (a file of the page's
     * folder is read at once; a network request blocks for at most its timeout).
     */
    @Override
    public void fetchNow(String url, String method, List<String> headers, byte[] body, Value callback) {
        long started = System.nanoTime();
        java.util.concurrent.CompletableFuture<Fetcher.Result> answer = new java.util.concurrent.CompletableFuture<>();
        fetcher.fetch(url, method, headers, body, answer::complete);
        Fetcher.Result result;
        try {
            result = answer.get(Fetcher.TIMEOUT.toSeconds() + 30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            result = Fetcher.Result.failed(url, "TimeoutError", "open_url " + url + ": no answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = Fetcher.Result.failed(url, "OSError", "open_url " + url + ": interrupted");
        }
        published(url, method, result, started);
        callback.execute(result.status(), result.statusText(), result.url(), String.join("\n", result.headers()),
                new String(result.body(), StandardCharsets.ISO_8859_1), result.errorType(), result.error());
    }

    private void published(String url, String method, Fetcher.Result result, long started) {
        network.publish(NetworkEvent.of("fetch", method, result.url() == null ? url : result.url(), result.status(),
                result.body() == null ? 0 : result.body().length, (System.nanoTime() - started) / 1_000_000,
                result.error() == null ? "" : result.error()));
    }

    @Override
    public int openWebSocket(String url, List<String> protocols, Value callback) {
        long started = System.nanoTime();
        int id = sockets.open(url, protocols, new WebSockets.Listener() {
            @Override
            public void onOpen(String protocol, String extensions) {
                network.publish(NetworkEvent.of("websocket", "OPEN", url, 101, 0,
                        (System.nanoTime() - started) / 1_000_000, protocol == null ? "" : protocol));
                interpreter.callPython(callback, "open", protocol, extensions, null);
            }

            @Override
            public void onMessage(String data, boolean binary) {
                network.publish(NetworkEvent.of("websocket", "RECV", url, 0, data.length(), 0, binary ? "binary" : "text"));
                interpreter.callPython(callback, "message", data, binary, null);
            }

            @Override
            public void onError(String message) {
                network.publish(NetworkEvent.of("websocket", "ERROR", url, 0, 0, 0, message));
                interpreter.callPython(callback, "error", message, null, null);
            }

            @Override
            public void onClose(int code, String reason, boolean wasClean) {
                network.publish(NetworkEvent.of("websocket", "CLOSE", url, code, 0, 0, reason));
                interpreter.callPython(callback, "close", code, reason, wasClean);
            }
        });
        socketUrls.put(id, url);
        return id;
    }

    @Override
    public void sent(int socket, int size, boolean binary) {
        network.publish(NetworkEvent.of("websocket", "SEND", socketUrls.getOrDefault(socket, "?"), 0, size, 0,
                binary ? "binary" : "text"));
    }

    @Override
    public WebSockets webSockets() {
        return sockets;
    }

    @Override
    public WorkerLink workers() {
        return workers;
    }

    void close() {
        scheduler.close();
        sockets.close();
    }
}
