package dev.pydesk.bridge;

import org.graalvm.polyglot.Value;

/**
 * The interpreter side of a callback: JavaScript called a function that Python handed out. Implemented by the
 * interpreter layer, which knows its own thread, watchdog and error reporting.
 */
public interface PythonHost {
    /**
     * Calls {@code callable} with JS-side arguments already mapped for Python ({@link JsObject}s, None, plain values).
     * Returns the Python result when it could run on the calling thread, or {@code null} when it was queued
     * to the interpreter's own thread (a worker), which is what JavaScript sees for an event handler.
     */
    Value callFromJs(Value callable, Object[] args);
}
