package dev.pydesk.interpreter.python;

import org.graalvm.polyglot.HostAccess.Export;

/**
 * Why a call between interpreters failed, as it crosses: the Python exception type's name, its message, and the
 * traceback when the other interpreter raised it (null when PyDesk itself refused the call). The caller's Python
 * raises the builtin exception of that type, or {@code WorkerError} with the traceback.
 */
public record WorkerFailure(String type, String message, String traceback) {
    public static WorkerFailure of(String type, String message) {
        return new WorkerFailure(type, message, null);
    }

    @Export
    @Override
    public String type() {
        return type;
    }

    @Export
    @Override
    public String message() {
        return message;
    }

    @Export
    @Override
    public String traceback() {
        return traceback;
    }
}
