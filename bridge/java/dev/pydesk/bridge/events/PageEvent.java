package dev.pydesk.bridge.events;

/**
 * What happens to one page, as plain data: its load, its session and scripts, its errors, its console and network
 * logs, its workers, and when it went idle. Published on the page's {@link PageEvents}; every record carries only
 * strings, numbers and enums (no JavaScript, JavaFX or GraalPy object), so any thread may keep and read it.
 * docs/page-events.md says who publishes each and on which thread.
 */
public sealed interface PageEvent {
    /** The WebView started loading a document (open, link, reload); {@code url} as the engine has it. */
    record Loading(String url) implements PageEvent {}

    /** The document could not be loaded, or PyDesk could not start its session; {@code status} is short. */
    record LoadFailed(String url, String reason, String status) implements PageEvent {}

    /** A document of ours is ready and its session starts; {@code page} as tracebacks name it (app/index.html). */
    record SessionStarted(String page) implements PageEvent {}

    /** The page's first script of a type needs its main-thread interpreter ({@code py} or {@code mpy}). */
    record InterpreterStarting(String type) implements PageEvent {}

    /** A main-thread script starts running ({@code py-0}, after its {@code py:ready}). */
    record ScriptStarted(String id, String type) implements PageEvent {}

    /** A main-thread script ended (before its {@code py:done}); the next one runs after this. */
    record ScriptDone(String id, String type, Outcome outcome) implements PageEvent {
        public enum Outcome { OK, FAILED }
    }

    /** Every main-thread script of the page has run or failed; {@code errors}: page errors seen so far. */
    record ScriptsDone(int errors) implements PageEvent {}

    /**
     * An error of the page: an uncaught Python or JavaScript error, a config or loading error, a script stopped by
     * the time limit. {@code source} names where: {@code js}, {@code py}, {@code py-0}, {@code worker w.py}, ...
     * Its console line is published just before it.
     */
    record PageError(String source, String message) implements PageEvent {}

    /**
     * After {@link ScriptsDone}, nothing of the page is pending any more: no Python timer, task, request or worker
     * call, no worker still running its script, no one-shot JavaScript timer. Published each time the page becomes
     * idle again; only user input (or an interval timer, a socket) can change it from then on.
     */
    record Idle() implements PageEvent {}

    /** One console line (Python stdout/stderr, page {@code console.*}, PyDesk's own messages). */
    record ConsoleLine(ConsoleEvent line) implements PageEvent {}

    /** One entry of the network log (a resource served, a fetch, a WebSocket frame). */
    record NetworkEntry(NetworkEvent entry) implements PageEvent {}

    /** A worker of the page changed state ({@code starting}, {@code running}, {@code ready}, {@code failed}, {@code stopped}). */
    record WorkerState(String label, String type, String state) implements PageEvent {}
}
