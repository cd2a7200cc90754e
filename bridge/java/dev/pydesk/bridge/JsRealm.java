package dev.pydesk.bridge;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.events.NetworkEvent;
import dev.pydesk.bridge.events.PageEvent;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.web.WebEngine;
import netscape.javascript.JSException;
import netscape.javascript.JSObject;
import org.graalvm.polyglot.Value;

/**
 * One loaded document as seen from Java: the page's window, the boot script's helpers, the callbacks Python
 * handed to JavaScript, and the page's console. A realm is made on the FX thread once the document exists and
 * dies with it; every method that touches a JSObject must run on the FX thread ({@link JsValues#js} sees to it).
 * <p>
 * Every JSObject handle belongs to one page load. Once the document is gone (navigation, reload), WebKit
 * invalidates the handles and any use throws "Invalid function reference"; a closed realm refuses instead:
 * void calls do nothing, calls that need an answer throw {@link PageGoneException}, which callers treat as
 * "this page load is over", never as a page error.
 * <p>
 * WebKit also invalidates handles of a document that is still shown, now and then (seconds after they were made,
 * once in some dozens of page loads: its wrappers share protection counts). So the realm asks the boot script for
 * its helpers again when theirs goes stale, with the secret of this page load: a document that is still this one
 * hands them over, any other document refuses.
 */
public final class JsRealm {
    // What the boot script's helpers answer besides plain values (Java objects that only travel back to Java).
    /** JavaScript {@code undefined}. */
    static final Object UNDEFINED = new Marker("undefined");
    /** A member that does not exist at all (Python raises AttributeError). */
    static final Object MISSING = new Marker("missing");
    /** A member that is a plain function property of the object's prototype chain: a method ({@link DomShapes}). */
    static final Object METHOD = new Marker("method");
    /** A member that is some other function (an own property, an accessor's value). */
    static final Object FUNCTION = new Marker("function");
    /**
     * The string WebKit gives Java for JavaScript {@code undefined} (and for a missing member). It is one instance:
     * a JavaScript string "undefined" arrives as another, so identity tells them apart. Set by the first realm.
     */
    private static volatile Object undefinedString;
    /** How Java writes {@code undefined} towards JavaScript (a string nobody else can guess). */
    static final String UNDEFINED_TOKEN = "\u0001pydesk:undefined:" + java.util.UUID.randomUUID();
    /** Tells a JS function made for a Python callable that the callable was released: it throws a clear error. */
    static final String DESTROYED_TOKEN = "\u0001pydesk:destroyed:" + java.util.UUID.randomUUID();


    private final WebEngine engine;
    /** Known to this page load's boot script and to Java only: proves that a document is still this one. */
    private final String secret = java.util.UUID.randomUUID().toString();
    private volatile JSObject helpers;
    private final JsDoor door;
    private final ConsoleBus console;
    private final NetworkBus network;
    private DomInspection dom;
    private final Map<Integer, Callback> callbacks = new ConcurrentHashMap<>();
    private final AtomicInteger nextCallbackId = new AtomicInteger(1);
    private final AtomicInteger uncaughtErrors = new AtomicInteger();
    private volatile boolean closed;
    private final WebSockets webSockets;
    /** Waiting for {@link #contentLoaded()} (the boot script calls the door when it turns true). FX thread. */
    private final List<Runnable> onContentLoaded = new java.util.ArrayList<>();
    private volatile Runnable onTimersDone = () -> { };

    private record Callback(Value callable, PythonHost host, JsValues values) {}

    private record Marker(String name) {}

