package dev.pydesk.interpreter.python;

import org.graalvm.polyglot.HostAccess.Export;

/** What a worker's {@code sync.name(...)} gets back: the marshalled result, or why there is none. */
public record SyncAnswer(String payload, WorkerFailure failure) {
    public static SyncAnswer failed(String type, String message) {
        return new SyncAnswer(null, WorkerFailure.of(type, message));
    }

    @Export
    @Override
    public String payload() {
        return payload;
    }

    @Export
    @Override
    public WorkerFailure failure() {
        return failure;
    }
}
