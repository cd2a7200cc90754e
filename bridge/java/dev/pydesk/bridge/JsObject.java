package dev.pydesk.bridge;

import netscape.javascript.JSObject;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A JavaScript object, function or array as page Python holds it. GraalPy's interop reads it directly: an attribute
 * read is {@link #getMember}, a write {@link #putMember}, a call {@link #execute}, each one crossing into JavaScript,
 * with no Python code on the way ({@code _pydesk.jsproxy.JsProxy} is mixed into its Python type for Pyodide's other
 * methods: {@code new()}, {@code to_py()}, {@code typeof}, indexing, iteration, {@code await}, ...). It exposes no
 * Java member: page Python can only do JavaScript things with it.
 *
 * <p>A member read from an object remembers where it came from, so that calling it calls the method by name on that
 * object ({@code document.getElementById("x")}: {@code this} is the document), and a DOM class's methods are not
 * even fetched until something other than a call needs them ({@link DomShapes}).
 */
public class JsObject implements ProxyObject, ProxyExecutable {
    final JsValues values;
    private final JsObject owner;
    private final String name;
    private JSObject js;
    private boolean stale;

    JsObject(JsValues values, JSObject js, JsObject owner, String name) {
        this.values = values;
        this.js = js;
        this.owner = owner;
        this.name = name;
    }

    /** The JavaScript object; a method read without its function fetches the function now. */
    JSObject js() {
        JSObject known = js;
        if (known == null) {
            JSObject from = owner.js();
            Object fetched = values.js(() -> {
                Object direct = direct(from, name);
                return direct == STALE ? values.realm.helper("get", from, name) : direct;
            });
            if (!(fetched instanceof JSObject function)) {
                throw values.error("TypeError", name + " is no longer a JavaScript function");
            }
            js = known = function;
        }
        return known;
    }

    /** The JavaScript object behind a Python value, or null when it is not a JavaScript object. */
    public static JSObject unwrap(Value value) {
        return value != null && value.isProxyObject() && value.asProxyObject() instanceof JsObject object
                ? object.js() : null;
    }

    @Override
    public Object getMember(String key) {
        JSObject self = js();
        boolean shaped = DomShapes.remembered(self);
        Boolean method = shaped ? DomShapes.isMethod(self, key) : null;
        if (method == Boolean.TRUE) return new JsObject(values, null, this, key);
        if ((method == Boolean.FALSE || !shaped) && !stale) {
            Object value = values.js(() -> direct(self, key));
            stale = value == STALE;
            // null may be a symbol (WebKit hands one over as null): JavaScript says which, below
            if (!stale && value != null && !JsRealm.isUndefined(value)) {
                return key.equals("pop") && isArray(self) ? ListMethods.pop(this) : values.fromJs(value, this, key);
            }
        }
        // null or undefined, missing, or a member of a DOM class seen for the first time: JavaScript says which
        Object described = values.js(() -> values.realm.helper("member", self, key));
        if (shaped) DomShapes.learn(self, key, described == JsRealm.METHOD);
        if (described == JsRealm.METHOD || described == JsRealm.FUNCTION) return new JsObject(values, null, this, key);
        if (described == JsRealm.MISSING) {
            Object listMethod = ListMethods.of(this, key);
            if (listMethod != null) return listMethod;
            throw values.error("AttributeError", "JavaScript object has no attribute '" + key + "'");
        }
        return values.fromJs(described, this, key);
    }

    /**
     * A held JSObject of the page's window can go stale (WebKit's getMember then throws a NullPointerException in
     * native code, while calls and passing it to the boot helpers still work): such reads go through the helpers.
     */
    private static final Object STALE = new Object();

    private static Object direct(JSObject self, String key) {
        try {
            return self.getMember(key);
        } catch (NullPointerException stale) {
            return STALE;
        }
    }

    private boolean isArray(JSObject self) {
        return Boolean.TRUE.equals(values.js(() -> values.realm.helper("isArray", self)));
    }

    /** Dunder names are Python's business: they never reach JavaScript. */
    @Override
    public boolean hasMember(String key) {
        // GraalPy itself asks for some, e.g. org.graalvm.python.embedding.KeywordArguments.is_keyword_arguments
        return !(key.startsWith("__") && key.endsWith("__")) && !key.startsWith("org.graalvm.");
    }

    @Override
    public void putMember(String key, Value value) {
        JSObject self = js();
        Object converted = values.toJs(value);
        values.js(() -> {
            try {
                self.setMember(key, converted);
            } catch (NullPointerException stale) { // see STALE
                values.realm.helper("set", self, key, converted);
            }
            return null;
        });
    }

    @Override
    public boolean removeMember(String key) {
        JSObject self = js();
        return Boolean.TRUE.equals(values.js(() -> values.realm.helper("del", self, key)));
    }

    @Override
    public Object getMemberKeys() {
        JSObject self = js();
        return ProxyArray.fromList(values.js(() -> JsAccess.strings(values.realm.helper("keys", self))));
    }

    /**
     * Calls the function (from Python: GraalPy's call of a foreign executable, reached from {@code JsProxy.__call__}):
     * a member by name on the object it was read from, anything else with {@code this} undefined. Python callables
     * among the arguments are borrowed for the call (py).
     */
    @Override
    public Object execute(Value... arguments) {
        int mark = values.enterCall();
        try {
            Object[] converted = values.toJs(arguments);
            Object result;
            if (owner != null && owner.stale) { // a stale window's calls fail too ("Invalid function reference")
                JSObject target = owner.js();
                result = values.js(() -> values.realm.helper("callMethod", JsAccess.prepend(target, name, converted)));
                if (result == JsRealm.MISSING) throw values.error("TypeError", name + " is not a function");
            } else if (owner != null) {
                JSObject target = owner.js();
                result = values.js(() -> target.call(name, converted));
            } else {
                JSObject function = js();
                result = values.js(() -> values.realm.helper("apply", JsAccess.prepend(function,
                        JsRealm.UNDEFINED_TOKEN, converted)));
            }
            return values.fromJs(result);
        } finally {
            values.exitCall(mark);
        }
    }
}
