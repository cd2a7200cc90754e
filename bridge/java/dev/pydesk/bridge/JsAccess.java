package dev.pydesk.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import netscape.javascript.JSObject;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * What page Python may do with JavaScript beyond reading, writing and calling members (which {@link JsObject} does
 * itself): the host object behind {@code _pydesk.jsproxy} and {@code pyscript.ffi}, one per interpreter. Every
 * JavaScript operation runs on the FX thread (directly for main-thread Python, marshalled and awaited for a
 * worker); a JavaScript exception is raised in Python as {@code JsException}, a misuse as a Python TypeError.
 */
public final class JsAccess {
    private final JsValues values;
    private final DomAccess dom;

    /** {@code type} and {@code config}: the interpreter's, for what happens to callables passed to JavaScript. */
    public JsAccess(JsRealm realm, PythonHost host, String type, Map<String, Object> config) {
        JsValues.CallablePolicy policy = "auto".equals(config.get("experimental_create_proxy"))
                ? JsValues.CallablePolicy.AUTO
                : type.equals("mpy") ? JsValues.CallablePolicy.KEEP : JsValues.CallablePolicy.BORROW;
        this.values = new JsValues(realm, host, policy);
        this.dom = new DomAccess(values);
    }

    /** The batched DOM steps of {@code pyscript.web}. */
    @Export
    public DomAccess dom() {
        return dom;
    }

    /** This interpreter's Python value for a JavaScript object another Java layer holds (e.g. {@code $0}). */
    public Object wrap(JsRef ref) {
        return ref == null ? null : new JsObject(values, ref.js, null, null);
    }

    /** Connects the interpreter's Python side ({@code _pydesk.jsproxy}); before it, nothing here works. */
    public void attach(PythonSide python) {
        values.attach(python);
    }

    /** The Java classes of what page Python gets for JavaScript objects (their Python types are registered). */
    public static Class<?> objectClass() {
        return JsObject.class;
    }

    public static Class<?> callbackClass() {
        return JsCallback.class;
    }

    @Export
    public Object window() {
        return new JsObject(values, FxThread.call(values.realm::window), null, null);
    }

    /**
     * {@code new constructor(...arguments)}; the arguments come as one Python sequence, never as Java varargs
     * (GraalPy would spread a single list argument into them: {@code Uint8Array.new([7])} made seven zeros).
     */
    @Export
    public Object construct(Value constructor, Value arguments) {
        JSObject target = target(constructor).js();
        Value[] given = new Value[(int) arguments.getArraySize()];
        for (int i = 0; i < given.length; i++) given[i] = arguments.getArrayElement(i);
        int mark = values.enterCall();
        try {
            Object[] all = prepend(target, null, values.toJs(given), 1);
            return values.fromJs(values.js(() -> values.realm.helper("construct", all)));
        } finally {
            values.exitCall(mark);
        }
    }

    @Export
    public Object typeOf(Value object) {
        return helper("typeOf", object);
    }

    @Export
    public Object str(Value object) {
        return helper("str", object);
    }

    @Export
    public boolean same(Value a, Value b) {
        JSObject left = JsObject.unwrap(a);
        JSObject right = JsObject.unwrap(b);
        return left != null && right != null && Boolean.TRUE.equals(values.js(() -> values.realm.helper("same", left, right)));
    }

    /** A hash that agrees with {@link #same}: the same JavaScript object gives the same number. */
    @Export
    public int hash(Value object) {
        JSObject js = target(object).js();
        return values.js(js::hashCode);
    }

    @Export
    public boolean isArray(Value object) {
        return Boolean.TRUE.equals(helper("isArray", object));
    }

    @Export
    public boolean isArrayLike(Value object) {
        return Boolean.TRUE.equals(helper("isArrayLike", object));
    }

    @Export
    public boolean isBinary(Value object) {
        return Boolean.TRUE.equals(helper("isBinary", object));
    }

    /** The object's own string keys. */
    @Export
    public Object keys(Value object) {
        JSObject js = target(object).js();
        return values.tuple(values.js(() -> strings(values.realm.helper("keys", js))).toArray());
    }

    /** An array-like's length, a Map's or Set's size, or -1. */
    @Export
    public int size(Value object) {
        return ((Number) helper("size", object)).intValue();
    }

    /** {@code object[key]}; a missing item raises IndexError (an int key) or KeyError. */
    @Export
    public Object item(Value object, Value key) {
        JSObject js = target(object).js();
        Object k = key(key);
        Object value = values.js(() -> values.realm.helper("get", js, k));
        if (value == JsRealm.MISSING) throw values.error(k instanceof Integer ? "IndexError" : "KeyError", String.valueOf(k));
        return values.fromJs(value);
    }

    @Export
    public void setItem(Value object, Value key, Value value) {
        JSObject js = target(object).js();
        Object k = key(key);
        Object v = values.toJs(value);
        values.js(() -> values.realm.helper("set", js, k, v));
    }