    private JsRealm(WebEngine engine, JSObject window, ConsoleBus console, NetworkBus network, HttpClient http) {
        this.engine = engine;
        this.console = console;
        this.network = network;
        this.webSockets = new WebSockets(FxThread::later, http);
        this.door = new JsDoor(this);
        if (undefinedString == null) undefinedString = window.getMember("\u0001pydesk:no-such-member");
        // Called as a method of window: the property cannot be replaced, and no Function.prototype.call is used.
        Object made = window.call("__pydesk_boot", door, UNDEFINED, MISSING, UNDEFINED_TOKEN, DESTROYED_TOKEN,
                METHOD, FUNCTION, secret);
        if (!(made instanceof JSObject madeHelpers)) {
            throw new IllegalStateException("the page used PyDesk's boot script before PyDesk did: its Python cannot run");
        }
        this.helpers = madeHelpers;
    }

    /**
     * Attaches to the engine's current document; page JavaScript's fetch/XHR go to {@code network}, its WebSockets
     * through {@code http} (the process's one HTTP client). FX thread only.
     */
    public static JsRealm attach(WebEngine engine, ConsoleBus console, NetworkBus network, HttpClient http) {
        return new JsRealm(engine, (JSObject) engine.executeScript("window"), console, network, http);
    }

    public ConsoleBus console() {
        return console;
    }

    /**
     * The page's window. Asked of the boot helpers each time: the JSObject that {@code executeScript("window")}
     * gave at attach time can go stale in a reused WebView (its getMember then fails with an NPE in native code).
     */
    public JSObject window() {
        return (JSObject) helper("win");
    }

    /** Whether a value WebKit handed Java is JavaScript {@code undefined} (see {@link #undefinedString}). */
    static boolean isUndefined(Object value) {
        return value == undefinedString && value != null;
    }

    /** The engine showing this document (the REPL's JavaScript runs there as a script of its own). */
    WebEngine engine() {
        return engine;
    }

    /**
     * Calls a boot helper by name. FX thread only; a JavaScript exception propagates as {@link JSException}, a
     * document that is gone as {@link PageGoneException}.
     */
    Object helper(String name, Object... args) {
        if (closed) throw new PageGoneException();
        try {
            return helpers.call(name, args);
        } catch (JSException e) {
            if (!PageGoneException.isStaleHandle(e)) throw e;
            JSObject fresh = helpersAgain();
            if (fresh == null) {
                closed = true;
                throw new PageGoneException();
            }
            helpers = fresh;
            return fresh.call(name, args);
        }
    }

