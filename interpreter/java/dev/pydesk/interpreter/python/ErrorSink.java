package dev.pydesk.interpreter.python;

/** Where a page's errors go: the console stream and PyScript's in-page error banner. */
@FunctionalInterface
public interface ErrorSink {
    void pageError(String source, String message);

    /**
     * A line main-thread Python wrote to stderr: PyScript's error plugin shows it in a banner too (not counted as a
     * page error: Python's warnings go there as well). Nothing by default.
     */
    default void stderrLine(String source, String line) {}
}
