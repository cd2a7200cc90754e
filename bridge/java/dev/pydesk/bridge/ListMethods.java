package dev.pydesk.bridge;

import netscape.javascript.JSObject;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The Python list methods a JavaScript array answers to, as Pyodide's JsArray does: {@code append(x)},
 * {@code extend(iterable)}, and {@code pop(index=-1)} with Python's meaning (JavaScript's own {@code pop()} takes
 * no index).
 */
final class ListMethods {
    private ListMethods() {}

    /** {@code append} or {@code extend} of an array (a name arrays do not have), else null. */
    static Object of(JsObject array, String name) {
        if (!name.equals("append") && !name.equals("extend")) return null;
        JSObject js = array.js();
        JsValues values = array.values;
        if (!Boolean.TRUE.equals(values.js(() -> values.realm.helper("isArray", js)))) return null;
        if (name.equals("append")) {
            return (ProxyExecutable) arguments -> {
                push(values, js, values.toJs(arguments));
                return values.none();
            };
        }
        return (ProxyExecutable) arguments -> {
            Value items = arguments.length == 1 ? arguments[0] : null;
            if (items == null || !items.hasIterator()) throw values.error("TypeError", "extend() takes one iterable");
            Value iterator = items.getIterator();
            while (iterator.hasIteratorNextElement()) {
                push(values, js, values.toJs(iterator.getIteratorNextElement()));
            }
            return values.none();
        };
    }

    static Object pop(JsObject array) {
        JSObject js = array.js();
        JsValues values = array.values;
        return (ProxyExecutable) arguments -> {
            int size = ((Number) values.js(() -> js.getMember("length"))).intValue();
            int index = arguments.length == 0 ? -1 : arguments[0].asInt();
            int position = index < 0 ? index + size : index;
            if (position < 0 || position >= size) throw values.error("IndexError", "pop index out of range");
            Object removed = values.js(() -> ((JSObject) js.call("splice", position, 1)).getSlot(0));
            return values.fromJs(removed);
        };
    }

    private static void push(JsValues values, JSObject array, Object... items) {
        values.js(() -> array.call("push", items));
    }
}
