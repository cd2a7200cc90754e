package dev.pydesk.interpreter.python;

import java.util.List;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** {@code _pydesk.workers}: calls between a page's interpreters, with marshalled plain values only. */
@HostAccess.Implementable
public interface WorkerCallsModule {
    /** In a worker: the names it exports ({@code __export__} and {@code sync.name = f}). */
    List<String> exports();

    /** In a worker: calls what it exports as {@code name}; {@code reply} hears the result (now or later). */
    void callExport(String name, String arguments, Reply reply);

    /** On the main thread: runs a {@code worker.sync.name} handler for the worker waiting on {@code reply}. */
    void runSync(Value handler, String arguments, Reply reply);
}