    /** This page load's helpers through fresh handles, or null when the document shown is another one. */
    private JSObject helpersAgain() {
        try {
            Object boot = ((JSObject) engine.executeScript("window")).getMember("__pydesk_boot");
            Object again = boot instanceof JSObject factory ? factory.call("again", secret) : null;
            return again instanceof JSObject fresh ? fresh : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A void helper call: does nothing once the page load is over. */
    private void quietly(String name, Object... args) {
        try {
            helper(name, args);
        } catch (PageGoneException gone) {
            // the document this event was for is gone: nobody is left to receive it
        }
    }

    /** True once this page load is known to be over (closed, or its document replaced); any thread, no JS call. */
    public boolean over() {
        return closed;
    }

    /**
     * True while this realm's document is the one shown: false once it was closed or its handles went stale.
     * FX thread only.
     */
    public boolean alive() {
        try {
            helper("win");
            return true;
        } catch (PageGoneException gone) {
            return false;
        }
    }

    /** Dispatches a {@code CustomEvent} (bubbling) with an optional detail. FX thread only. */
    public void dispatch(JSObject target, String type, Object detail) {
        quietly("dispatch", target, type, detail == null ? UNDEFINED_TOKEN : detail);
    }

    /** Dispatches a worker script's lifecycle event ({@code py:ready}, {@code py:done}), detail {@code {worker: true}}. */
    public void dispatchWorker(JSObject target, String type) {
        quietly("dispatchWorker", target, type);
    }

    /** Dispatches a plain {@code Event} (PyScript's {@code py:all-done} on window). FX thread only. */
    public void dispatchPlain(JSObject target, String type) {
        quietly("event", target, type);
    }

    /**
     * Wires {@code prefix-*} attributes ({@code py-click="name"}) of the page, now and later, to a dispatcher
     * function that Python handed out ({@code _pydesk.event_attributes.dispatcher()}). FX thread only.
     */
    public void wireEventAttributes(String prefix, Value dispatcher) {
        quietly("eventAttributes", prefix, JsObject.unwrap(dispatcher));
    }

    /** Notes that PyDesk made this element ({@code what}: "output", "error banner"), for the Elements tab. */
    public void markMade(JSObject element, String what) {
        quietly("markMade", element, what);
    }

    /**
     * Shows PyScript's red error banner with this text at the end of the body. FX thread only; a JavaScript
     * exception propagates, a document that is gone as {@link PageGoneException}.
     */
    public void banner(String message) {
        helper("banner", message);
    }

    /** The inspector's Elements tab's view of this document (installed in the page when first used). FX thread. */
    public DomInspection dom() {
        if (dom == null) dom = new DomInspection(this);
        return dom;
    }

    /** Makes {@code document.currentScript} the given element, or restores it with null. FX thread only. */
    public void currentScript(JSObject element) {
        if (element == null) quietly("clearCurrentScript");
        else quietly("setCurrentScript", element);
    }

    /** Uncaught JavaScript errors and unhandled rejections of the page so far, from its first script on. */
    public int uncaughtErrors() {
        return uncaughtErrors.get();
    }

    /** The page's {@code setTimeout} callbacks that have not run yet (headless mode waits for them). FX thread. */
    public int pendingTimers() {
        try {
            return ((Number) helper("pendingTimers")).intValue();
        } catch (PageGoneException | JSException | ClassCastException gone) {
            return 0;
        }
    }

    /** True once the document's DOMContentLoaded fired: its deferred and module scripts have run. FX thread only. */
    public boolean contentLoaded() {
        return Boolean.TRUE.equals(helper("contentLoaded"));
    }

    /**
     * Runs {@code then} once {@link #contentLoaded()} is true: now, or when the boot script says so (never once the
     * realm closed). FX thread only.
     */
    public void whenContentLoaded(Runnable then) {
        boolean loaded;
        try {
            loaded = contentLoaded();
        } catch (PageGoneException gone) {
            return;
        } catch (RuntimeException e) {
            loaded = true;
        }
        if (loaded) then.run();
        else onContentLoaded.add(then);
    }

    /**
     * Told (FX thread) each time the last of the page's one-shot JavaScript timers has run or was cleared, a task
     * later (so an error of that timer is reported first): the session checks whether the page went idle.
     */
    public void onTimersDone(Runnable listener) {
        this.onTimersDone = listener == null ? () -> { } : listener;
    }

    void contentLoadedNow() {
        if (closed) return;
        List<Runnable> waiting = List.copyOf(onContentLoaded);
        onContentLoaded.clear();
        waiting.forEach(Runnable::run);
    }

    void timersDone() {
        if (!closed) onTimersDone.run();
    }

    /**
     * Hands the page's configs ({@code {"py": {...}, "mpy": null}} as JSON) to PyScript's stand-in core.js, whose
     * importers wait for them. Once per document. FX thread only.
     */
    public void pyscriptConfigure(String configsJson) {
        quietly("pyscriptConfigure", configsJson);
    }

    /**
     * Runs the callbacks of a hook of the stand-in core.js ({@code where} "main" or "worker", {@code name} like
     * "onReady"); returns 0 when they are done, else a ticket to poll with {@link #pyscriptSettled}. FX thread only.
     */
    public int pyscriptHook(String where, String name, String type, JSObject ref) {
        Object ticket = helper("pyscriptHook", where, name, type, ref == null ? UNDEFINED_TOKEN : ref);
        return ticket instanceof Number number ? number.intValue() : 0;
    }

    public boolean pyscriptSettled(int ticket) {
        return !Boolean.FALSE.equals(helper("pyscriptSettled", ticket));
    }

    /** The Python code registered for a code hook ({@code codeBeforeRun}, ...), "" when none. FX thread only. */
    public String pyscriptCode(String where, String name) {
        Object code = helper("pyscriptCode", where, name);
        return code instanceof String text ? text : "";
    }

    /** Resolves the stand-in's {@code whenDefined(type)} for a page whose first script of that type is a worker. */
    public void pyscriptWorker(String type) {
        quietly("pyscriptWorker", type);
    }

    int registerCallback(Value callable, PythonHost host, JsValues values) {
        int id = nextCallbackId.getAndIncrement();
        callbacks.put(id, new Callback(callable, host, values));
        return id;
    }

    JSObject callbackFunction(int id, boolean auto) {
        return (JSObject) helper("makeFunction", id, auto);
    }

    void releaseCallback(int id) {
        callbacks.remove(id);
    }

    public int liveCallbacks() {
        return callbacks.size();
    }

    /** Stops forwarding callbacks and closes the page's WebSockets; called when the page goes away. */
    public void close() {
        closed = true;
        onContentLoaded.clear();
        if (dom != null) dom.close();
        callbacks.clear();
        webSockets.close();
    }

    WebSockets webSockets() {
        return webSockets;
    }

    int openWebSocket(String url, String protocols, JSObject listener) {
        List<String> names = protocols == null || protocols.isEmpty() ? List.of() : List.of(protocols.split(","));
        return webSockets.open(url, names, new WebSockets.Listener() {
            private void emit(Object... args) {
                if (closed || listener == null) return;
                Object[] all = new Object[args.length + 1];
                System.arraycopy(args, 0, all, 1, args.length);
                all[0] = UNDEFINED_TOKEN; // listener(this = undefined, ...args), through fresh helpers
                try {
                    helper("apply", prepend(listener, all));
                } catch (PageGoneException gone) {
                    // the page that opened this socket is gone
                }
            }

            @Override
            public void onOpen(String protocol, String extensions) {
                emit("open", protocol, extensions);
            }

            @Override
            public void onMessage(String data, boolean binary) {
                emit("message", data, binary);
            }

            @Override
            public void onError(String message) {
                emit("error", message);
            }

            @Override
            public void onClose(int code, String reason, boolean wasClean) {
                emit("close", code, reason, wasClean);
            }
        });
    }

    void onNetwork(String kind, String method, String url, int status, long size, long millis, String detail) {
        if (network != null && !closed) network.publish(NetworkEvent.of(kind, method, url, status, size, millis, detail));
    }

    void onConsole(String level, String text) {
        if ("uncaught".equals(level)) uncaughtErrors.incrementAndGet();
        ConsoleEvent.Level mapped = switch (level) {
            case "error", "uncaught" -> ConsoleEvent.Level.ERROR;
            case "warn" -> ConsoleEvent.Level.WARN;
            case "info" -> ConsoleEvent.Level.INFO;
            case "debug" -> ConsoleEvent.Level.DEBUG;
            default -> ConsoleEvent.Level.LOG;
        };
        console.publish(mapped, "js", text);
        if ("uncaught".equals(level)) console.events().publish(new PageEvent.PageError("js", text));
    }

    Object invokeCallback(int id, Object self, JSObject args) {
        // A page load that is over (PyDesk ends it as soon as another page is asked for, before the document goes)
        // has no Python left: its functions do nothing. Only a function Python released says so.
        if (closed) return UNDEFINED_TOKEN;
        Callback callback = callbacks.get(id);
        if (callback == null) return DESTROYED_TOKEN;
        int length = args == null ? 0 : ((Number) args.getMember("length")).intValue();
        Object[] mapped = new Object[length];
        for (int i = 0; i < length; i++) {
            mapped[i] = callback.values().fromJs(args.getSlot(i));
        }
        Value result = callback.host().callFromJs(callback.callable(), mapped);
        return result == null ? UNDEFINED_TOKEN : callback.values().toJs(result);
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static String describe(JSException e) {
        String message = e.getMessage();
        return message == null ? "JavaScript error" : message;
    }
}