    @Export
    public void deleteItem(Value object, Value key) {
        JSObject js = target(object).js();
        Object k = key(key);
        values.js(() -> values.realm.helper("del", js, k));
    }

    /** {@code key in object} in JavaScript's sense. */
    @Export
    public boolean has(Value object, Value key) {
        JSObject js = target(object).js();
        Object k = key(key);
        return Boolean.TRUE.equals(values.js(() -> values.realm.helper("has", js, k)));
    }

    /** A Map's or Set's {@code has(item)}, an array's {@code includes(item)}; None when it has neither. */
    @Export
    public Object contains(Value object, Value item) {
        JSObject js = target(object).js();
        Object v = values.toJs(item);
        Object found = values.js(() -> values.realm.helper("contains", js, v));
        return found == JsRealm.MISSING ? values.none() : found;
    }

    /** The object's {@code values()} or {@code [Symbol.iterator]()} iterator, or None. */
    @Export
    public Object iterator(Value object) {
        return values.fromJs(helper("iterator", object));
    }

    /** A new JavaScript array of these (already converted) Python values. */
    @Export
    public Object array(Value items) {
        List<Object> converted = new ArrayList<>();
        for (long i = 0; i < items.getArraySize(); i++) converted.add(values.toJs(items.getArrayElement(i)));
        Object[] all = converted.toArray();
        return values.fromJs(values.js(() -> values.realm.helper("array", all)));
    }

    @Export
    public Object object() {
        return values.fromJs(values.js(() -> values.realm.helper("object")));
    }

    /** A Python callable registered for a JavaScript function made later ({@link DomAccess#listen}); its id. */
    @Export
    public int registerCallback(Value callable) {
        return values.realm.registerCallback(callable, values.host, values);
    }

    @Export
    public void releaseCallback(int id) {
        values.realm.releaseCallback(id);
    }

    /** {@code create_proxy(callable)}: a JavaScript function that calls it until {@code destroy()}. */
    @Export
    public Object createProxy(Value callable) {
        return values.callback(callable, false);
    }

    /** {@code to_js(callable)}: the function JavaScript gets for it as for an argument (borrowed, kept, "auto"). */
    @Export
    public Object implicitProxy(Value callable) {
        return values.fromJs(values.implicitFunction(callable));
    }

    /** A new "auto" proxy (experimental_create_proxy = "auto"): released when JavaScript lets go of it. */
    @Export
    public Object autoProxy(Value callable) {
        return values.callback(callable, true);
    }

    /** The "auto" proxy made with {@code id} if JavaScript still holds it, else None. */
    @Export
    public Object liveAutoProxy(int id) {
        Object alive = values.js(() -> values.realm.callbackFunction(-id, true));
        return alive instanceof JSObject function ? new JsCallback(values, function, id) : values.none();
    }

    /** The callback id of a proxy made by {@link #createProxy} or {@link #autoProxy}, or -1. */
    @Export
    public int callbackId(Value proxy) {
        return proxy.isProxyObject() && proxy.asProxyObject() instanceof JsCallback callback ? callback.id : -1;
    }

    /** {@code destroy()}: JavaScript calling the function afterwards gets an error. */
    @Export
    public void release(Value proxy) {
        int id = callbackId(proxy);
        if (id < 0) throw values.error("TypeError", "destroy() releases only what create_proxy() made");
        values.realm.releaseCallback(id);
    }

    /** A Uint8Array with the bytes of a latin-1 string (one char per byte). */
    @Export
    public Object bytesToJs(String latin1) {
        return values.fromJs(values.js(() -> values.realm.helper("bytesToJs", latin1)));
    }

    /** The bytes of a typed array, ArrayBuffer or DataView, as a latin-1 string. */
    @Export
    public Object bytesFromJs(Value object) {
        return helper("bytesFromJs", object);
    }

    /** A Promise of the modules at these URLs (relative to the page): {@code js_import}. */
    @Export
    public Object jsImport(Value urls) {
        Object[] all = new Object[(int) urls.getArraySize()];
        for (int i = 0; i < all.length; i++) all[i] = urls.getArrayElement(i).asString();
        return values.fromJs(values.js(() -> values.realm.helper("jsImport", all)));
    }

    private Object helper(String name, Value object) {
        JSObject js = target(object).js();
        return values.js(() -> values.realm.helper(name, js));
    }

    private JsObject target(Value value) {
        return values.target(value);
    }

    private Object key(Value key) {
        if (key.isString()) return key.asString();
        if (key.fitsInInt()) return key.asInt();
        return values.toJs(key);
    }

    /** The items of a JavaScript array of strings. FX thread. */
    static List<Object> strings(Object jsArray) {
        List<Object> out = new ArrayList<>();
        if (jsArray instanceof JSObject array) {
            int length = ((Number) array.getMember("length")).intValue();
            for (int i = 0; i < length; i++) out.add(String.valueOf(array.getSlot(i)));
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
