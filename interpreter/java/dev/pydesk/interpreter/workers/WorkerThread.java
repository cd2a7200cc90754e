package dev.pydesk.interpreter.workers;

import dev.pydesk.interpreter.python.ErrorSink;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The thread of one worker: runs its interpreter's work (the script, timers, event handlers, calls from other
 * interpreters) one task at a time, in order. Its Python may block (time.sleep, a long loop, a synchronous call to
 * the page) without ever freezing the window.
 */
final class WorkerThread implements Executor {
    /** GraalPy's interpreter recurses deeply on the Java stack: give workers room for deep Python recursion. */
    private static final long STACK_SIZE = 16L * 1024 * 1024;

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ErrorSink errors;
    private final String label;
    private volatile boolean closed;

    WorkerThread(String label, ErrorSink errors) {
        this.label = label;
        this.errors = errors;
        this.thread = new Thread(null, this::loop, "pydesk-worker " + label, STACK_SIZE);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void execute(Runnable work) {
        offer(work);
    }

    /** Queues work; false when the thread has stopped (the work will never run). */
    boolean offer(Runnable work) {
        if (closed) return false;
        queue.add(work);
        return true;
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void loop() {
        while (!closed) {
            Runnable work;
            try {
                work = queue.take();
            } catch (InterruptedException stopped) {
                break;
            }
            try {
                work.run();
            } catch (RuntimeException | StackOverflowError e) {
                if (!closed) errors.pageError(label, "PyDesk internal error in " + label + ": " + e);
            }
        }
        queue.clear();
    }

    /** Stops taking work; the thread ends once its current task returns (closing its context cancels Python). */
    void close() {
        closed = true;
        thread.interrupt();
    }
}
