package dev.pydesk.interpreter;

/** Where a page's errors go: the console stream and PyScript's in-page error banner. */
@FunctionalInterface
public interface ErrorSink {
    void pageError(String source, String message);
}
