package dev.pydesk.interpreter.python;

import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.HostAccess.Export;

/**
 * How a script run ended, told once by Python ({@code _pydesk.runner.tell}): {@link #finished()}, or
 * {@link #failed} with the exception's type, message and traceback. {@link #ended()} completes normally for a
 * script that finished and exceptionally, with a {@link PythonException}, for one that raised.
 */
public final class ScriptOutcome {
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    @Export
    public void finished() {
        ended.complete(null);
    }

    @Export
    public void failed(String type, String message, String traceback) {
        ended.completeExceptionally(new PythonException(type, message, traceback));
    }

    /** The run will never tell: the interpreter stopped, or PyDesk could not start it (reported already). */
    void abandon() {
        ended.completeExceptionally(new java.util.concurrent.CancellationException("abandoned"));
    }

    CompletableFuture<Void> ended() {
        return ended;
    }
}
