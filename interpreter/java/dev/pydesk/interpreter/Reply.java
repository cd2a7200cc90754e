package dev.pydesk.interpreter;

import java.util.function.Consumer;
import org.graalvm.polyglot.HostAccess.Export;

/**
 * The answer to a call between interpreters (a worker's exported function, a {@code sync} handler): Python calls
 * {@link #ok} with the marshalled result or {@link #fail} with the error text, once. Only plain text crosses.
 */
public final class Reply {
    private final Consumer<Outcome> receiver;
    private boolean answered;

    /** {@code payload} is the marshalled value when {@code ok}, else the error's text. */
    record Outcome(boolean ok, String payload) {}

    Reply(Consumer<Outcome> receiver) {
        this.receiver = receiver;
    }

    @Export
    public synchronized void ok(String payload) {
        answer(new Outcome(true, payload));
    }

    @Export
    public synchronized void fail(String error) {
        answer(new Outcome(false, error));
    }

    private void answer(Outcome outcome) {
        if (answered) return;
        answered = true;
        receiver.accept(outcome);
    }
}
