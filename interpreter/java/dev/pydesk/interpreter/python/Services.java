package dev.pydesk.interpreter.python;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The process's shared machinery, built once (by the launcher, or a test) and closed in one place: the Python
 * runtime, PyDesk's background threads, and the one HTTP client that fetch, page resources, the package index and
 * every WebSocket (Python's and page JavaScript's) go through. Nothing else in PyDesk makes an executor or an HTTP
 * client ({@code ArchitectureTest}); each part gets what it needs of these from whoever builds it.
 * <p>
 * Every thread is a daemon: a page's stuck thread must never keep the process alive.
 */
public final class Services implements AutoCloseable {
    static {
        // System.exit, Ctrl+C, the end of main: the same last writes as halt(); a JVM has one set of them
        Runtime.getRuntime().addShutdownHook(new Thread(Services::lastWrites, "pydesk-last-writes"));
    }

    /** How long {@link #close()} waits for the threads to end (a context being cancelled may take a moment). */
    private static final Duration CLOSING = Duration.ofSeconds(10);

    private final ExecutorService httpThreads = Executors.newCachedThreadPool(named("pydesk-http-", true));
    private final HttpClient http;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(named("pydesk-timers", false));
    private final ExecutorService watchdogs = Executors.newCachedThreadPool(named("pydesk-watchdog-", true));
    private final ExecutorService io = Executors.newFixedThreadPool(2, named("pydesk-io-", true));
    private final ExecutorService storage = Executors.newSingleThreadExecutor(named("pydesk-storage", false));
    /** Each page server's threads: a server stops its own when it closes; these are what is left. */
    private final java.util.Set<ExecutorService> pageServers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger pageServerThreads = new java.util.concurrent.atomic.AtomicInteger();
    private final ExecutorService pythonBuilder = Executors.newSingleThreadExecutor(named("pydesk-python-builder", false));
    private final CompiledModules compiled;
    private PythonRuntime python; // made when first asked for: tests of the page server or the watchdog need none

    /** PyDesk's services; the Python runtime is made when first asked for ({@link #python()}). */
    public Services() {
        this(CompiledModules.FROM_PROPERTIES, builder -> { });
    }

    /**
     * Services whose HTTP client gets more configuration (tests: a {@link java.net.CookieHandler} that records every
     * request the client makes shows that fetch and WebSockets share it).
     */
    public static Services withHttp(Consumer<HttpClient.Builder> configure) {
        return new Services(CompiledModules.FROM_PROPERTIES, configure);
    }

    /** Services whose interpreters load PyDesk's modules compiled in {@code compiled} (tests). */
    Services(CompiledModules compiled) {
        this(compiled, builder -> { });
    }

    private Services(CompiledModules compiled, Consumer<HttpClient.Builder> configure) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(15))
                .executor(httpThreads);
        configure.accept(builder);
        http = builder.build();
        this.compiled = compiled;
    }

    private static ThreadFactory named(String name, boolean numbered) {
        Thread.Builder.OfPlatform threads = Thread.ofPlatform().daemon();
        return (numbered ? threads.name(name, 1) : threads.name(name)).factory();
    }

    /** The process's one GraalPy engine and its contexts; the first call starts building the engine. */
    public synchronized PythonRuntime python() {
        if (python == null) python = new PythonRuntime(compiled, pythonBuilder);
        return python;
    }

    /** The one HTTP client: fetch, page resources, the package index, WebSockets. */
    public HttpClient http() {
        return http;
    }

    /** One clock for every interpreter's timers and the Python watchdog's checks: its tasks only hand work on. */
    ScheduledExecutorService timers() {
        return timers;
    }

    /** Watchdog work that waits: the JavaScript watchdog's sampling loop, interrupting or cancelling a context. */
    public ExecutorService watchdogs() {
        return watchdogs;
    }

    /**
     * File and network work off every interpreter's thread: script sources, a config's {@code files}, package
     * downloads and wheel unpacking.
     */
    public ExecutorService io() {
        return io;
    }

    /** Writes {@code pyscript.storage} stores to disk, one after the other. */
    public ExecutorService storage() {
        return storage;
    }

    /**
     * Request threads for one page server ({@code pydesk-page-server-N-M}), which shuts them down when it closes (so a
     * page server closed is a page server gone, threads and all); those of servers still open end with these
     * services.
     */
    public ExecutorService pageServerThreads() {
        pageServers.removeIf(ExecutorService::isShutdown);
        ExecutorService threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
                .name("pydesk-page-server-" + pageServerThreads.incrementAndGet() + "-", 1).factory());
        pageServers.add(threads);
        return threads;
    }

    /**
     * Ends the process at once with {@code status}. {@code Runtime.halt}, so that nothing stuck (page JavaScript that
     * never returns holds the FX thread) holds the exit up; halt runs no shutdown hook, so the last writes happen
     * here first. Every way PyDesk ends itself at once goes through here.
     */
    public static void halt(int status) {
        lastWrites();
        Runtime.getRuntime().halt(status);
    }

    /**
     * What must happen before the process ends, however it ends: every open {@code pyscript.storage} store is written
     * to disk and every interpreter's scratch folder deleted.
     */
    static void lastWrites() {
        dev.pydesk.interpreter.storage.Stores.writeAll();
        dev.pydesk.interpreter.files.ScopedFileSystem.discardAll();
    }

    /** Closes the runtime and the HTTP client and ends every thread of these services (waiting a little for them). */
    @Override
    public void close() {
        synchronized (this) {
            if (python != null) python.close();
        }
        http.shutdownNow();
        storage.shutdown(); // the stores' writes already queued still happen
        List<ExecutorService> executors = new java.util.ArrayList<>(List.of(timers, watchdogs, io, pythonBuilder,
                httpThreads));
        executors.addAll(pageServers);
        executors.forEach(ExecutorService::shutdownNow);
        executors.add(storage);
        long deadline = System.nanoTime() + CLOSING.toNanos();
        try {
            http.awaitTermination(CLOSING);
            for (ExecutorService executor : executors) {
                executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
