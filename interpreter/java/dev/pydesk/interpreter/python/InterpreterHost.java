package dev.pydesk.interpreter.python;

import dev.pydesk.bridge.WebSockets;
import dev.pydesk.interpreter.net.PageResources;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * What the {@code pyscript} package asks of its interpreter: the configuration, which
 * kind of interpreter it is and where {@code display()} writes by default. Read-only and page-scoped.
 */
public final class InterpreterHost {
    private final String type;
    private final boolean worker;
    private final Map<String, Object> config;
    private final Supplier<String> currentTarget;
    private final LoopServices loop;
    private volatile PackageAccess packages;
    private volatile StorageAccess storage;
    private volatile MountAccess mounts;
    private volatile String siteRoot = "";
    private volatile PageResources configBase;
    private volatile ConsoleRouting routing;

    /** What the event loop and the runner need of the interpreter. */
    interface LoopServices {
        long schedule(double delayMillis, Value callback);

        void cancel(long timer);

        void reportError(String text);

        void fetch(String url, String method, List<String> headers, byte[] body, Value callback);

        /** {@link #fetch}, but answered before it returns (Pyodide's {@code open_url}, a synchronous request). */
        void fetchNow(String url, String method, List<String> headers, byte[] body, Value callback);

        int openWebSocket(String url, List<String> protocols, Value callback);

        WebSockets webSockets();

        WorkerLink workers();

        /** A WebSocket frame went out (the network log). */
        default void sent(int socket, int size, boolean binary) {}
    }

    InterpreterHost(String type, boolean worker, Map<String, Object> config, Supplier<String> currentTarget,
                    LoopServices loop) {
        this.type = type;
        this.worker = worker;
        this.config = config;
        this.currentTarget = currentTarget;
        this.loop = loop;
    }

    /** Seconds on a monotonic clock: the event loop's time. */
    @Export
    public double monotonic() {
        return System.nanoTime() / 1e9;
    }

    /** Runs {@code callback} on the interpreter's thread after the delay; returns an id for {@link #cancel}. */
    @Export
    public long schedule(double delayMillis, Value callback) {
        return loop.schedule(delayMillis, callback);
    }

    @Export
    public void cancel(long timer) {
        loop.cancel(timer);
    }

    /**
     * Starts a request for {@code pyscript.fetch}; {@code headers} alternate names and values, {@code body} is a
     * latin-1 string (one char per byte) or null. {@code callback(status, statusText, url, headers, body,
     * errorType, error)} runs on the interpreter's thread when it is answered ({@code headers} a list alternating
     * names and values).
     */
    @Export
    public void fetch(String url, String method, Value headers, String body, Value callback) {
        List<String> flat = new java.util.ArrayList<>();
        if (headers != null && headers.hasArrayElements()) {
            for (long i = 0; i < headers.getArraySize(); i++) flat.add(headers.getArrayElement(i).asString());
        }
        loop.fetch(url, method == null ? "GET" : method, flat,
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), callback);
    }

    /** {@link #fetch} answered before it returns, on the calling thread: {@code pyodide.http.open_url}. */
    @Export
    public void fetchNow(String url, String method, Value headers, String body, Value callback) {
        List<String> flat = new java.util.ArrayList<>();
        if (headers != null && headers.hasArrayElements()) {
            for (long i = 0; i < headers.getArraySize(); i++) flat.add(headers.getArrayElement(i).asString());
        }
        loop.fetchNow(url, method == null ? "GET" : method, flat,
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), callback);
    }

    /** Opens a WebSocket; {@code callback(kind, a, b, c)} gets open/message/error/close on the interpreter's thread. */
    @Export
    public int wsOpen(String url, Value protocols, Value callback) {
        List<String> names = new java.util.ArrayList<>();
        if (protocols != null && protocols.hasArrayElements()) {
            for (long i = 0; i < protocols.getArraySize(); i++) names.add(protocols.getArrayElement(i).asString());
        }
        return loop.openWebSocket(url, names, callback);
    }

    @Export
    public boolean wsSend(int id, String data, boolean binary) {
        boolean sent = loop.webSockets().send(id, data, binary);
        if (sent) loop.sent(id, data.length(), binary);
        return sent;
    }

    @Export
    public void wsClose(int id, int code, String reason) {
        loop.webSockets().close(id, code, reason);
    }

    @Export
    public int wsState(int id) {
        return loop.webSockets().readyState(id);
    }

    @Export
    public double wsBuffered(int id) {
        return loop.webSockets().bufferedAmount(id);
    }

    /** An error that happened outside any script run (a task, a py-* handler): console and banner. */
    @Export
    public void reportError(String text) {
        loop.reportError(text);
    }

    /** Workers of the page: {@code pyscript.workers}, {@code PyWorker}, and {@code sync} inside a worker. */
    @Export
    public WorkerLink workers() {
        return loop.workers();
    }

    /** Where the page's files are: the site root (tracebacks name files relative to it), the config's folder. */
    void paths(java.nio.file.Path siteRoot, PageResources configBase) {
        this.siteRoot = siteRoot.toString();
        this.configBase = configBase;
    }

    /** The site root's absolute path: tracebacks show the files under it relative to it. */
    @Export
    public String siteRoot() {
        return siteRoot;
    }

    /** The per-user package cache's folder (tracebacks show installed packages where Pyodide has them). */
    @Export
    public String packagesRoot() {
        try {
            return dev.pydesk.interpreter.packages.WheelCache.standard().root().toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * A URL the config names ({@code js_modules}), made absolute relative to the config's file as PyScript does;
     * unchanged when it cannot be resolved.
     */
    @Export
    public String configRelative(String url) {
        try {
            return configBase == null ? url : configBase.resolve(url).toString();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    void packages(PackageAccess access) {
        this.packages = access;
    }

    void routing(ConsoleRouting routing) {
        this.routing = routing;
    }

    /** {@code sys.stdout} / {@code sys.stderr} of page Python (see {@link ConsoleRouting#write}). */
    @Export
    public void write(boolean error, String text) {
        ConsoleRouting target = routing;
        if (target != null) target.write(error, text);
    }

    /** Installs packages for {@code py_import}. */
    @Export
    public PackageAccess packages() {
        return packages;
    }

    void storage(StorageAccess access) {
        this.storage = access;
    }

    /** The site's named stores: {@code pyscript.storage}. */
    @Export
    public StorageAccess storage() {
        return storage;
    }

    void mounts(MountAccess access) {
        this.mounts = access;
    }

    /** Folders the user chose: {@code pyscript.fs}. */
    @Export
    public MountAccess mounts() {
        return mounts;
    }

    @Export
    public boolean isWorker() {
        return worker;
    }

    @Export
    public String interpreterType() {
        return type;
    }

    /**
     * The configuration as plain data Python reads directly (dicts, lists, str, numbers, booleans, None): no json
     * import on a cold interpreter, and no Python source.
     */
    @Export
    public Object config() {
        return PlainData.of(config);
    }

    @Export
    public String currentTarget() {
        return currentTarget.get();
    }
}
