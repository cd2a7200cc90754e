package dev.pydesk.interpreter;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/** {@code _pydesk.runner}: runs page scripts and calls Python callables for Java and JavaScript. */
@HostAccess.Implementable
public interface RunnerModule {
    /**
     * Runs one script in the interpreter's global namespace; {@code outcome} hears how it ended (at once, or when
     * the task of a script with top-level await has ended). {@code allowAwait} false: {@code async="false"}.
     */
    void run(String code, String fileName, boolean allowAwait, ScriptOutcome outcome);

    /** Calls {@code callable(*args)}; an exception it raises is reported as the page's error. */
    void call(Value callable, ProxyArray args);

    /**
     * JavaScript calls {@code callable(*args)}: its result for JavaScript (None when it raised, which is reported,
     * or when it is an {@code async def}, which runs as a task).
     */
    Value callFromJs(Value callable, ProxyArray args);
}
