package dev.pydesk.interpreter.python;

import java.util.function.Consumer;
import org.graalvm.polyglot.HostAccess.Export;

/**
 * The answer to a call between interpreters (a worker's exported function, a {@code sync} handler): Python calls
 * {@link #ok} with the marshalled result or {@link #fail} with the exception, once. Only plain text crosses.
 */
public final class Reply {
    private final Consumer<Outcome> receiver;
    private boolean answered;

    /** The marshalled result, or (payload null) the failure. */
    public record Outcome(String payload, WorkerFailure failure) {
        public static Outcome failed(String type, String message) {
            return new Outcome(null, WorkerFailure.of(type, message));
        }
    }

    public Reply(Consumer<Outcome> receiver) {
        this.receiver = receiver;
    }

    @Export
    public synchronized void ok(String payload) {
        answer(new Outcome(payload, null));
    }

    /** {@code traceback}: what the called interpreter raised, or null when PyDesk refused the call itself. */
    @Export
    public synchronized void fail(String type, String message, String traceback) {
        answer(new Outcome(null, new WorkerFailure(type, message, traceback)));
    }

    /** A failure of PyDesk's own (the worker stopped, the call could not be made). */
    public void refuse(String type, String message) {
        fail(type, message, null);
    }

    private synchronized void answer(Outcome outcome) {
        if (answered) return;
        answered = true;
        receiver.accept(outcome);
    }
}
