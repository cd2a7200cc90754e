package dev.pydesk.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import netscape.javascript.JSException;
import netscape.javascript.JSObject;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One interpreter's side of the page's JavaScript values: what a JavaScript value becomes in Python (a
 * {@link JsObject}, a plain value, {@code None}) and a Python value in JavaScript, and how long a Python callable
 * handed to JavaScript lives. Every JSObject operation runs on the FX thread through {@link #js}, which turns a
 * JavaScript exception into Python's {@code JsException}. Used by one interpreter thread at a time.
 */
final class JsValues {
    /** What happens to a Python callable passed to JavaScript without {@code create_proxy} (see pyscript.ffi). */
    enum CallablePolicy {
        /** Released when the JavaScript call it was an argument of returns (py, as Pyodide). */
        BORROW,
        /** Kept (mpy, as MicroPython). */
        KEEP,
        /** {@code experimental_create_proxy = "auto"}: kept until JavaScript lets go of it. */
        AUTO
    }

    final JsRealm realm;
    final PythonHost host;
    private final CallablePolicy policy;
    private final List<Integer> borrowed = new ArrayList<>();
    private PythonSide python;
    private Value none;
    private Value tuple;
    private int calls;

    JsValues(JsRealm realm, PythonHost host, CallablePolicy policy) {
        this.realm = realm;
        this.host = host;
        this.policy = policy;
    }

    void attach(PythonSide side) {
        this.python = side;
        this.none = side.none();
        this.tuple = side.tupleMaker();
    }

    /** A Python tuple of these values (each already one for Python). Interpreter's thread. */
    Value tuple(Object[] items) {
        return tuple.execute(items);
    }

    /** The JsObject a Python value is; anything else is page Python misusing the bridge (TypeError). */
    JsObject target(Value value) {
        if (value != null && value.isProxyObject() && value.asProxyObject() instanceof JsObject object) return object;
        throw error("TypeError", "not a JavaScript object: " + (value == null ? "nothing" : "a Python value"));
    }

    Value none() {
        return none;
    }

    /** Runs JavaScript work on the FX thread (the caller's thread for main-thread Python, else marshalled). */
    <T> T js(Callable<T> work) {
        try {
            return FxThread.call(work);
        } catch (JSException e) {
            // a handle of a document that went away: asking whether the realm is alive marks it over when its
            // document is gone (its errors are then not reported as the shown page's), and Python hears that the
            // page is gone instead of WebKit's "Invalid function reference". Only on this failure path: every
            // crossing goes through here.
            if (PageGoneException.isStaleHandle(e) && !FxThread.call(realm::alive)) {
                throw jsException(PageGoneException.MESSAGE);
            }
            throw jsException(JsRealm.describe(e));
        } catch (PolyglotException e) {
            throw e; // Python's own exception (or a cancelled context) on its way back
        } catch (RuntimeException e) {
            // WebKit reports some failures (e.g. a call on a non-function) as plain runtime exceptions.
            throw jsException(String.valueOf(e.getMessage()));
        }
    }

    /** Raises JsException in Python; returned for {@code throw} (the call itself throws). */
    RuntimeException jsException(String message) {
        python.raiseJsException(message);
        return new IllegalStateException("the Python side did not raise JsException: " + message);
    }

    /** Raises a builtin Python exception, e.g. {@code error("AttributeError", ...)}. */
    RuntimeException error(String type, String message) {
        python.raiseError(type, message);
        return new IllegalStateException("the Python side did not raise " + type + ": " + message);
    }

    /** A value that came out of JavaScript, for Python; {@code owner.name} is where it was read (its calls' this). */
    Object fromJs(Object value, JsObject owner, String name) {
        if (value == null || value == JsRealm.UNDEFINED || JsRealm.isUndefined(value)) return none;
        if (value instanceof JSObject js) return new JsObject(this, js, owner, name);
        return value; // String, Integer, Double, Boolean
    }

    Object fromJs(Object value) {
        return fromJs(value, null, null);
    }

    /** A Python value for JavaScript: proxies unwrapped, plain values as they are, callables and containers made. */
    Object toJs(Value value) {
        if (value == null || value.isNull()) return null;
        if (value.isProxyObject() && value.asProxyObject() instanceof JsObject object) return object.js();
        if (value.isString()) return value.asString();
        if (value.isBoolean()) return value.asBoolean();
        if (value.isNumber()) {
            if (value.fitsInInt()) return value.asInt();
            if (value.fitsInLong()) return value.asLong();
            return value.asDouble();
        }
        if (value.canExecute() && !value.isProxyObject() && !value.isHostObject()) return implicitFunction(value);
        Value converted = python.forJs(value);
        if (converted.isProxyObject() && converted.asProxyObject() instanceof JsObject object) return object.js();
        return converted.isNull() || converted.isString() || converted.isBoolean() || converted.isNumber()
                ? toJs(converted) : converted.toString();
    }

    Object[] toJs(Value[] values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) out[i] = toJs(values[i]);
        return out;
    }

    /** A JavaScript call starts: callables converted for it from now on are borrowed (py). */
    int enterCall() {
        calls++;
        return borrowed.size();
    }

    /** The call returned: its borrowed callables are released (JavaScript calling them later gets an error). */
    void exitCall(int mark) {
        calls--;
        while (borrowed.size() > mark) realm.releaseCallback(borrowed.removeLast());
    }

    /** The JavaScript function for a Python callable passed to JavaScript without create_proxy. */
    Object implicitFunction(Value callable) {
        if (policy == CallablePolicy.AUTO) return toJs(python.autoProxy(callable)); // one function per callable
        int id = realm.registerCallback(callable, host, this);
        if (policy == CallablePolicy.BORROW && calls > 0) borrowed.add(id);
        return js(() -> realm.callbackFunction(id, false));
    }

    /** A JavaScript function that calls {@code callable} until released: {@code create_proxy}, "auto" proxies. */
    JsCallback callback(Value callable, boolean auto) {
        int id = realm.registerCallback(callable, host, this);
        return new JsCallback(this, js(() -> realm.callbackFunction(id, auto)), id);
    }
}
