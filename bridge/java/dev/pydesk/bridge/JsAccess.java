package dev.pydesk.bridge;

import java.util.concurrent.Callable;
import netscape.javascript.JSException;
import netscape.javascript.JSObject;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * What page Python may do with JavaScript, and nothing more: the host object behind the {@code pyscript} package's
 * JS proxies. Every call runs on the FX thread (directly for main-thread Python, marshalled and awaited for a
 * worker). Methods never throw into Python: a JavaScript exception comes back as {@link JsRealm#ERROR} with the
 * message in {@link #lastError()}, so the Python side raises a proper Python exception.
 */
public final class JsAccess {
    private final JsRealm realm;
    private final PythonHost host;
    private final DomAccess dom;
    private volatile String lastError = "";

    public JsAccess(JsRealm realm, PythonHost host) {
        this.realm = realm;
        this.host = host;
        this.dom = new DomAccess(this, realm);
    }

    /** The batched DOM steps of {@code pyscript.web}. */
    @Export
    public DomAccess dom() {
        return dom;
    }

    @Export
    public Object window() {
        return FxThread.call(() -> new JsRef(realm.window()));
    }

    @Export
    public Object undefinedMarker() {
        return JsRealm.UNDEFINED;
    }

    @Export
    public Object missingMarker() {
        return JsRealm.MISSING;
    }

    @Export
    public Object functionMarker() {
        return JsRealm.FUNCTION;
    }

    @Export
    public Object errorMarker() {
        return JsRealm.ERROR;
    }

    @Export
    public String lastError() {
        return lastError;
    }

    @Export
    public Object get(Value ref, Value key) {
        JSObject target = target(ref);
        Object k = key(key);
        return js(() -> JsRealm.fromJs(realm.helper("get", target, k)));
    }

    /** An attribute for Python's getattr: like {@link #get}, but a function is {@link JsRealm#FUNCTION}. */
    @Export
    public Object attr(Value ref, String name) {
        JSObject target = target(ref);
        return js(() -> JsRealm.fromJs(realm.helper("attr", target, name)));
    }

    @Export
    public Object set(Value ref, Value key, Value value) {
        JSObject target = target(ref);
        Object k = key(key);
        Object v = JsRealm.toJs(value);
        return js(() -> {
            realm.helper("set", target, k, v);
            return null;
        });
    }

    @Export
    public Object delete(Value ref, Value key) {
        JSObject target = target(ref);
        Object k = key(key);
        return js(() -> realm.helper("del", target, k));
    }

    @Export
    public Object has(Value ref, Value key) {
        JSObject target = target(ref);
        Object k = key(key);
        return js(() -> realm.helper("has", target, k));
    }

    @Export
    public Object call(Value function, Value self, Value args) {
        Object[] all = prepend(target(function), self.isNull() ? JsRealm.UNDEFINED_TOKEN : JsRealm.toJs(self), arguments(args));
        return js(() -> JsRealm.fromJs(realm.helper("apply", all)));
    }

    @Export
    public Object callMethod(Value ref, String name, Value args) {
        Object[] all = prepend(target(ref), name, arguments(args));
        return js(() -> JsRealm.fromJs(realm.helper("callMethod", all)));
    }

    @Export
    public Object construct(Value constructor, Value args) {
        Object[] all = prepend(target(constructor), null, arguments(args), 1);
        return js(() -> JsRealm.fromJs(realm.helper("construct", all)));
    }

    @Export
    public Object typeOf(Value ref) {
        JSObject target = target(ref);
        return js(() -> realm.helper("typeOf", target));
    }

    @Export
    public Object str(Value ref) {
        JSObject target = target(ref);
        return js(() -> realm.helper("str", target));
    }

    @Export
    public Object same(Value a, Value b) {
        Object left = JsRealm.toJs(a);
        Object right = JsRealm.toJs(b);
        return js(() -> realm.helper("same", left, right));
    }

    @Export
    public Object isArray(Value ref) {
        JSObject target = target(ref);
        return js(() -> realm.helper("isArray", target));
    }

    @Export
    public Object keys(Value ref) {
        JSObject target = target(ref);
        return js(() -> JsRealm.fromJs(realm.helper("keys", target)));
    }

    @Export
    public Object array(Value items) {
        Object[] values = arguments(items);
        return js(() -> JsRealm.fromJs(realm.helper("array", values)));
    }

    @Export
    public Object object() {
        return js(() -> JsRealm.fromJs(realm.helper("object")));
    }

    /** Registers a Python callable and returns its id; {@link #function(int)} makes the JS function. */
    @Export
    public int registerCallback(Value callable) {
        return realm.registerCallback(callable, host);
    }

    /** The JS function for a registered callback; {@code auto}: released when JavaScript lets go of it. */
    @Export
    public Object function(int id, boolean auto) {
        return js(() -> JsRealm.fromJs(realm.callbackFunction(id, auto)));
    }

    /** A Uint8Array with the bytes of a latin-1 string (one char per byte). */
    @Export
    public Object bytesToJs(String latin1) {
        return js(() -> JsRealm.fromJs(realm.helper("bytesToJs", latin1)));
    }

    /** The bytes of a typed array, ArrayBuffer or DataView, as a latin-1 string. */
    @Export
    public Object bytesFromJs(Value ref) {
        JSObject target = target(ref);
        return js(() -> realm.helper("bytesFromJs", target));
    }

    @Export
    public Object isBinary(Value ref) {
        JSObject target = target(ref);
        return js(() -> realm.helper("isBinary", target));
    }

    /** A Promise of the modules at these URLs (relative to the page): {@code js_import}. */
    @Export
    public Object jsImport(Value urls) {
        Object[] values = arguments(urls);
        return js(() -> JsRealm.fromJs(realm.helper("jsImport", values)));
    }

    @Export
    public void releaseCallback(int id) {
        realm.releaseCallback(id);
    }

    Object js(Callable<Object> work) {
        try {
            return FxThread.call(work);
        } catch (JSException e) {
            lastError = JsRealm.describe(e);
            return JsRealm.ERROR;
        } catch (RuntimeException e) {
            // WebKit reports some failures (e.g. a call on a non-function) as plain runtime exceptions.
            lastError = String.valueOf(e.getMessage());
            return JsRealm.ERROR;
        }
    }

    /** The Python side only ever passes JsRefs here; anything else is a bug in the pyscript package. */
    static JSObject target(Value ref) {
        if (ref != null && ref.isHostObject() && ref.asHostObject() instanceof JsRef jsRef) return jsRef.js;
        throw new IllegalStateException("pyscript bridge: not a JavaScript object: " + ref);
    }

    private static Object key(Value key) {
        if (key.isString()) return key.asString();
        if (key.fitsInInt()) return key.asInt();
        return JsRealm.toJs(key);
    }

    static Object[] arguments(Value list) {
        if (list == null || list.isNull()) return new Object[0];
        int size = (int) list.getArraySize();
        Object[] out = new Object[size];
        for (int i = 0; i < size; i++) {
            out[i] = JsRealm.toJs(list.getArrayElement(i));
        }
        return out;
    }

    static Object[] prepend(Object first, Object second, Object[] rest) {
        return prepend(first, second, rest, 2);
    }

    static Object[] prepend(Object first, Object second, Object[] rest, int head) {
        Object[] all = new Object[rest.length + head];
        all[0] = first;
        if (head > 1) all[1] = second;
        System.arraycopy(rest, 0, all, head, rest.length);
        return all;
    }
}
