package dev.pydesk.interpreter.workers;

import dev.pydesk.bridge.events.PageEvent;
import dev.pydesk.interpreter.config.ConfigException;
import dev.pydesk.interpreter.config.ConfigResolver;
import dev.pydesk.interpreter.config.PageConfig;
import dev.pydesk.interpreter.net.PageResources;
import dev.pydesk.interpreter.python.ErrorSink;
import dev.pydesk.interpreter.python.Failures;
import dev.pydesk.interpreter.python.PageEnvironment;
import dev.pydesk.interpreter.python.PythonRuntime;
import dev.pydesk.interpreter.python.Watchdog;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workers of one page: those of {@code <script type="py" worker>} tags and those made with {@code PyWorker}.
 * They live as long as the page's session; closing it ends every worker thread and context.
 */
public final class PageWorkers implements AutoCloseable {
    private final PythonRuntime runtime;
    private final PageEnvironment page;
    private final Map<Integer, PageWorker> byId = new ConcurrentHashMap<>();
    private final Map<String, PageWorker> byName = new ConcurrentHashMap<>();
    private final List<PageWorker> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(1);
    private volatile boolean closed;

    public PageWorkers(PythonRuntime runtime, PageEnvironment page) {
        this.runtime = runtime;
        this.page = page;
    }

    /**
     * Starts a worker running {@code source} ({@code py} or {@code mpy}). {@code name} may be null; {@code scriptId}
     * is the id PyScript gives its script tag (null for a PyWorker).
     */
    PageWorker start(String type, String name, String label, String scriptId, CompletableFuture<String> source,
                     String fileName, PageConfig config) {
        return start(type, name, label, scriptId, source, fileName, config, PageWorker.Lifecycle.NONE);
    }

    public PageWorker start(String type, String name, String label, String scriptId, CompletableFuture<String> source,
                     String fileName, PageConfig config, PageWorker.Lifecycle lifecycle) {
        ErrorSink named = (source1, message) -> page.errors().pageError(source1,
                message.startsWith("Error in ") ? message : "Error in " + label + ":\n" + message);
        PageWorker worker = new PageWorker(ids.getAndIncrement(), type, name, label, scriptId, named);
        byId.put(worker.id(), worker);
        if (name != null && !name.isEmpty()) byName.put(name, worker);
        all.add(worker);
        worker.lifecycle(lifecycle);
        worker.onStateChange(() -> {
            page.events().publish(new PageEvent.WorkerState(worker.label(), worker.type(),
                    worker.state().name().toLowerCase(Locale.ROOT)));
            page.workEnded().run();
        });
        page.events().publish(new PageEvent.WorkerState(label, type, "starting"));
        if (closed) {
            worker.terminate();
            return worker;
        }
        PageEnvironment own = new PageEnvironment(page.realm(), page.pageFolder(), page.resources(), page.console(),
                page.network(), Watchdog.unlimited(), page.services(), named, page.chooser(),
                page.listeningSockets(), page.workEnded());
        worker.start(runtime.take(), source, fileName, config, own, this);
        return worker;
    }

    /**
     * {@code PyWorker(url, type=..., config=...)}: {@code type} is PyScript's interpreter name. Throws
     * {@link BadWorker} (a ValueError in Python).
     */
    PageWorker create(String url, String interpreter, String config, String name) {
        String type = switch (interpreter) {
            case "pyodide", "py" -> "py";
            case "micropython", "mpy" -> "mpy";
            default -> throw new BadWorker("PyWorker type must be \"pyodide\" or "
                    + "\"micropython\", not \"" + interpreter + "\"");
        };
        if (name != null && !name.isEmpty() && byName.containsKey(name)) {
            throw new BadWorker("a worker named \"" + name + "\" exists already");
        }
        PageConfig resolved;
        try {
            resolved = ConfigResolver.resolveSingle(config == null || config.isEmpty() ? null : config,
                    page.resources()::read);
        } catch (ConfigException e) {
            throw new BadWorker(e.getMessage());
        }
        String label = "worker " + (name != null && !name.isEmpty() ? name : url);
        return start(type, name, label, null, load(url, label), url, resolved);
    }

    /** A PyWorker that cannot be made as asked: Python raises ValueError with the message. */
    static final class BadWorker extends IllegalArgumentException {
        BadWorker(String message) {
            super(message);
        }

        String type() {
            return "ValueError";
        }
    }

    /** Reads a worker's {@code src} off the FX thread; a missing file is the worker's error. */
    public CompletableFuture<String> load(String src, String label) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return page.resources().read(src);
            } catch (IOException e) {
                throw new IllegalStateException(PageResources.message(e));
            }
        }, page.services().io()).whenComplete((code, failure) -> {
            if (failure != null) page.errors().pageError(label, "Error in " + label + ":\n" + Failures.rootMessage(failure));
        });
    }

    PageWorker get(int id) {
        return byId.get(id);
    }

    PageWorker named(String name) {
        return byName.get(name);
    }

    /** Every worker the page started, in order (running or not): for the inspector. */
    public List<PageWorker> all() {
        return List.copyOf(all);
    }

    /** Completes once every worker started so far has run its script, failed or been stopped. */
    public CompletableFuture<Void> settled() {
        return CompletableFuture.allOf(all.stream()
                .map(worker -> worker.ready().handle((exports, failure) -> null))
                .toArray(CompletableFuture[]::new));
    }

    public int pendingWork() {
        int pending = 0;
        for (PageWorker worker : all) pending += worker.pendingWork();
        return pending;
    }

    /** Workers whose script failed (or that could not start). */
    public int failed() {
        return (int) all.stream().filter(worker -> worker.state() == PageWorker.State.FAILED).count();
    }

    /** True when no worker is starting or running its script any more. */
    public boolean allEnded() {
        return all.stream().noneMatch(worker -> worker.state() == PageWorker.State.STARTING
                || worker.state() == PageWorker.State.RUNNING);
    }

    /** True once no worker thread of this page is alive (tests: nothing survives a reload). */
    public boolean allThreadsEnded() {
        return all.stream().noneMatch(PageWorker::threadAlive);
    }

    @Override
    public void close() {
        closed = true;
        all.forEach(PageWorker::terminate);
    }

}
