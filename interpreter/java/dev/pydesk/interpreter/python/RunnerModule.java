package dev.pydesk.interpreter.python;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** {@code _pydesk.runner}: runs page scripts and calls Python callables for Java and JavaScript. */
@HostAccess.Implementable
public interface RunnerModule {
    /**
     * Runs one script in the interpreter's global namespace; {@code outcome} hears how it ended (at once, or when
     * the task of a script with top-level await has ended). {@code allowAwait} false: {@code async="false"}.
     */
    void run(String code, String fileName, boolean allowAwait, ScriptOutcome outcome);

    /**
     * {@code call(callable, *args)}: calls a Python callable, an exception it raises is reported as the page's
     * error. A function, for {@code Value.execute(callable, arg1, ...)}: Java passes the arguments one by one (a
     * Java list would have to be copied into Python at every call).
     */
    Value caller();

    /**
     * {@code callFromJs(callable, *args)}: as {@link #caller()}, for JavaScript: its result goes back to
     * JavaScript (None when it raised, or when it is an {@code async def}, which runs as a task).
     */
    Value jsCaller();
}
