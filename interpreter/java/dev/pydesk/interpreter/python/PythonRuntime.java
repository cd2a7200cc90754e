package dev.pydesk.interpreter.python;

import dev.pydesk.bridge.Timing;
import dev.pydesk.interpreter.files.ScopedFileSystem;
import dev.pydesk.interpreter.net.PageSocketGuard;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.io.ProcessHandler;

/**
 * The process's one GraalPy {@link Engine} and the locked-down contexts built from it. Building and initialising a
 * context is the dominant start-up cost (seconds for the first, ~200 ms after), so it happens on a background
 * thread, and one spare context is kept ready so that the next page (or a reload) does not wait.
 */
public final class PythonRuntime implements AutoCloseable {
    /**
     * What page Python may reach of the host: methods marked {@code @Export}, nothing else. Java may see Python
     * objects only through interfaces marked {@code @Implementable} (PyDesk's own typed views of its Python modules).
     */
    static final HostAccess HOST_ACCESS = HostAccess.newBuilder()
            .allowAccessAnnotatedBy(HostAccess.Export.class)
            .allowImplementationsAnnotatedBy(HostAccess.Implementable.class)
            .allowArrayAccess(false)
            .allowListAccess(false)
            .allowMapAccess(false)
            .build();

    /** Builds the engine and the contexts, one at a time ({@link Services}' thread). */
    private final ExecutorService builder;
    private final CompletableFuture<Engine> engine;
    private CompletableFuture<PreparedContext> spare;
    private volatile boolean closed;

    /** A context that is initialised but not yet bound to a page. */
    public record PreparedContext(Context context, ScopedFileSystem fileSystem, ConsoleRouting routing,
                           PythonModules modules) {}

    private final CompiledModules compiled;

    /** Made by {@link Services}, which owns the builder thread. */
    PythonRuntime(CompiledModules compiled, ExecutorService builder) {
        this.compiled = compiled;
        this.builder = builder;
        engine = CompletableFuture.supplyAsync(() -> {
            Timing.mark("engine: building");
            Engine built = Engine.newBuilder("python").option("engine.WarnInterpreterOnly", "false").build();
            Timing.mark("engine: built");
            return built;
        }, builder);
    }

    /** Starts building the first context now, so it is ready when the first page has loaded. */
    public PythonRuntime prewarm() {
        synchronized (this) {
            if (spare == null && !closed) spare = prepare();
        }
        return this;
    }

    /**
     * Takes the spare context, or starts a new one. The next spare is not started here: building it now would
     * compete for the CPU with the page that is starting; {@link #prewarm()} is called again once the page is idle.
     */
    public synchronized CompletableFuture<PreparedContext> take() {
        CompletableFuture<PreparedContext> taken = spare != null ? spare : prepare();
        spare = null;
        return taken;
    }

    /**
     * A context taken but never bound to a page (the page was left while it was made) becomes the spare again, or is
     * closed when there is one.
     */
    public void giveBack(PreparedContext unused) {
        synchronized (this) {
            if (spare == null && !closed) {
                spare = CompletableFuture.completedFuture(unused);
                return;
            }
        }
        unused.context().close(true);
    }

    private CompletableFuture<PreparedContext> prepare() {
        return engine.thenApplyAsync(this::build, builder);
    }

    private PreparedContext build(Engine shared) {
        ScopedFileSystem fileSystem = new ScopedFileSystem();
        ConsoleRouting routing = new ConsoleRouting();
        Context context = Context.newBuilder("python")
                .engine(shared)
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowNativeAccess(false)
                // Processes stay impossible, but through a handler that refuses every command with an IOException:
                // page Python then gets a catchable OSError, where a plain allowCreateProcess(false) makes os.system
                // throw a host SecurityException that escapes the page's try/except.
                .allowCreateProcess(true)
                .processHandler(PythonRuntime::refuseProcess)
                .allowCreateThread(false)
                .allowEnvironmentAccess(org.graalvm.polyglot.EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(IOAccess.newBuilder()
                        // ScopedFileSystem: the page's folder read-only with a scratch folder over it for writes, the
                        // installed packages and GraalPy's language home read-only, nothing else
                        .fileSystem(fileSystem)
                        // Python's own networking (socket, http.client, urllib): outgoing connections, as fetch;
                        // listening and UDP only with the page folder's opt-in (PageSocketGuard, which must be the
                        // JVM's SelectorProvider: without it, no sockets at all)
                        .allowHostSocketAccess(PageSocketGuard.installed())
                        .build())
                .out(routing.stdout())
                .err(routing.stderr())
                .option("python.PosixModuleBackend", "java")
                .option("python.NoSiteFlag", "true")
                .option("python.DontWriteBytecodeFlag", "true")
                .option("python.WarnExperimentalFeatures", "false")
                .build();
        context.initialize("python");
        Timing.mark("context: initialized");
        // PyDesk's own modules become importable now, off the FX thread; page-bound parts come at bind time.
        PythonModules modules = PythonModules.install(context, compiled);
        modules.load("_pydesk.runner", RunnerModule.class); // imported here: ready before any page
        Timing.mark("context: prepared");
        return new PreparedContext(context, fileSystem, routing, modules);
    }

    private static Process refuseProcess(ProcessHandler.ProcessCommand command) throws IOException {
        throw new IOException("PyDesk pages cannot start processes: " + String.join(" ", command.getCommand()));
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (spare != null) spare.thenAccept(prepared -> prepared.context().close(true));
            spare = null;
        }
    }
}
