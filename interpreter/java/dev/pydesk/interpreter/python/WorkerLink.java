package dev.pydesk.interpreter.python;

/**
 * An interpreter's way to the page's workers ({@code _pydesk.workers}: PyWorker, named workers, calls, sync
 * handlers). The workers package implements it and hands it to {@link Interpreter#bind}; Python reaches its
 * exported methods as a host object, and this package needs to know nothing of workers.
 */
public interface WorkerLink {
    /** The interpreter this link serves, once it is bound (answers go to its thread). */
    void attach(Interpreter interpreter);
}
