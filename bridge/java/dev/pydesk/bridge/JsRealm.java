package dev.pydesk.bridge;

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
 * dies with it; every method that touches a JSObject must run on the FX thread ({@link JsAccess} sees to it).
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
    /** JavaScript {@code undefined}, as Python receives it. */
    static final Object UNDEFINED = new Marker("undefined");
    /** A member that does not exist at all (Python raises AttributeError). */
    static final Object MISSING = new Marker("missing");
    /** An attribute whose value is a function (Python calls it by name on its object: {@link JsAccess#attr}). */
    static final Object FUNCTION = new Marker("function");
    /** A JavaScript exception; the message is in {@link JsAccess#lastError()}. */
    static final Object ERROR = new Marker("error");
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
    private final Map<Integer, Callback> callbacks = new ConcurrentHashMap<>();
    private final AtomicInteger nextCallbackId = new AtomicInteger(1);
    private final AtomicInteger uncaughtErrors = new AtomicInteger();
    private volatile boolean closed;
    private final WebSockets webSockets = new WebSockets(FxThread::later);

    private record Callback(Value callable, PythonHost host) {}

    private record Marker(String name) {}

    private JsRealm(WebEngine engine, JSObject window, ConsoleBus console) {
        this.engine = engine;
        this.console = console;
        this.door = new JsDoor(this);
        // Called as a method of window: the property cannot be replaced, and no Function.prototype.call is used.
        Object made = window.call("__pydesk_boot", door, UNDEFINED, MISSING, UNDEFINED_TOKEN, DESTROYED_TOKEN,
                FUNCTION, secret);
        if (!(made instanceof JSObject madeHelpers)) {
            throw new IllegalStateException("the page used PyDesk's boot script before PyDesk did: its Python cannot run");
        }
        this.helpers = madeHelpers;
    }

    /** Attaches to the engine's current document. FX thread only. */
    public static JsRealm attach(WebEngine engine, ConsoleBus console) {
        return new JsRealm(engine, (JSObject) engine.executeScript("window"), console);
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
        quietly("eventAttributes", prefix, toJs(dispatcher));
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

    int registerCallback(Value callable, PythonHost host) {
        int id = nextCallbackId.getAndIncrement();
        callbacks.put(id, new Callback(callable, host));
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

    void onConsole(String level, String text) {
        if ("uncaught".equals(level)) uncaughtErrors.incrementAndGet();
        ConsoleEvent.Level mapped = switch (level) {
            case "error", "uncaught" -> ConsoleEvent.Level.ERROR;
            case "warn" -> ConsoleEvent.Level.WARN;
            case "info" -> ConsoleEvent.Level.INFO;
            case "debug" -> ConsoleEvent.Level.DEBUG;
            default -> ConsoleEvent.Level.LOG;
        };
        console.publish(mapped, "uncaught".equals(level) ? "js-uncaught" : "js", text);
    }

    Object invokeCallback(int id, Object self, JSObject args) {
        Callback callback = callbacks.get(id);
        if (closed || callback == null) return DESTROYED_TOKEN;
        int length = args == null ? 0 : ((Number) args.getMember("length")).intValue();
        Object[] mapped = new Object[length];
        for (int i = 0; i < length; i++) {
            mapped[i] = fromJs(args.getSlot(i));
        }
        Value result = callback.host().callFromJs(callback.callable(), mapped);
        return result == null ? UNDEFINED_TOKEN : toJs(result);
    }

    /** Maps a value that came out of JavaScript into what Python receives. */
    static Object fromJs(Object value) {
        if (value instanceof JSObject js) return new JsRef(js);
        return value; // primitives, and the UNDEFINED/MISSING markers, which the Python side maps itself
    }

    /** Maps a Python value (already converted by the Python side) into something safe to hand to JavaScript. */
    static Object toJs(Value value) {
        if (value == null || value.isNull()) return null;
        if (value.isBoolean()) return value.asBoolean();
        if (value.isString()) return value.asString();
        if (value.isNumber()) {
            if (value.fitsInInt()) return value.asInt();
            return value.asDouble();
        }
        if (value.isHostObject()) {
            Object host = value.asHostObject();
            if (host instanceof JsRef ref) return ref.js;
            if (host == UNDEFINED) return UNDEFINED_TOKEN;
        }
        // Anything else would hand JavaScript a Java or Python object; the Python side converts before calling.
        return value.toString();
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
