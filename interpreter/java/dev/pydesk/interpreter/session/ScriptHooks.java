package dev.pydesk.interpreter.session;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.interpreter.python.Interpreter;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.util.Duration;
import netscape.javascript.JSObject;

/**
 * PyScript's plugin hooks, as page JavaScript registers them on the stand-in core.js ({@code hooks.main},
 * {@code hooks.worker}), called where PyScript calls them: {@code onReady} (awaited on the main thread), then the
 * script's {@code ready} event, {@code onBeforeRun}, the Python of {@code codeBeforeRun}, the script,
 * {@code codeAfterRun}, {@code onAfterRun}. A script with {@code async="false"} gets the plain hooks, any other the
 * {@code ...Async} ones, as in PyScript. FX thread only; a page that never imported core.js costs a few calls.
 */
final class ScriptHooks {
    private static final Duration POLL = Duration.millis(5);

    private final JsRealm realm;
    private final ConsoleBus console;
    private volatile boolean closed;

    ScriptHooks(JsRealm realm, ConsoleBus console) {
        this.realm = realm;
        this.console = console;
    }

    /** {@code onBeforeRun} or {@code onBeforeRunAsync}, by the script's {@code async}. */
    static String name(String hook, boolean synchronous) {
        return synchronous ? hook : hook + "Async";
    }

    /** Runs the callbacks of a hook; completes on the FX thread once they are done (awaited when async). */
    CompletableFuture<Void> call(String where, String name, String type, JSObject ref) {
        int ticket;
        try {
            ticket = closed ? 0 : realm.pyscriptHook(where, name, type, ref);
        } catch (dev.pydesk.bridge.PageGoneException gone) {
            ticket = 0; // the page load is over (left, reloaded): nobody is left to run its hooks for
        } catch (RuntimeException e) {
            console.publish(ConsoleEvent.Level.ERROR, "pydesk", "hooks." + where + "." + name + " failed: " + e.getMessage());
            ticket = 0;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (ticket == 0) {
            done.complete(null);
        } else {
            await(ticket, done);
        }
        return done;
    }

    private void await(int ticket, CompletableFuture<Void> done) {
        PauseTransition poll = new PauseTransition(POLL);
        poll.setOnFinished(event -> {
            if (closed || settled(ticket)) {
                done.complete(null);
            } else {
                poll.playFromStart();
            }
        });
        poll.play();
    }

    private boolean settled(int ticket) {
        try {
            return realm.pyscriptSettled(ticket);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The Python code of a code hook ({@code codeBeforeRun}, ...), "" when none. */
    String code(String where, String name) {
        try {
            return realm.pyscriptCode(where, name);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * A main-thread script's run between its hooks: {@code ready} dispatches its ready event (after onReady),
     * {@code script} runs it. Completes (FX thread) with whether the script succeeded, after onAfterRun.
     */
    CompletableFuture<Boolean> aroundMain(ScriptTag tag, Interpreter interpreter, String id, Runnable ready,
                                          Supplier<CompletableFuture<Boolean>> script) {
        String type = tag.type();
        boolean sync = tag.synchronous();
        JSObject element = tag.element();
        return call("main", "onReady", type, element)
                .thenCompose(unused -> {
                    ready.run();
                    return call("main", name("onBeforeRun", sync), type, element);
                })
                .thenCompose(unused -> runCode(interpreter, code("main", name("codeBeforeRun", sync)), id, sync))
                .thenCompose(ok -> ok ? script.get() : CompletableFuture.completedFuture(false))
                .thenCompose(ok -> !ok ? CompletableFuture.completedFuture(false)
                        : runCode(interpreter, code("main", name("codeAfterRun", sync)), id, sync))
                .thenCompose(ok -> !ok ? CompletableFuture.completedFuture(false) // a failed run skips it, as in PyScript
                        : call("main", name("onAfterRun", sync), type, element).thenApply(unused -> true));
    }

    /** Python of a code hook, in the script's interpreter and with its id; true when there was none or it ran. */
    private static CompletableFuture<Boolean> runCode(Interpreter interpreter, String code, String id, boolean sync) {
        if (code.isBlank()) return CompletableFuture.completedFuture(true);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        interpreter.run(code, "pyscript-hook", id, id, !sync).whenComplete((ok, error) ->
                FxThread.later(() -> done.complete(Boolean.TRUE.equals(ok))));
        return done;
    }

    void close() {
        closed = true;
    }
}
